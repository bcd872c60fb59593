use super::checked::{Element, Pattern};
use super::tokens::tokenize;
use super::*;
use crate::Result;
use crate::gazetteer::Gazetteer;
use crate::mentions::Annotator;
use std::sync::OnceLock;

/// The shipped gazetteers, their annotator and the shipped rules, compiled once.
fn shipped() -> &'static (&'static Gazetteer, Annotator<'static>, Relations) {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    static SHIPPED: OnceLock<(&Gazetteer, Annotator, Relations)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let g = GAZETTEER.get_or_init(|| Gazetteer::builtin().unwrap());
        let m = Annotator::new(g).unwrap();
        let r = Relations::new(&RulesBuilder::new().builtin().build().unwrap(), g).unwrap();
        (g, m, r)
    })
}

/// Every relation in `text`, as `subject type object [NEGATED]`.
fn found(text: &str) -> Vec<String> {
    let (g, m, r) = shipped();
    let annotation = m.annotate(text);
    r.extract(text, &annotation)
        .iter()
        .map(|x| r.describe(g, x))
        .collect()
}

/// Runs a table of (text, expected relations), reporting every failing row at once.
fn check(table: &[(&str, &[&str])]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(text, want)| {
            let got = found(text);
            (got != *want).then(|| format!("{text:?}\n   want {want:?}\n    got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every byte window around a mention (cue margins, agent nouns, locatives, punctuation
/// cues) meets a multibyte character at every offset without splitting it.
#[test]
fn multibyte_characters_at_any_distance_from_a_mention() {
    for filler in 0..100 {
        let pad = "x".repeat(filler);
        for text in [
            format!("Aleppo, Syria, is a city in the nort{pad}\u{2019}s"),
            format!("Aleppo, {pad}\u{2019}Syria"),
            format!("\u{2019}{pad} in Tripoli, Libya, Russian {pad}\u{00e9} fighters"),
            format!("Haftar met Putin{pad}\u{1F600} in Moscow \u{2014}{pad}."),
        ] {
            found(&text); // must not panic
        }
    }
    assert_eq!(
        found("Aleppo, Syria, is a city in the nort\u{2019}s"),
        ["aleppo located_in syria"]
    );
}

#[test]
fn each_type_has_working_cues() {
    check(&[
        // meets: verbs, coordination, "between", visits received
        (
            "Haftar met Lavrov in Moscow.",
            &["khalifa_haftar meets sergei_lavrov"],
        ),
        (
            "Putin and Erdogan met in Sochi.",
            &["recep_tayyip_erdogan meets vladimir_putin"],
        ),
        (
            "Talks between Russia and Turkey resumed.",
            &["russia meets turkey"],
        ),
        (
            "Lavrov visited Haftar.",
            &["khalifa_haftar meets sergei_lavrov"],
        ),
        (
            "Haftar had received Russian visits.",
            &["khalifa_haftar meets russia"],
        ),
        // visits: a place or a state, not a person
        ("Haftar visited Moscow.", &["khalifa_haftar visits moscow"]),
        (
            "Pompeo flew to Pyongyang.",
            &["mike_pompeo visits pyongyang"],
        ),
        // supports
        ("Russia backed Haftar.", &["russia supports khalifa_haftar"]),
        (
            "Turkey's support for the GNA grew.",
            &["turkey supports government_of_national_accord"],
        ),
        (
            "Egypt, an ally of Haftar, objected.",
            &["egypt supports khalifa_haftar"],
        ),
        // supplies
        (
            "Russia supplied Haftar with weapons.",
            &["russia supplies khalifa_haftar"],
        ),
        (
            "Turkey sent drones to the GNA.",
            &["turkey supplies government_of_national_accord"],
        ),
        // fights: symmetric, smaller id first
        (
            "The LNA attacked the GNA.",
            &["government_of_national_accord fights libyan_national_army"],
        ),
        (
            "Clashes between the LNA and the GNA killed ten.",
            &["government_of_national_accord fights libyan_national_army"],
        ),
        // leads and member_of
        (
            "Kremlin spokesman Dmitry Peskov said so.",
            &["dmitry_peskov member_of kremlin"],
        ),
        (
            "Turkey, a NATO member, objected.",
            &["turkey member_of nato"],
        ),
        // based_in
        (
            "Wagner mercenaries stationed at Al-Jufra base left.",
            &["wagner_group based_in al_jufra_airbase"],
        ),
        (
            "Lebanese group Hezbollah fired.",
            &["hezbollah based_in lebanon"],
        ),
        // located_in: comma, possessive, "in", "the <demonym> port of"
        (
            "Fighting in Mosul, Iraq continued.",
            &["mosul located_in iraq"],
        ),
        ("Rockets hit Syria's Homs.", &["homs located_in syria"]),
        (
            "Floods hit Derna in eastern Libya.",
            &["derna located_in libya"],
        ),
        (
            "Ships docked in the Libyan port of Tobruk.",
            &["tobruk located_in libya"],
        ),
        // controls
        (
            "They shelled the Houthi-held port city of Hodeidah.",
            &["houthi_movement controls hodeidah"],
        ),
        (
            "Palmyra fell to Islamic State.",
            &["islamic_state controls palmyra"],
        ),
        // accuses, denies
        (
            "Russia accused Turkey of aggression.",
            &["russia accuses turkey"],
        ),
        (
            "North Korea rejected the resolution adopted by the U.N. Human Rights Council.",
            &["north_korea denies un_human_rights_council"],
        ),
    ]);
}

#[test]
fn direction_follows_the_language() {
    check(&[
        // Active, passive and hyphenated: one relation, one direction.
        (
            "Russia backed the LNA.",
            &["russia supports libyan_national_army"],
        ),
        (
            "The LNA, backed by Russia, advanced.",
            &["russia supports libyan_national_army"],
        ),
        (
            "The Russia-backed LNA advanced.",
            &["russia supports libyan_national_army"],
        ),
        (
            "The Britain-based Syrian Observatory said so.",
            &["syrian_observatory_for_human_rights based_in united_kingdom"],
        ),
        // Alliance wording: the allied side supports.
        (
            "The Iran-allied Houthis fired.",
            &["houthi_movement supports iran"],
        ),
        (
            "Hezbollah, an ally of Assad, fought.",
            &["hezbollah supports bashar_al_assad"],
        ),
        (
            "Haftar is a protege of the CIA.",
            &["central_intelligence_agency supports khalifa_haftar"],
        ),
        // Symmetric types come out the same whatever the order in the text.
        (
            "The LNA and the GNA clashed.",
            &["government_of_national_accord fights libyan_national_army"],
        ),
        (
            "The GNA and the LNA clashed.",
            &["government_of_national_accord fights libyan_national_army"],
        ),
        // Coordinated arguments are all bound.
        (
            "The UAE or Egypt, who back Haftar, objected.",
            &[
                "united_arab_emirates supports khalifa_haftar",
                "egypt supports khalifa_haftar",
            ],
        ),
        (
            "The LNA is backed by Russia and Egypt.",
            &[
                "russia supports libyan_national_army",
                "egypt supports libyan_national_army",
            ],
        ),
        // "X, Y" is a place and its country, not a list.
        (
            "Nikki Haley met Antonio Guterres at U.N. headquarters in New York City, U.S.",
            &[
                "antonio_guterres meets nikki_haley",
                "un_headquarters located_in new_york_city",
                "new_york_city located_in united_states",
            ],
        ),
        // A list is no place hierarchy.
        ("Taiz, Abyan and Lahej are at risk.", &[]),
        // A modifier is not the actor: the US leads an unnamed coalition.
        ("A U.S.-led coalition targets Islamic State.", &[]),
        // A verb cue at the end of a compound belongs to the compound.
        (
            "The U.S. operations of Kremlin-backed outlet RT shrank.",
            &["kremlin supports rt"],
        ),
    ]);
}

#[test]
fn negation_and_denial_are_kept_and_marked() {
    check(&[
        (
            "Russia is not conducting talks on creating military bases in Libya.",
            &["russia based_in libya NEGATED"],
        ),
        (
            "RUSSIA DENIES TALKS ON CREATION OF MILITARY BASES IN LIBYA",
            &["russia based_in libya NEGATED"],
        ),
        (
            "Moscow denies backing Haftar.",
            &["moscow supports khalifa_haftar NEGATED"],
        ),
        (
            "Russia did not back Haftar.",
            &["russia supports khalifa_haftar NEGATED"],
        ),
        (
            "Russia didn't back Haftar.",
            &["russia supports khalifa_haftar NEGATED"],
        ),
        (
            "Russia never backed Haftar.",
            &["russia supports khalifa_haftar NEGATED"],
        ),
        (
            "Egypt refused to back Haftar.",
            &["egypt supports khalifa_haftar NEGATED"],
        ),
        (
            "Iran has denied supplying the Houthis with weapons.",
            &["iran supplies houthi_movement NEGATED"],
        ),
        (
            "Austria, which is not a NATO member, objected.",
            &["austria member_of nato NEGATED"],
        ),
        // Negation elsewhere in the sentence does not reach the cue.
        (
            "Russia backed Haftar but not Serraj.",
            &["russia supports khalifa_haftar"],
        ),
        (
            "Not only Russia backed Haftar.",
            &["russia supports khalifa_haftar"],
        ),
    ]);
}

#[test]
fn titles_and_appositions_give_roles() {
    check(&[
        (
            "Russian President Vladimir Putin spoke.",
            &["vladimir_putin leads russia"],
        ),
        (
            "Russian Foreign Minister Sergei Lavrov spoke.",
            &["sergei_lavrov member_of russia"],
        ),
        (
            "Russia's deputy defense minister Yunus-Bek Yevkurov arrived.",
            &["yunus_bek_yevkurov member_of russia"],
        ),
        (
            "Dutch Prime Minister Mark Rutte spoke.",
            &["mark_rutte leads netherlands"],
        ),
        (
            "Commander of the Libyan National Army, General Khalifa Haftar, spoke.",
            &["khalifa_haftar leads libyan_national_army"],
        ),
        (
            "Deputy Commander of the Russian Northern Fleet, Vice Admiral Victor Sokolov, spoke.",
            &["viktor_sokolov member_of northern_fleet"],
        ),
        (
            "Head of the Russian Federation Council's defense committee, Viktor Ozerov, spoke.",
            &["viktor_ozerov member_of federation_council"],
        ),
        (
            "Oleg Krinitsyn, owner of RSB-group, said so.",
            &["oleg_krinitsyn leads rsb_group"],
        ),
        (
            "Babar Baloch, UNHCR spokesman, said so.",
            &["babar_baloch member_of unhcr"],
        ),
        (
            "Maria Zakharova, a spokeswoman for the Russian Foreign Ministry, said so.",
            &["maria_zakharova member_of russian_foreign_ministry"],
        ),
        (
            "Wagner mercenaries stationed at the Brak al-Shati base feared an advance.",
            &["wagner_group based_in brak_al_shati_airbase"],
        ),
        // A title belongs to the name it stands before, not to a name joined to it.
        (
            "Russian President Vladimir Putin and Haftar met.",
            &[
                "vladimir_putin leads russia",
                "khalifa_haftar meets vladimir_putin",
            ],
        ),
        // A dateline is no title holder.
        ("WASHINGTON (Reuters) - President Donald Trump spoke.", &[]),
    ]);
}

#[test]
fn relations_carry_spans_cue_sentence_and_rule() {
    let (_, m, r) = shipped();
    let text = "Fighting went on. The LNA, backed by Russia, advanced.";
    let annotation = m.annotate(text);
    let found = r.extract(text, &annotation);
    assert_eq!(found.len(), 1);
    let x = &found[0];
    assert_eq!(x.sentence, 1);
    assert_eq!(&text[x.subject.start..x.subject.end], "Russia");
    assert_eq!(&text[x.object.start..x.object.end], "LNA");
    assert_eq!(&text[x.cue_start..x.cue_end], "backed by");
    assert_eq!(r.rule_name(x.rule), "supports.passive");
    assert_eq!(r.kind_name(x.kind), "supports");
    assert!(!r.is_symmetric(x.kind) && !x.negated);
}

#[test]
fn a_relation_stated_twice_in_a_sentence_is_one_statement() {
    let once = found("Russia backed Haftar and Russia supported Haftar.");
    assert_eq!(once, ["russia supports khalifa_haftar"]);
}

fn build(text: &str) -> Result<Rules> {
    RulesBuilder::new().source("test.ron", text).build()
}

fn message(text: &str) -> String {
    build(text).unwrap_err().to_string()
}

#[test]
fn loading_errors_name_file_line_and_column() {
    let cases = [
        (
            "(relations: [\n  (name: \"x\", subject: [\"person\"], object: [\"planet\"]),\n])",
            "test.ron:2:45: unknown kind `planet` in `object` of `x`: use person, state, group, place or seat",
        ),
        (
            "(relations: [\n  (name: \"Bad\", subject: [\"person\"], object: [\"state\"]),\n])",
            "test.ron:2:10: relation name `Bad` must be lowercase letters and `_` (and not `cooccurrence`)",
        ),
        (
            "(relations: [\n  (name: \"x\"),\n])",
            "test.ron:2:10: new relation `x` needs `subject` and `object` kinds",
        ),
        (
            "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\"met\"], pattern: \"S cue cue\"),\n])])",
            "test.ron:2:41: rule `x.a`: bad pattern `S cue cue`: write S, O and cue once each, separated by spaces or a hyphen (`S cue O`, `S-cue O`)",
        ),
        (
            "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\"met\"], pattern: \"S-O cue\"),\n])])",
            "test.ron:2:41: rule `x.a`: bad pattern `S-O cue`: a hyphen must join an argument to the cue",
        ),
        (
            "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\" \"], pattern: \"S cue O\"),\n  (name: \"x.b\", cues: [\"met\"], pattern: \"S O cue\"),\n])])",
            "test.ron:2:24: rule `x.a`: empty cue \" \": it has no letters or digits",
        ),
        (
            "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\",\"], pattern: \"cue S O\"),\n])])",
            "test.ron:2:24: rule `x.a`: the punctuation cue \",\" needs the pattern `S cue O` or `O cue S`",
        ),
        (
            "(relations: [(name: \"x\", subject: [\"person\"], object: [\"state\"], rules: [\n  (name: \"x.a\", cues: [\"met\"], pattern: \"S cue O\"),\n  (name: \"x.a\", cues: [\"saw\"], pattern: \"S cue O\"),\n])])",
            "test.ron:3:10: duplicate rule name `x.a` (first in relation `x`)",
        ),
        (
            "(relations: [\n  (name: \"x\", subject: [\"person\"], object: [\"state\"]),\n  (name: \"x\", symmetric: true),\n])",
            "test.ron:3:10: relation `x` is already defined with other settings; leave out symmetric, subject, object and contained to add rules to it",
        ),
        (
            "(\n  reporting: [\"said\", \"said so\"],\n)",
            "test.ron:2:23: `reporting` lists \"said so\": give one word or mark per entry",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(message(text), want, "{text}");
    }
}

#[test]
fn syntax_errors_and_unknown_fields_come_from_ron_with_positions() {
    let msg = message("(relations: [\n  (name: \"x\" subject: [\"person\"]),\n])");
    assert!(msg.starts_with("test.ron:2:"), "{msg}");
    let msg = message("(relations: [\n  (name: \"x\", subjekt: [\"person\"]),\n])");
    assert!(
        msg.starts_with("test.ron:2:") && msg.contains("subjekt"),
        "{msg}"
    );
    // Types and directions are strings: a bare identifier is an error.
    let msg = message("(relations: [(name: \"x\", subject: [person], object: [\"state\"])])");
    assert!(msg.starts_with("test.ron:1:"), "{msg}");
}

#[test]
fn user_files_add_types_and_rules_to_the_shipped_ones() {
    let (g, m, _) = shipped();
    let user = r#"(
        relations: [
            // More cues for a shipped type: settings left out.
            (name: "supports", rules: [
                (name: "supports.bankroll", cues: ["bankrolls", "bankrolled"], pattern: "S cue O"),
            ]),
            // A new type.
            (name: "sanctions", subject: ["state", "group"], object: ["state", "group", "person"],
             rules: [(name: "sanctions.active", cues: ["sanctioned"], pattern: "S cue O")]),
        ],
    )"#;
    let rules = RulesBuilder::new()
        .builtin()
        .source("user.ron", user)
        .build()
        .unwrap();
    assert_ne!(
        rules.fingerprint(),
        RulesBuilder::new().builtin().build().unwrap().fingerprint()
    );
    let r = Relations::new(&rules, g).unwrap();
    let text = "Russia bankrolled Haftar. The United States sanctioned Russia.";
    let annotation = m.annotate(text);
    let found: Vec<String> = r
        .extract(text, &annotation)
        .iter()
        .map(|x| format!("{} {}", r.describe(g, x), r.rule_name(x.rule)))
        .collect();
    assert_eq!(
        found,
        [
            "russia supports khalifa_haftar supports.bankroll",
            "united_states sanctions russia sanctions.active",
        ]
    );
    // Without rules, nothing is extracted.
    let none = Relations::new(&RulesBuilder::new().build().unwrap(), g).unwrap();
    assert!(none.is_empty() && none.extract(text, &annotation).is_empty());
}

/// The words the refinements depend on come from the rules: without `reporting` and
/// `resumptive`, `said` is a barrier like any other.
#[test]
fn word_lists_come_from_the_rules_files() {
    let (g, m, _) = shipped();
    let rules = |lists: &str| {
        let text = format!(
            r#"(barriers: ["said"], {lists} relations: [(name: "supports", subject: ["state"],
                object: ["person"], rules: [(name: "s", cues: ["backs"], pattern: "S cue O")])])"#
        );
        Relations::new(&build(&text).unwrap(), g).unwrap()
    };
    let text = "Russia said it backs Haftar.";
    let annotation = m.annotate(text);
    let count = |r: &Relations| r.extract(text, &annotation).len();
    assert_eq!(count(&rules("")), 0);
    assert_eq!(count(&rules(r#"reporting: ["said"],"#)), 0);
    assert_eq!(
        count(&rules(r#"reporting: ["said"], resumptive: ["it"],"#)),
        1
    );
}

/// The lists that were once constants leave the shipped fingerprint as it was; a user file
/// that extends one changes it, like any other rule.
#[test]
fn extending_a_word_list_changes_the_fingerprint() {
    let fingerprint = |extra: &str| {
        RulesBuilder::new()
            .builtin()
            .source("user.ron", extra)
            .build()
            .unwrap()
            .fingerprint()
            .to_owned()
    };
    let shipped = RulesBuilder::new().builtin().build().unwrap();
    assert_eq!(fingerprint("()"), shipped.fingerprint());
    let extended = fingerprint(r#"(reporting: ["announced"])"#);
    assert_ne!(extended, shipped.fingerprint());
    assert_ne!(extended, fingerprint(r#"(open_endings: ["with"])"#));
}

#[test]
fn the_shipped_rules_load_and_are_stable() {
    let rules = RulesBuilder::new().builtin().build().unwrap();
    assert!(rules.len() > 40, "{} rules", rules.len());
    let (_, _, r) = shipped();
    let kinds: Vec<&str> = r.kinds().map(|(_, k)| k).collect();
    for kind in [
        "meets",
        "visits",
        "supports",
        "supplies",
        "fights",
        "leads",
        "member_of",
        "based_in",
        "located_in",
        "controls",
        "accuses",
        "denies",
    ] {
        assert!(kinds.contains(&kind), "no {kind}");
    }
    assert_eq!(
        rules.fingerprint(),
        RulesBuilder::new().builtin().build().unwrap().fingerprint()
    );
}

#[test]
fn patterns_parse() {
    let p = Pattern::parse("S-cue O").unwrap();
    assert_eq!(
        p.elements,
        [Element::Subject, Element::Cue, Element::Object]
    );
    assert_eq!((p.cue, p.glued), (1, [true, false]));
    let p = Pattern::parse("S O-cue").unwrap();
    assert_eq!((p.cue, p.glued), (2, [false, true]));
    assert!(Pattern::parse("S cue").is_err());
    assert!(Pattern::parse("S O O").is_err());
    assert!(Pattern::parse("S--cue O").is_err());
}

#[test]
fn tokens_keep_words_marks_and_possessives_apart() {
    let t: Vec<(String, bool)> = tokenize("Russia’s pro-government, didn't (R) – x")
        .into_iter()
        .map(|t| (t.text.into_owned(), t.word))
        .collect();
    let want = [
        ("russia", true),
        ("'s", false),
        ("pro-government", true),
        (",", false),
        ("didn't", true),
        ("(", false),
        ("r", true),
        (")", false),
        ("\u{2014}", false),
        ("x", true),
    ];
    let want: Vec<(String, bool)> = want.iter().map(|(s, w)| (s.to_string(), *w)).collect();
    assert_eq!(t, want);
    // Capitals are lowered (beyond ASCII too), curly apostrophes inside a word made
    // straight, and a possessive splits off only before a word's end.
    let t: Vec<String> = tokenize("NATO’s Ürümqi-based O’Brien Sts. ISIS’Smith 4’s")
        .into_iter()
        .map(|t| t.text.into_owned())
        .collect();
    let want = [
        "nato",
        "'s",
        "ürümqi-based",
        "o'brien",
        "sts",
        ".",
        "isis'smith",
        "4",
        "'s",
    ];
    assert_eq!(t, want);
}
