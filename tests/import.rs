//! `gazetteer import geonames`: a hand-written sample (tests/data/geonames-sample.json), the
//! real GeoNames file when `../shared/data/geonames` is there, and the CLI.

use gazegraph::gazetteer::import::{self, ImportOptions, ImportReport, Reason};
use gazegraph::gazetteer::{Gazetteer, GazetteerBuilder};
use gazegraph::matcher::Matcher;
use gazegraph::mentions::Annotator;

use crate::fixtures::{gazegraph, root, shared_data, tempdir};

const SAMPLE: &str = include_str!("data/geonames-sample.json");

/// The defaults, but alternate names for cities of every size.
fn every_alias() -> ImportOptions {
    ImportOptions {
        alias_min_population: 0,
        ..ImportOptions::default()
    }
}

fn import_sample(options: &ImportOptions) -> (Gazetteer, String, ImportReport) {
    let builtin = Gazetteer::builtin().unwrap();
    let (ron, report) = import::geonames(SAMPLE, options, &builtin).unwrap();
    let both = GazetteerBuilder::new()
        .builtin()
        .source("places-world.ron", ron.as_str())
        .build()
        .unwrap_or_else(|e| panic!("{e}\n{ron}"));
    assert_eq!(both.len(), builtin.len() + report.entities);
    (both, ron, report)
}

