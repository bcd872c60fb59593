use super::*;
use crate::gazetteer::GazetteerBuilder;

fn gazetteer() -> Gazetteer {
    GazetteerBuilder::new()
            .source(
                "test.ron",
                r#"(entities: [
                    (id: "kim_jong_un", kind: "person", name: "Kim Jong Un", aliases: ["Kim Jong-un"], partial: ["Kim"]),
                    (id: "nikki_haley", kind: "person", name: "Nikki Haley"),
                    (id: "north_korea", kind: "state", name: "North Korea", country: "KP"),
                    (id: "libya", kind: "state", name: "Libya", country: "LY", demonyms: ["Libyan"]),
                    (id: "lebanon", kind: "state", name: "Lebanon", country: "LB"),
                    (id: "lna", kind: "group", name: "Libyan National Army", aliases: ["LNA"]),
                    (id: "tripoli", kind: "place", name: "Tripoli", country: "LY", ambiguous: ["Tripoli"]),
                    (id: "tripoli_lb", kind: "place", name: "Tripoli, Lebanon", aliases: ["Tripoli"], country: "LB", ambiguous: ["Tripoli"]),
                    (id: "jordan", kind: "state", name: "Jordan", country: "JO"),
                    (id: "wagner_group", kind: "group", name: "Wagner Group", aliases: ["Wagner"]),
                    (id: "sheffield", kind: "place", name: "Sheffield", strict: true),
                    (id: "kansas_city", kind: "place", name: "Kansas City", strict: true),
                    (id: "kansas", kind: "place", name: "Kansas", strict: true),
                    (id: "madrid", kind: "place", name: "Madrid", strict: true),
                ])"#,
            )
            .build()
            .unwrap()
}

fn mentions(text: &str) -> Vec<(String, String)> {
    let g = gazetteer();
    Annotator::new(&g)
        .unwrap()
        .annotate(text)
        .mentions
        .iter()
        .map(|x| {
            (
                text[x.start..x.end].to_owned(),
                g.entity(x.entity).id.clone(),
            )
        })
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|(_, id)| id).collect()
}

#[test]
fn partial_names_need_the_full_name_in_the_document() {
    assert_eq!(ids("Kim said no."), Vec::<String>::new());
    assert_eq!(
        ids("Kim Jong Un spoke. Later, Kim said no."),
        ["kim_jong_un", "kim_jong_un"]
    );
    // The full name may come after the partial one.
    assert_eq!(
        ids("Kim said no. Kim Jong-un is North Korea's leader."),
        ["kim_jong_un", "kim_jong_un", "north_korea"]
    );
    assert_eq!(
        ids("Kim Jong Un met Nikki Haley. Haley left."),
        ["kim_jong_un", "nikki_haley", "nikki_haley"]
    );
}

#[test]
fn partial_names_never_match_inside_another_name() {
    let text = "Kim Jong Un spoke. Kim Sung-han and Jeongmin Kim disagreed; President Kim did not.";
    let found = mentions(text);
    let at: Vec<usize> = found.iter().map(|(s, _)| s.len()).collect();
    assert_eq!(ids(text), ["kim_jong_un", "kim_jong_un"]);
    // The second is the `Kim` of "President Kim", not of the other two names.
    assert_eq!(at, ["Kim Jong Un".len(), "Kim".len()]);
    let g = gazetteer();
    let second = Annotator::new(&g).unwrap().annotate(text).mentions[1];
    assert_eq!(
        second.start,
        text.find("President Kim").unwrap() + "President ".len()
    );
}

#[test]
fn longest_wins_and_adjacent_matches_both_count() {
    assert_eq!(
        ids("the Libyan National Army and Libyan forces"),
        ["lna", "libya"]
    );
    assert_eq!(ids("LNA Libya"), ["lna", "libya"]);
}

#[test]
fn shared_aliases_resolve_by_context_or_stay_unresolved() {
    let g = gazetteer();
    let a = Annotator::new(&g).unwrap();
    let libya = a.annotate("Clashes in Tripoli, Libya.");
    let names: Vec<&str> = libya
        .mentions
        .iter()
        .map(|x| g.entity(x.entity).id.as_str())
        .collect();
    assert_eq!(names, ["tripoli", "libya"]);
    let lebanon = a.annotate("Tripoli is Lebanon's second city.");
    assert_eq!(g.entity(lebanon.mentions[0].entity).id, "tripoli_lb");
    let neither = a.annotate("Clashes in Tripoli.");
    assert!(neither.mentions.is_empty());
    assert_eq!(neither.unresolved.len(), 1);
    assert_eq!(neither.unresolved[0].reason, Reason::Undecided);
}

#[test]
fn borrowed_names_are_not_the_place_state_or_group() {
    let none = Vec::<String>::new();
    let cases: &[(&str, &[&str])] = &[
        // A surname after a given name or an honorific.
        ("Michael Jordan scored 40 points.", &[]),
        ("Ann Wagner, the US representative, voted.", &[]),
        ("Richard Wagner wrote operas.", &[]),
        ("Mr. Wagner declined to comment.", &[]),
        ("Mrs Jordan said no.", &[]),
        ("Dr. Jordan said no.", &[]),
        // Not a given name: a month, a common word, a place.
        ("On June Jordan reopened its border.", &["jordan"]),
        ("Long Wagner's fighters waited.", &["wagner_group"]),
        (
            "King Abdullah of Jordan met Wagner fighters.",
            &["jordan", "wagner_group"],
        ),
        // A team in a results line, shorter names inside it too.
        ("KANSAS CITY 4 Detroit 3", &[]),
        ("Sheffield 2 Madrid 1", &[]),
        // Part of a longer capitalised name, for strict entities only.
        ("Sheffield United beat Real Madrid.", &[]),
        (
            "Fighting near Sheffield and in Madrid.",
            &["sheffield", "madrid"],
        ),
        (
            "Northern Sheffield flooded on Monday; Madrid Tuesday.",
            &["sheffield", "madrid"],
        ),
        ("SHEFFIELD WEDNESDAY IN MADRID", &["sheffield", "madrid"]),
        ("Jordan Wednesday closed its border.", &["jordan"]),
    ];
    for (text, want) in cases {
        let got = ids(text);
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{text}"
        );
    }
    assert_eq!(ids("Wagner Group mercenaries"), ["wagner_group"]);
    assert_eq!(ids("MICHAEL JORDAN"), none);
}

#[test]
fn mentions_carry_sentence_and_paragraph() {
    let g = gazetteer();
    let a = Annotator::new(&g)
        .unwrap()
        .annotate("Libya.\n\nIn Tripoli, Libya. The LNA won.");
    let at: Vec<(u32, u32)> = a
        .mentions
        .iter()
        .map(|x| (x.paragraph, x.sentence))
        .collect();
    assert_eq!(at, [(0, 0), (1, 1), (1, 1), (1, 2)]);
}
