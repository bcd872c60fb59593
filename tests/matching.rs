//! Table-driven matching tests against the shipped gazetteers: every case the matcher must
//! get right, written as (text, expected mentions as `surface=entity_id`).

use gazegraph::gazetteer::Gazetteer;
use gazegraph::mentions::Annotator;

fn annotate(annotator: &Annotator, text: &str) -> Vec<String> {
    let gazetteer = annotator.gazetteer();
    annotator
        .annotate(text)
        .mentions
        .iter()
        .map(|m| {
            format!(
                "{}={}",
                &text[m.start..m.end],
                gazetteer.entity(m.entity).id
            )
        })
        .collect()
}

#[test]
fn matching_cases() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &[&str])] = &[
        ("possessive", "Haftar's forces", &["Haftar=khalifa_haftar"]),
        ("typographic possessive", "Russia’s navy", &["Russia=russia"]),
        ("hyphenated compound", "the Russia-backed commander", &["Russia=russia"]),
        ("dotted acronym compound", "a U.S.-led coalition", &["U.S.=united_states"]),
        ("acronym compound", "UN-backed talks", &["UN=united_nations"]),
        ("al- prefix", "President Bashar al-Assad", &["Bashar al-Assad=bashar_al_assad"]),
        ("bare al-Assad", "al-Assad said", &["al-Assad=bashar_al_assad"]),
        ("bare Assad", "Assad said", &["Assad=bashar_al_assad"]),
        ("all-caps headline", "RUSSIA DENIES TALKS", &["RUSSIA=russia"]),
        ("name broken over a line", "Khalifa\nHaftar arrived", &["Khalifa\nHaftar=khalifa_haftar"]),
        ("accents folded", "Erdoğan met Erdogan", &["Erdoğan=recep_tayyip_erdogan", "Erdogan=recep_tayyip_erdogan"]),
        ("acronyms in capitals", "US, IS, UN and AU", &["US=united_states", "IS=islamic_state", "UN=united_nations", "AU=african_union"]),
        ("lower-case words are not acronyms", "let us say it is un peu au revoir", &[]),
        ("capitalised word is not an acronym", "Us and Is", &[]),
        ("the bird is not the state", "roast turkey in Turkey", &["Turkey=turkey"]),
        ("Niger not inside Nigeria", "Nigeria and Niger", &["Nigeria=nigeria", "Niger=niger"]),
        ("Putin not inside computing", "computing power", &[]),
        ("longest entity wins", "the Libyan National Army", &["Libyan National Army=libyan_national_army"]),
        ("demonym alone", "Libyan officials", &["Libyan=libya"]),
        ("adjacent names both match", "Russia Turkey", &["Russia=russia", "Turkey=turkey"]),
        ("lower-case tag line", "russia", &["russia=russia"]),
        ("curly quotes around a name", "“Haftar” said", &["Haftar=khalifa_haftar"]),
        ("em dash", "Moscow—Tobruk", &["Moscow=moscow", "Tobruk=tobruk"]),
    ];
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    let mut failures = Vec::new();
    for (name, text, want) in cases {
        let got = annotate(&annotator, text);
        if got != *want {
            failures.push(format!(
                "{name}: {text:?}\n    want {want:?}\n    got  {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn partial_names_are_resolved_per_document() {
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    let kim = |text: &str| -> Vec<String> {
        annotate(&annotator, text)
            .into_iter()
            .filter(|m| m.ends_with("=kim_jong_un"))
            .collect()
    };
    // Without the full name in the document, a bare "Kim" is nobody in particular.
    assert_eq!(kim("Kim said talks would resume."), Vec::<String>::new());
    // With it, the bare surname is him...
    assert_eq!(
        kim("Kim Jong Un met envoys. Later, Kim said talks would resume."),
        ["Kim Jong Un=kim_jong_un", "Kim=kim_jong_un"]
    );
    // ...but never inside another person's name.
    assert_eq!(
        kim("Kim Jong Un met envoys. Kim Sung-han and Jeongmin Kim disagreed."),
        ["Kim Jong Un=kim_jong_un"]
    );
    let all = annotate(
        &annotator,
        "Kim Jong Un met envoys. Kim Sung-han disagreed.",
    );
    assert!(
        all.contains(&"Kim Sung-han=kim_sung_han".to_owned()),
        "{all:?}"
    );
}

#[test]
fn offsets_point_into_the_original_text() {
    let gazetteer = Gazetteer::builtin().unwrap();
    let text = "« Erdoğan » and\u{a0}Khalifa  Haftar’s LNA — in Tobruk.";
    let annotation = Annotator::new(&gazetteer).unwrap().annotate(text);
    let spans: Vec<&str> = annotation
        .mentions
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(spans, ["Erdoğan", "Khalifa  Haftar", "LNA", "Tobruk"]);
}
