use super::*;

/// The defaults, but alternate names for cities of every size.
fn every_alias() -> ImportOptions {
    ImportOptions {
        alias_min_population: 0,
        ..ImportOptions::default()
    }
}
use crate::gazetteer::GazetteerBuilder;

fn city(id: u64, name: &str, alternates: &[&str], population: u64) -> String {
    format!(
        r#""{id}": {{"geonameid": {id}, "name": {}, "alternatenames": {}, "countrycode": "US",
                "population": {population}, "latitude": 1.5, "longitude": -2.25, "timezone": "x"}}"#,
        serde_json::to_string(name).unwrap(),
        serde_json::to_string(alternates).unwrap()
    )
}

fn import(cities: &[String], options: &ImportOptions) -> (String, ImportReport) {
    let json = format!("{{{}}}", cities.join(",\n"));
    let existing = GazetteerBuilder::new()
        .source(
            "t.ron",
            r#"(entities: [(id: "hillary_clinton", kind: "person", name: "Hillary Clinton"),
                               (id: "tripoli", kind: "place", name: "Tripoli")])"#,
        )
        .build()
        .unwrap();
    geonames(&json, options, &existing).unwrap()
}

#[test]
fn filters_names_and_reports_why() {
    let (ron, report) = import(
        &[
            city(
                1,
                "Springfield",
                &[
                    "springfild",
                    "Спрингфилд",
                    "SGF",
                    "Springfield",
                    "SPRINGFIELD",
                    "Clinton",
                    "Orange",
                    "Sp",
                    "Springfeld",
                    "Springfeld",
                ],
                20_000,
            ),
            city(2, "Tripoli", &[], 1_000_000),
            city(3, "Tinyville", &[], 10),
        ],
        &every_alias(),
    );
    assert!(ron.contains(r#"name: "Springfield","#), "{ron}");
    assert!(ron.contains(r#"aliases: ["Springfeld"],"#), "{ron}");
    for field in [
        "population: 20000,",
        "geonames: 1,",
        "latitude: 1.5,",
        "longitude: -2.25,",
    ] {
        assert!(ron.contains(field), "{field} not in {ron}");
    }
    // The test's existing gazetteer has no state for US.
    assert!(!ron.contains("parent:"), "{ron}");
    assert_eq!(report.entities, 1);
    assert_eq!(report.below_population, 1);
    assert_eq!(report.cities_dropped[&Reason::Existing], 1);
    let dropped = |r| report.aliases_dropped.get(&r).copied().unwrap_or(0);
    assert_eq!(dropped(Reason::NoCapital), 1);
    assert_eq!(dropped(Reason::NotLatin), 1);
    assert_eq!(dropped(Reason::Code), 1);
    assert_eq!(dropped(Reason::SameAsName), 2);
    assert_eq!(dropped(Reason::Existing), 1);
    assert_eq!(dropped(Reason::CommonWord), 1);
    assert_eq!(dropped(Reason::TooShort), 1);
    assert_eq!(dropped(Reason::Duplicate), 1);
}

#[test]
fn shared_names_become_ambiguous_and_output_is_deterministic() {
    let cities = [
        city(20, "Springfield", &["Springfield IL"], 100_000),
        city(3, "Springfield", &[], 100_000),
        city(100, "Shelbyville", &["Springfield IL"], 100_000),
    ];
    let (ron, report) = import(&cities, &every_alias());
    let mut reversed = cities.clone();
    reversed.reverse();
    assert_eq!(import(&reversed, &every_alias()).0, ron);
    assert_eq!(report.ambiguous_names, 2);
    assert_eq!(report.ambiguous_entities, 3);
    let ids: Vec<&str> = ron
        .lines()
        .filter_map(|l| l.trim().strip_prefix("id: "))
        .collect();
    assert_eq!(
        ids,
        ["\"geonames_100\",", "\"geonames_20\",", "\"geonames_3\","]
    );
    assert!(ron.contains(r#"ambiguous: ["Springfield", "Springfield IL"],"#));
    let g = GazetteerBuilder::new()
        .source("cities.ron", ron)
        .build()
        .unwrap();
    assert_eq!(g.len(), 3);
    assert_eq!(g.aliases().iter().filter(|a| a.ambiguous).count(), 4);
}

#[test]
fn common_words_can_be_kept() {
    let options = ImportOptions {
        common_word_filter: false,
        ..every_alias()
    };
    let (ron, report) = import(&[city(1, "Nice", &["Orange"], 400_000)], &options);
    assert_eq!(report.entities, 1);
    assert!(ron.contains(r#"aliases: ["Orange"],"#));
    let (_, report) = import(&[city(1, "Nice", &[], 400_000)], &Default::default());
    assert_eq!(report.entities, 0);
    assert_eq!(report.city_examples[&Reason::CommonWord], ["Nice"]);
}

#[test]
fn phrases_of_common_words_and_small_cities_lose_their_alternates() {
    let cities = [
        city(
            1,
            "Parkersburg",
            &["The Point", "S'on", "Le Robert"],
            30_000,
        ),
        city(2, "Big City", &["Old Big City"], 2_000_000),
    ];
    let (ron, report) = import(&cities, &every_alias());
    assert!(ron.contains(r#"aliases: ["Le Robert"],"#), "{ron}");
    assert_eq!(report.aliases_dropped[&Reason::CommonPhrase], 2);
    assert_eq!(
        report.alias_examples[&Reason::CommonPhrase],
        ["The Point", "S'on"]
    );
    let options = ImportOptions {
        alias_min_population: 1_000_000,
        ..ImportOptions::default()
    };
    let (ron, report) = import(&cities, &options);
    assert!(ron.contains(r#"aliases: ["Old Big City"],"#), "{ron}");
    assert_eq!(report.aliases, 1);
    assert_eq!(report.aliases_dropped[&Reason::SmallCity], 3);
    // Names are never phrases to drop: "Big City" stays.
    assert_eq!(report.entities, 2);
}

#[test]
fn bad_json_is_an_error() {
    let existing = GazetteerBuilder::new()
        .source("t.ron", "(entities: [])")
        .build()
        .unwrap();
    let err = geonames("[1, 2", &ImportOptions::default(), &existing).unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}
