//! The graph RON reader: a document that reads back writes and reads again unchanged.
#![no_main]

use std::path::Path;

use gazegraph::export::Format;
use gazegraph::graph::document::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(document) = parse(Path::new("fuzz.ron"), text) {
        let written = Format::Ron.render(&document);
        let again = parse(Path::new("again.ron"), &written).expect("a written graph reads back");
        assert_eq!(Format::Ron.render(&again), written);
    }
});
