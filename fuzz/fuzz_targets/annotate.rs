//! Matching and mention resolution over arbitrary text, with the shipped gazetteers.
#![no_main]

use std::sync::LazyLock;

use gazegraph::{gazetteer::Gazetteer, mentions::Annotator};
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::builtin().unwrap());
static ANNOTATOR: LazyLock<Annotator<'static>> =
    LazyLock::new(|| Annotator::new(&GAZETTEER).unwrap());

fuzz_target!(|text: &str| {
    let annotation = ANNOTATOR.annotate(text);
    let mut end = 0;
    for m in &annotation.mentions {
        // In order, never overlapping, on char boundaries, and placed in a sentence.
        assert!(end <= m.start && m.start < m.end, "{m:?}");
        assert!(text.get(m.start..m.end).is_some(), "{m:?}");
        assert!((m.sentence as usize) < annotation.segments.sentences.len());
        end = m.end;
    }
});
