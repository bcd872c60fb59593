use super::*;
use crate::export::Format;
use crate::export::dot::sample;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The sample with Erdoğan seen in March, April and June 2019 and the co-occurrence edge in
/// April.
fn dated() -> GraphDocument {
    let mut doc = sample();
    let erdogan = doc.nodes.iter_mut().find(|n| n.id == "erdogan").unwrap();
    erdogan.periods = vec![
        ("2019-03".into(), 2),
        ("2019-04".into(), 1),
        ("2019-06".into(), 4),
    ];
    erdogan.first_seen = Some(day("2019-03-02"));
    erdogan.last_seen = Some(day("2019-06-30"));
    doc.edges[0].periods = vec![("2019-04".into(), 2)];
    doc
}

#[test]
fn consecutive_periods_join_into_one_spell() {
    let periods = intervals(Period::Month, &dated().nodes[1].periods);
    assert_eq!(
        spells(&periods),
        [
            (day("2019-03-01"), day("2019-04-30")),
            (day("2019-06-01"), day("2019-06-30"))
        ]
    );
}

#[test]
fn a_dated_graph_is_dynamic_with_spells_and_values_per_period() {
    let gexf = Format::Gexf.render(&dated());
    assert!(gexf.contains(r#"mode="dynamic" timeformat="date" timerepresentation="interval""#));
    assert!(gexf.contains(r#"<spell start="2019-03-01" end="2019-04-30"/>"#));
    assert!(gexf.contains(
        r#"<attvalue for="period_mentions" value="4" start="2019-06-01" end="2019-06-30"/>"#
    ));
    assert!(gexf.contains(r#"<attvalue for="first_seen" value="2019-03-02"/>"#));
    assert!(gexf.contains(
        r#"<attvalue for="period_count" value="2" start="2019-04-01" end="2019-04-30"/>"#
    ));
}

#[test]
fn an_undated_graph_is_static_without_time() {
    let gexf = Format::Gexf.render(&sample());
    assert!(gexf.contains(r#"mode="static""#));
    for absent in [
        "timeformat",
        "<spell",
        "period_mentions",
        "first_seen\" value",
    ] {
        assert!(!gexf.contains(absent), "{absent} in {gexf}");
    }
}

#[test]
fn cooccurrence_is_mutual_and_relations_directed() {
    let gexf = Format::Gexf.render(&sample());
    assert!(gexf.contains(r#"source="a_b" target="erdogan" type="mutual""#));
    assert!(gexf.contains(r#"source="erdogan" target="say" type="directed""#));
}

#[test]
fn strings_are_escaped_and_control_characters_replaced() {
    let gexf = Format::Gexf.render(&sample());
    assert!(
        gexf.contains(r#"label="Say &quot;Hi&quot; \ back""#),
        "{gexf}"
    );
    // The name "a\nb" is an attribute: its newline is kept, escaped.
    assert!(gexf.contains(r#"label="a&#10;b""#) || gexf.contains("label=\"a\nb\""));
    let mut doc = sample();
    doc.nodes[0].name = "bell\u{7}".into();
    assert!(Format::Gexf.render(&doc).contains("label=\"bell\u{FFFD}\""));
}

#[test]
fn non_finite_scores_are_left_out() {
    let mut doc = sample();
    doc.nodes[0].pagerank = f64::NAN;
    doc.edges[0].weight = f64::INFINITY;
    let gexf = Format::Gexf.render(&doc);
    assert!(!gexf.contains("NaN") && !gexf.contains("inf"), "{gexf}");
}
