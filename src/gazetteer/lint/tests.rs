use super::*;
use crate::gazetteer::GazetteerBuilder;

#[test]
fn finds_each_kind_of_problem() {
    let g = GazetteerBuilder::new()
            .source(
                "t.ron",
                r#"(entities: [
                    (id: "libya", kind: "state", name: "Libya", demonyms: ["Libyan"]),
                    (id: "lna", kind: "group", name: "Libyan National Army"),
                    (id: "turkey", kind: "state", name: "Turkey"),
                    (id: "t1", kind: "place", name: "Tripoli", ambiguous: ["Tripoli"]),
                    (id: "t2", kind: "place", name: "Tripoli, Lebanon", aliases: ["Tripoli"], ambiguous: ["Tripoli"]),
                ])"#,
            )
            .build()
            .unwrap();
    let hits: Vec<u64> = g
        .aliases()
        .iter()
        .map(|a| u64::from(a.text != "Turkey"))
        .collect();
    let found: Vec<(Check, String, String)> = lint(&g, Some(&hits))
        .into_iter()
        .map(|f| (f.check, f.alias, f.entity))
        .collect();
    assert_eq!(
        found,
        [
            (Check::Shadowed, "Libyan".into(), "libya".into()),
            (Check::Shadowed, "Tripoli".into(), "t1".into()),
            (Check::CommonWord, "Turkey".into(), "turkey".into()),
            (Check::Ambiguous, "Tripoli".into(), "t1,t2".into()),
            (Check::NoHits, "Turkey".into(), "turkey".into()),
        ]
    );
}
