//! The gazetteer loader: RON text from arbitrary bytes, checked, then its matcher built.
#![no_main]

use gazegraph::{gazetteer::GazetteerBuilder, mentions::Annotator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(gazetteer) = GazetteerBuilder::new().source("fuzz.ron", text).build() {
        if let Ok(annotator) = Annotator::new(&gazetteer) {
            annotator.annotate(text);
        }
    }
});
