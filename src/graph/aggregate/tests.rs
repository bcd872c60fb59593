use super::*;

#[test]
fn keep_smallest_is_order_independent() {
    let mut a = Vec::new();
    let mut b = Vec::new();
    for x in [5, 1, 9, 3, 7] {
        keep_smallest(&mut a, x, 3);
    }
    for x in [9, 7, 5, 3, 1] {
        keep_smallest(&mut b, x, 3);
    }
    assert_eq!(a, [1, 3, 5]);
    assert_eq!(a, b);
}
