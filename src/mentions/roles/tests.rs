use super::*;
use crate::gazetteer::GazetteerBuilder;
use crate::mentions::{Annotator, Scratch};

const GAZETTEER: &str = r#"(
    offices: [
        (id: "ru_defence", name: "Defence minister of Russia",
         titles: ["Russia's defence minister", "Russian defence minister"]),
        (id: "un_libya", name: "UN envoy for Libya", titles: ["U.N. envoy", "U.N. Libya envoy"], context: ["libya"]),
        (id: "un_syria", name: "UN envoy for Syria", titles: ["U.N. envoy"], context: ["syria"]),
    ],
    entities: [
        (id: "russia", kind: "state", name: "Russia", demonyms: ["Russian"]),
        (id: "libya", kind: "state", name: "Libya"),
        (id: "syria", kind: "state", name: "Syria"),
        (id: "united_nations", kind: "group", name: "United Nations", aliases: ["U.N."]),
        (id: "sergei_shoigu", kind: "person", name: "Sergei Shoigu",
         dated: [(office: "ru_defence", from: "2012-11-06", until: "2024-05-12")]),
        (id: "andrei_belousov", kind: "person", name: "Andrei Belousov",
         dated: [(office: "ru_defence", from: "2024-05-14")]),
        (id: "ghassan_salame", kind: "person", name: "Ghassan Salame",
         dated: [(office: "un_libya", from: "2017-06-22", until: "2020-03-02")]),
        (id: "geir_pedersen", kind: "person", name: "Geir Pedersen",
         dated: [(office: "un_syria", from: "2019-01-07")]),
        (id: "wagner_group", kind: "group", name: "Wagner Group",
         dated: [(affiliation: "africa_corps", from: "2024", note: "in Africa")]),
        (id: "africa_corps", kind: "group", name: "Russian Africa Corps",
         dated: [(alias: "Africa Corps", from: "2024")]),
    ],
)"#;

fn date(text: &str) -> Option<NaiveDate> {
    crate::time::parse_iso(text).ok()
}

/// `(text, entity id, form)` of every mention of `text` on `date`, and the unresolved count.
fn annotate(text: &str, on: &str) -> (Vec<(String, String, String)>, usize) {
    let g = GazetteerBuilder::new()
        .source("test.ron", GAZETTEER)
        .build()
        .unwrap();
    let annotator = Annotator::new(&g).unwrap();
    let a = annotator.annotate_dated(text, date(on), &mut Scratch::default());
    let found = a.mentions.iter().map(|m| {
        let entity = g.entity(m.entity).id.clone();
        (
            text[m.start..m.end].to_owned(),
            entity,
            m.form.describe(&g).into_owned(),
        )
    });
    (found.collect(), a.unresolved.len())
}

fn ids(text: &str, on: &str) -> Vec<String> {
    annotate(text, on)
        .0
        .into_iter()
        .map(|(_, id, _)| id)
        .collect()
}

