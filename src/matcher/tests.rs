use super::*;
use crate::gazetteer::GazetteerBuilder;

fn gazetteer() -> Gazetteer {
    GazetteerBuilder::new()
        .source(
            "test.ron",
            r#"(entities: [
                    (id: "niger", kind: "state", name: "Niger"),
                    (id: "nigeria", kind: "state", name: "Nigeria"),
                    (id: "us", kind: "state", name: "United States", aliases: ["US", "U.S."]),
                    (id: "turkey", kind: "state", name: "Turkey"),
                    (id: "libya", kind: "state", name: "Libya", demonyms: ["Libyan"]),
                    (id: "lna", kind: "group", name: "Libyan National Army", aliases: ["LNA"]),
                ])"#,
        )
        .build()
        .unwrap()
}

/// (surface, entity ids) of every candidate in `text`.
fn found(text: &str) -> Vec<(String, Vec<String>)> {
    let g = gazetteer();
    let m = Matcher::new(&g).unwrap();
    let mut out = Vec::new();
    m.candidates(text, &mut out);
    out.into_iter()
        .map(|c| {
            let ids = c
                .readings
                .iter()
                .map(|r| g.entity(r.entity).id.clone())
                .collect();
            (text[c.start..c.end].to_owned(), ids)
        })
        .collect()
}

#[test]
fn whole_words_only_and_overlaps_kept() {
    let pair = |s: &str, id: &str| (s.to_owned(), vec![id.to_owned()]);
    assert_eq!(
        found("Nigeria and Niger."),
        [pair("Nigeria", "nigeria"), pair("Niger", "niger")]
    );
    assert_eq!(
        found("the Libyan National Army"),
        [pair("Libyan National Army", "lna"), pair("Libyan", "libya")]
    );
    assert_eq!(found("Libyans, Nigerien"), []);
}

#[test]
fn capitalisation_rules() {
    let surfaces = |text: &str| found(text).into_iter().map(|(s, _)| s).collect::<Vec<_>>();
    assert_eq!(surfaces("let us go, US and U.S. forces"), ["US", "U.S."]);
    assert_eq!(surfaces("U.S.-led, in the U.S."), ["U.S.", "U.S."]);
    assert_eq!(surfaces("Us and u.s."), Vec::<String>::new());
    assert_eq!(surfaces("a turkey in Turkey, TURKEY"), ["Turkey", "TURKEY"]);
    assert_eq!(surfaces("LIBYA; libya"), ["LIBYA", "libya"]);
}