fn names(g: &Gazetteer) -> Vec<&str> {
    g.entities()
        .iter()
        .filter(|e| e.id.starts_with("geonames_"))
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn sample_loads_with_the_builtin_gazetteers() {
    let (g, ron, report) = import_sample(&every_alias());
    // Sorted by id (as strings), as the loader sorts them.
    assert_eq!(
        names(&g),
        [
            "Ha'il",
            "Springfield",
            "Shelbyville",
            "Springfield",
            "Shelbyville",
            "Springfield",
            "Phoenix"
        ]
    );
    assert_eq!(report.cities, 14);
    assert_eq!(report.entities, 7);
    let springfield = g.entity(g.lookup("geonames_4250542").unwrap());
    assert_eq!(springfield.country.as_deref(), Some("US"));
    assert_eq!(springfield.category.as_deref(), Some("city"));
    assert_eq!(springfield.population, Some(114394));
    assert_eq!(springfield.geonames, Some(4250542));
    assert_eq!(springfield.latitude, Some(39.80172));
    assert_eq!(springfield.longitude, Some(-89.64371));
    assert_eq!(springfield.parent.as_deref(), Some("united_states"));
    assert_eq!(springfield.notes, None);
    // Transliterations, other scripts, codes and the name itself are not aliases.
    assert_eq!(
        springfield.aliases,
        ["Campifons", "Sprinfield", "Springfild"]
    );
    // The same input gives the same bytes.
    assert_eq!(
        import::geonames(SAMPLE, &every_alias(), &Gazetteer::builtin().unwrap())
            .unwrap()
            .0,
        ron
    );
}

#[test]
fn names_shared_by_several_cities_are_ambiguous_in_all() {
    let (g, _, report) = import_sample(&every_alias());
    for folded in ["springfield", "shelbyville", "shelbivil", "campifons"] {
        let sharing: Vec<_> = g.aliases().iter().filter(|a| a.folded == folded).collect();
        assert!(sharing.len() >= 2, "{folded}");
        assert!(sharing.iter().all(|a| a.ambiguous), "{folded}");
    }
    // Names only one city has are not.
    let agawam = g.aliases().iter().find(|a| a.folded == "agawam").unwrap();
    assert!(!agawam.ambiguous);
    assert_eq!(report.ambiguous_names, 5);
    assert_eq!(report.ambiguous_entities, 5);

    // Left alone, a shared name stays unresolved; the document's context decides it.
    let annotator = Annotator::new(&g).unwrap();
    let ids = |text: &str| -> Vec<String> {
        annotator
            .annotate(text)
            .mentions
            .iter()
            .map(|m| g.entity(m.entity).id.clone())
            .collect()
    };
    assert_eq!(ids("Fog over Springfield."), Vec::<String>::new());
    assert_eq!(
        ids("North Springfield is part of Springfield."),
        ["geonames_4409896", "geonames_4409896"]
    );
}

#[test]
fn common_words_existing_names_and_small_towns_are_dropped() {
    let (g, _, report) = import_sample(&every_alias());
    let imported = names(&g);
    // Reading and Mobile are English words; Phoenix, a city of 1.6 million, keeps its name.
    assert!(!imported.contains(&"Reading") && !imported.contains(&"Mobile"));
    assert!(imported.contains(&"Phoenix"));
    assert_eq!(report.cities_dropped[&Reason::CommonWord], 2);
    assert_eq!(
        report.city_examples[&Reason::CommonWord],
        ["Reading", "Mobile"]
    );
    // Ha'il keeps Hayil but not "Hail".
    let hail = g.entity(g.lookup("geonames_106281").unwrap());
    assert_eq!(hail.aliases, ["Hael", "Hayil"]);
    assert_eq!(report.aliases_dropped[&Reason::CommonWord], 1);
    // Tripoli, Paris and Obama are already shipped: the cities are left out.
    assert!(g.lookup("geonames_2210247").is_none());
    assert!(g.lookup("geonames_1854849").is_none());
    assert!(g.lookup("geonames_2988507").is_none());
    assert_eq!(report.cities_dropped[&Reason::Existing], 3);
    // Bo is too short; Nuuk (14,798) is under the floor.
    assert_eq!(report.cities_dropped[&Reason::TooShort], 1);
    assert_eq!(report.below_population, 1);
    assert!(g.lookup("geonames_3421319").is_none());

    // A higher floor, and no word filter.
    let options = ImportOptions {
        min_population: 100_000,
        common_word_filter: false,
        ..every_alias()
    };
    let (g, _, report) = import_sample(&options);
    // Shelbyville (twice), Obama and Nuuk.
    assert_eq!(report.below_population, 4);
    let imported = names(&g);
    assert!(imported.contains(&"Reading") && imported.contains(&"Mobile"));
    assert!(!imported.contains(&"Shelbyville"));
    let hail = g.entity(g.lookup("geonames_106281").unwrap());
    assert_eq!(hail.aliases, ["Hael", "Hail", "Hayil"]);
}

#[test]
fn the_real_geonames_file_loads_with_the_builtin_gazetteers() {
    let path = shared_data("geonames/cities15000.json");
    if !path.exists() {
        eprintln!("{} is missing: skipped", path.display());
        return;
    }
    let json = std::fs::read_to_string(&path).unwrap();
    let builtin = Gazetteer::builtin().unwrap();
    let (ron, report) = import::geonames(&json, &every_alias(), &builtin).unwrap();
    assert!(report.entities > 30_000, "{report}");
    let both = GazetteerBuilder::new()
        .builtin()
        .source("places-world.ron", ron)
        .build()
        .unwrap();
    assert_eq!(both.len(), builtin.len() + report.entities);
    let matcher = Matcher::new(&both).unwrap();
    assert!(matcher.pattern_count() > 100_000);
}

#[test]
fn cli_imports_atomically_and_lists_aliases() {
    let dir = tempdir();
    let out = dir.path().join("places-world.ron");
    let sample = root().join("tests/data/geonames-sample.json");
    let assert = gazegraph()
        .args([
            "gazetteer",
            "import",
            "geonames",
            "--alias-min-population",
            "0",
        ])
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("14 cities read"), "{stderr}");
    assert!(
        stderr.contains("name already in the existing gazetteers: 3"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let text = dir.path().join("news.txt");
    std::fs::write(&text, "Protests in Shelbyville, Tennessee and in Agawam.").unwrap();
    gazegraph()
        .args(["counts", "-q", "-g"])
        .arg(&out)
        .arg(&text)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "geonames_4951788\tSpringfield\tplace\t1\t1",
        ));

    let assert = gazegraph()
        .args(["gazetteer", "aliases", "-g"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("alias\tentity\tform"));
    let lines: Vec<&str> = lines.collect();
    assert!(lines.contains(&"Khalifa Haftar\tkhalifa_haftar\talias"));
    assert!(lines.contains(&"Agawam\tgeonames_4951788\talias"));
    assert!(lines.contains(&"Russian\trussia\tdemonym"));
}
