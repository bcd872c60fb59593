use super::*;

#[test]
fn counts_add_up_in_any_order_and_merge_exactly() {
    let day = |m, d| NaiveDate::from_ymd_opt(2019, m, d).unwrap();
    let items = [
        (day(3, 5), 2),
        (day(1, 9), 1),
        (day(3, 1), 4),
        (day(2, 2), 1),
    ];
    let seen = |items: &[(NaiveDate, u64)]| {
        let mut seen = Seen::default();
        for &(d, n) in items {
            seen.add(d, Period::Month.start(d), n);
        }
        seen.finish(Period::Month)
    };
    let whole = seen(&items);
    assert_eq!(whole.first_seen, Some(day(1, 9)));
    assert_eq!(whole.last_seen, Some(day(3, 5)));
    let expected = [("2019-01", 1), ("2019-02", 1), ("2019-03", 6)];
    let expected: Vec<_> = expected.iter().map(|(l, n)| (l.to_string(), *n)).collect();
    assert_eq!(whole.periods, expected);
    let mut reversed = items;
    reversed.reverse();
    assert_eq!(seen(&reversed), whole);
    // Two halves merged are the whole.
    let mut total = seen(&items[..2]);
    merge(
        (
            &mut total.first_seen,
            &mut total.last_seen,
            &mut total.periods,
        ),
        seen(&items[2..]),
    );
    assert_eq!(total, whole);
}
