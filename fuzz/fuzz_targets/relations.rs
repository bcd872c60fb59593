//! Relation extraction with the shipped rules over arbitrary text.
#![no_main]

use std::sync::LazyLock;

use gazegraph::relations::{Relations, RulesBuilder};
use gazegraph::{gazetteer::Gazetteer, mentions::Annotator};
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::builtin().unwrap());
static ANNOTATOR: LazyLock<Annotator<'static>> =
    LazyLock::new(|| Annotator::new(&GAZETTEER).unwrap());
static RELATIONS: LazyLock<Relations> = LazyLock::new(|| {
    let rules = RulesBuilder::new().builtin().build().unwrap();
    Relations::new(&rules, &GAZETTEER).unwrap()
});

fuzz_target!(|text: &str| {
    let annotation = ANNOTATOR.annotate(text);
    for relation in RELATIONS.extract(text, &annotation) {
        // The description slices the text around the relation's spans.
        let _ = RELATIONS.describe(&GAZETTEER, &relation);
    }
});