#[test]
fn titles_name_the_holder_on_the_documents_date() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Russia's defence minister flew in.",
            "2023-06-01",
            &["sergei_shoigu"],
        ),
        (
            "Russia's defence minister flew in.",
            "2025-03-01",
            &["andrei_belousov"],
        ),
        (
            "Russia's defence minister flew in.",
            "2024-05-12",
            &["sergei_shoigu"],
        ),
        // Between the two terms nobody held the post: Russia is still named.
        (
            "Russia's defence minister flew in.",
            "2024-05-13",
            &["russia"],
        ),
        (
            "Russia's defence minister flew in.",
            "2012-01-01",
            &["russia"],
        ),
        // Undated: no title is resolved.
        ("Russia's defence minister flew in.", "", &["russia"]),
        (
            "the Russian defence minister said",
            "2025-03-01",
            &["andrei_belousov"],
        ),
        // The title qualifies a name, or someone else's term.
        (
            "Russian defence minister Sergei Shoigu said",
            "2025-03-01",
            &["russia", "sergei_shoigu"],
        ),
        (
            "the former Russian defence minister said",
            "2025-03-01",
            &["russia"],
        ),
        (
            "Russia's deputy defence minister said",
            "2025-03-01",
            &["russia"],
        ),
        // Context: the U.N. envoy of a document about Libya; about both, unresolved.
        (
            "The U.N. envoy met Libya's rivals.",
            "2019-05-05",
            &["ghassan_salame", "libya"],
        ),
        (
            "The U.N. envoy spoke in Geneva.",
            "2019-05-05",
            &["united_nations"],
        ),
        (
            "The U.N. Libya envoy resigned.",
            "2019-05-05",
            &["ghassan_salame"],
        ),
        (
            "The U.N. envoy left Libya for Syria.",
            "2019-05-05",
            &["united_nations", "libya", "syria"],
        ),
        // A title for something else, a description, or before an unknown name.
        // "for Syria" picks the Syria envoy, though Libya is named too.
        (
            "The U.N. envoy for Syria met Libya's rivals.",
            "2019-05-05",
            &["geir_pedersen", "syria", "libya"],
        ),
        (
            "while he was the Russian defence minister",
            "2023-06-01",
            &["russia"],
        ),
        (
            "as the Russian defence minister, he",
            "2023-06-01",
            &["russia"],
        ),
        (
            "the next Russian defence minister",
            "2023-06-01",
            &["russia"],
        ),
        (
            "the 10th Russian defence minister",
            "2023-06-01",
            &["russia"],
        ),
        ("a Russian defence minister", "2023-06-01", &["russia"]),
        (
            "Russian defence minister visits Syria",
            "2023-06-01",
            &["sergei_shoigu", "syria"],
        ),
        (
            "He said. Russia's defence minister agreed",
            "2023-06-01",
            &["sergei_shoigu"],
        ),
        (
            "when Russia's defence minister visited",
            "2023-06-01",
            &["sergei_shoigu"],
        ),
        (
            "when he was Russia's defence minister",
            "2023-06-01",
            &["russia"],
        ),
        (
            "Russian defence minister Ivan Petrov said",
            "2023-06-01",
            &["russia"],
        ),
    ];
    for (text, on, want) in cases {
        assert_eq!(ids(text, on), *want, "{text} on {on:?}");
    }
}

#[test]
fn titles_record_their_office_and_ambiguity_is_counted() {
    let (found, unresolved) = annotate("Russia's defence minister flew in.", "2023-06-01");
    let title = (
        "Russia's defence minister",
        "sergei_shoigu",
        "title:ru_defence",
    );
    assert_eq!(found.len(), 1);
    assert_eq!((&*found[0].0, &*found[0].1, &*found[0].2), title);
    assert_eq!(unresolved, 0);
    let (_, unresolved) = annotate("The U.N. envoy left Libya for Syria.", "2019-05-05");
    assert_eq!(unresolved, 1, "two offices fit");
}

#[test]
fn dated_aliases_count_in_their_window_and_in_undated_documents() {
    let text = "The Africa Corps arrived.";
    for (on, want) in [
        ("2023-12-31", &[][..]),
        ("2024-01-01", &["africa_corps"]),
        ("", &["africa_corps"]),
    ] {
        assert_eq!(ids(text, on), want, "{on:?}");
    }
    // The undated name is not restricted.
    assert_eq!(
        ids("The Russian Africa Corps arrived.", "2020-01-01"),
        ["africa_corps"]
    );
}

#[test]
fn affiliations_hold_in_their_window() {
    let g = GazetteerBuilder::new()
        .source("test.ron", GAZETTEER)
        .build()
        .unwrap();
    let (wagner, corps) = (
        g.lookup("wagner_group").unwrap(),
        g.lookup("africa_corps").unwrap(),
    );
    assert_eq!(g.affiliations_on(wagner, date("2023-12-31")), []);
    assert_eq!(g.affiliations_on(wagner, date("2024-01-01")), [corps]);
    assert_eq!(g.affiliations_on(wagner, None), [corps]);
    let dated: Vec<_> = g.dated_affiliations(wagner).collect();
    assert_eq!(dated[0].note.as_deref(), Some("in Africa"));
}
