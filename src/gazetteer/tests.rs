use super::*;
use crate::text::fold::fold_str;

fn load(text: &str) -> Result<Gazetteer> {
    GazetteerBuilder::new().source("test.ron", text).build()
}

fn message(text: &str) -> String {
    load(text).unwrap_err().to_string()
}

#[test]
fn builtin_gazetteers_load_and_are_sorted() {
    let g = Gazetteer::builtin().unwrap();
    assert!(g.len() > 300, "only {} entities", g.len());
    let ids: Vec<&str> = g.entities().iter().map(|e| e.id.as_str()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    for kind in Kind::ALL {
        assert!(g.entities().iter().any(|e| e.kind == kind), "no {kind}");
    }
    let russia = g.lookup("russia").unwrap();
    assert_eq!(g.state_of_country("RU"), Some(russia));
}

#[test]
fn errors_name_file_line_and_column() {
    let cases = [
        (
            "(entities: [(id: \"a\", kind: \"person\", name: \"A B\"),\n (id: \"a\", kind: \"person\", name: \"C D\")])",
            "test.ron:2:7: duplicate id `a` (first defined in test.ron at 1:18)",
        ),
        (
            "(entities: [\n  (id: \"a\", kind: \"person\", name: \"Ali\", aliases: [\"Bo\"]),\n  (id: \"b\", kind: \"place\", name: \"Bo\"),\n])",
            "test.ron:3:34: alias \"Bo\" of `b` is also an alias of `a`; list it under `ambiguous` in both to allow that",
        ),
        (
            "(entities: [\n  (id: \"a\", kind: \"person\", name: \"Ali\", aliases: [\"--\"]),\n])",
            "test.ron:2:52: empty alias \"--\" in `a`: it has no letters or digits",
        ),
        (
            "(entities: [\n  (id: \"a\", kind: \"planet\", name: \"Mars\"),\n])",
            "test.ron:2:20: unknown kind `planet`: use person, state, group or place",
        ),
        (
            "(entities: [\n  (id: \"a\", kind: \"group\", name: \"Mars\", affiliations: [\"zz\"]),\n])",
            "test.ron:2:57: `a` is affiliated with unknown id `zz`",
        ),
        (
            "(entities: [\n  (id: \"a\", kind: \"place\", name: \"Mars\", parent: \"zz\"),\n])",
            "test.ron:2:50: `a` has unknown parent `zz`",
        ),
        (
            "(entities: [\n  (id: \"Bad Id\", kind: \"group\", name: \"Mars\"),\n])",
            "test.ron:2:8: id `Bad Id` must be non-empty lowercase letters, digits and `_`",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(message(text), want);
    }
}

#[test]
fn syntax_errors_come_from_ron_with_positions() {
    let msg = message("(entities: [\n  (id: \"a\" kind: \"group\"),\n])");
    assert!(msg.starts_with("test.ron:2:"), "{msg}");
}

#[test]
fn declared_ambiguity_and_acronyms_are_allowed() {
    let g = load(
            "(entities: [
              (id: \"tripoli\", kind: \"place\", name: \"Tripoli\", ambiguous: [\"Tripoli\"]),
              (id: \"tripoli_lb\", kind: \"place\", name: \"Tripoli, Lebanon\", aliases: [\"Tripoli\"], ambiguous: [\"Tripoli\"]),
              (id: \"us\", kind: \"state\", name: \"United States\", aliases: [\"US\"]),
              (id: \"us_band\", kind: \"group\", name: \"Us\"),
            ])",
        )
        .unwrap();
    let tripoli: Vec<_> = g
        .aliases()
        .iter()
        .filter(|a| a.folded == "tripoli")
        .collect();
    assert_eq!(tripoli.len(), 2);
    assert!(tripoli.iter().all(|a| a.ambiguous));
}

#[test]
fn persons_get_their_last_name_as_partial_by_default() {
    let g = load(
        "(entities: [
              (id: \"nikki_haley\", kind: \"person\", name: \"Nikki Haley\"),
              (id: \"kim_jong_un\", kind: \"person\", name: \"Kim Jong Un\", partial: [\"Kim\"]),
              (id: \"madonna\", kind: \"person\", name: \"Madonna\"),
            ])",
    )
    .unwrap();
    let partials: Vec<&str> = g
        .aliases()
        .iter()
        .filter(|a| a.form == Form::Partial)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(partials, ["Kim", "Haley"]);
}

#[test]
fn acronyms_and_common_words() {
    assert!(is_acronym("US") && is_acronym("U.S.") && is_acronym("LNA"));
    assert!(!is_acronym("Us") && !is_acronym("Russia") && !is_acronym("123"));
    let rule = |text: &str| CaseRule::of(text, &fold_str(text), Form::Alias);
    assert_eq!(rule("US"), CaseRule::Upper);
    assert_eq!(rule("U.S."), CaseRule::Upper);
    assert_eq!(rule("IS"), CaseRule::Upper);
    assert_eq!(rule("LNA"), CaseRule::Upper);
    // Not a word: "Nato" in British style still matches.
    assert_eq!(rule("NATO"), CaseRule::Any);
    assert_eq!(rule("Turkey"), CaseRule::Capitalised);
    assert_eq!(rule("Russia"), CaseRule::Any);
    assert!(is_common_word("turkey") && is_common_word("chad"));
    assert!(!is_common_word("russia") && !is_common_word("haftar"));
}

#[test]
fn the_word_sets_hold_every_line_of_their_files_and_nothing_else() {
    for (set, text) in [
        (
            &COMMON_WORDS,
            include_str!("../../gazetteers/common-words.txt"),
        ),
        (
            &GIVEN_NAMES,
            include_str!("../../gazetteers/given-names.txt"),
        ),
    ] {
        let lines: std::collections::BTreeSet<&str> = text.lines().collect();
        assert_eq!(set.len(), lines.len());
        assert!(lines.iter().all(|line| set.contains(line)));
    }
    assert!(is_given_name("Michael") && is_given_name("ULRICH"));
    assert!(!is_given_name("baghdad"));
}

#[test]
fn fingerprint_is_order_independent() {
    let a = "(entities: [(id: \"a\", kind: \"place\", name: \"Aa\")])";
    let b = "(entities: [(id: \"b\", kind: \"place\", name: \"Bb\")])";
    let one = GazetteerBuilder::new()
        .source("1", a)
        .source("2", b)
        .build()
        .unwrap();
    let two = GazetteerBuilder::new()
        .source("2", b)
        .source("1", a)
        .build()
        .unwrap();
    assert_eq!(one.fingerprint(), two.fingerprint());
    assert_eq!(one.lookup("b"), Some(EntityId(1)));
}

#[test]
fn shipped_gazetteers_read_from_their_json_twins_as_from_the_ron() {
    let shipped = BUILTIN.into_iter().zip(BUILTIN_JSON);
    let mut entities = 0;
    for ((path, text), json) in shipped.chain([(WORLD_PLACES, WORLD_PLACES_JSON)]) {
        let from_ron: File = ron_options().from_str(text).unwrap();
        let from_json: File = serde_json::from_str(json).unwrap();
        assert_eq!(from_json.entities, from_ron.entities, "{path}");
        // Offices and extensions have no `PartialEq`: compared as written back.
        let ron = |file: &File| ron::to_string(file).unwrap();
        assert_eq!(ron(&from_json), ron(&from_ron), "{path}");
        entities += from_json.entities.len();
    }
    assert!(entities > 6000);
}
