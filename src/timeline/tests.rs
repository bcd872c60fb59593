use super::*;
use crate::export::dot::sample;

/// The sample with Erdoğan seen in March and June 2019 (not in April), with `a_b` in March
/// and `say` in June.
fn dated() -> GraphDocument {
    let mut doc = sample();
    doc.nodes[1].periods = vec![("2019-03".into(), 2), ("2019-06".into(), 4)];
    doc.edges[0].periods = vec![("2019-03".into(), 2)];
    doc.edges[1].periods = vec![("2019-06".into(), 1)];
    doc
}

#[test]
fn the_span_runs_from_the_first_to_the_last_period_without_gaps() {
    assert_eq!(span(&dated()), ["2019-03", "2019-04", "2019-05", "2019-06"]);
    assert!(span(&sample()).is_empty());
}

#[test]
fn rows_fill_gaps_with_zero_and_rank_partners_per_period() {
    let [t] = &timelines(&dated(), &["erdogan".into()], 3)[..] else {
        panic!("one timeline")
    };
    let rows: Vec<(&str, u64)> = t
        .periods
        .iter()
        .map(|r| (r.period.as_str(), r.mentions))
        .collect();
    assert_eq!(
        rows,
        [
            ("2019-03", 2),
            ("2019-04", 0),
            ("2019-05", 0),
            ("2019-06", 4)
        ]
    );
    assert_eq!(t.periods[0].partners, [("a_b".to_owned(), 2)]);
    // Relations are statements, not partners by co-occurrence.
    assert!(t.periods[3].partners.is_empty());
    assert_eq!(t.partners, [("a_b".to_owned(), 2)]);
}

#[test]
fn partners_are_cut_to_top_with_ties_by_id() {
    let mut doc = dated();
    let mut extra = doc.edges[0].clone();
    extra.source = "erdogan".into();
    extra.target = "zz".into();
    doc.edges.push(extra.clone());
    extra.target = "b".into();
    doc.edges.push(extra);
    let t = &timelines(&doc, &["erdogan".into()], 2)[0];
    assert_eq!(
        t.periods[0].partners,
        [("a_b".to_owned(), 2), ("b".to_owned(), 2)]
    );
}

#[test]
fn unknown_ids_give_no_timeline() {
    assert!(timelines(&dated(), &["nobody".into()], 3).is_empty());
}
