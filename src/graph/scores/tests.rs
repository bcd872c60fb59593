use super::*;

#[test]
fn scores_match_hand_computation() {
    // 10 windows; a in 4, b in 2, both in 2.
    let s = Scores::new(2.0, 4.0, 2.0, 10.0);
    assert!((s.pmi - (2.0f64 * 10.0 / 8.0).log2()).abs() < 1e-9);
    assert!((s.npmi - s.pmi / -(0.2f64).log2()).abs() < 1e-9);
    assert!((s.jaccard - 0.5).abs() < 1e-9);
    // G² by hand: O = [2, 2, 0, 6], E = [0.8, 3.2, 1.2, 4.8].
    let g2 =
        2.0 * (2.0 * (2.0f64 / 0.8).ln() + 2.0 * (2.0f64 / 3.2).ln() + 6.0 * (6.0f64 / 4.8).ln());
    assert!((s.llr - g2).abs() < 1e-6, "{} vs {g2}", s.llr);
    // Independence scores zero.
    let s = Scores::new(1.0, 2.0, 5.0, 10.0);
    assert!(s.pmi.abs() < 1e-9 && s.llr.abs() < 1e-9);
}
