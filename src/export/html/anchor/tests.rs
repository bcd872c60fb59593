use super::*;
use crate::export::dot::sample;

fn span(start: u64, end: u64) -> Span {
    Span {
        start,
        end,
        ..Span::default()
    }
}

/// The highlighted text of an item's range.
fn read(text: &str, range: Option<(u32, u32)>) -> Option<String> {
    let (a, b) = range?;
    let units: Vec<u16> = text.encode_utf16().collect();
    Some(String::from_utf16(&units[a as usize..b as usize]).unwrap())
}

#[test]
fn mentions_are_found_back_from_document_offsets() {
    let mut doc = sample();
    // "Say" (source `say`) at 1000, "Erdoğan" at 1013: the sentence starts at 1000.
    let text = "Say \"Hi\" met Erdoğan’s men; Erdoğan said hi.";
    let edge = &mut doc.edges[2];
    edge.evidence[0].text = text.to_owned();
    edge.evidence[0].source_span = span(1000, 1003);
    edge.evidence[0].target_span = span(1013, 1021);
    edge.evidence[0].cue_span = span(1009, 1012);
    let marks = anchor(&doc);
    let m = &marks[2][0];
    assert_eq!(read(text, m.source).as_deref(), Some("Say"));
    assert_eq!(read(text, m.target).as_deref(), Some("Erdoğan"));
    assert_eq!(read(text, m.cue).as_deref(), Some("met"));
    // The other items' spans (0..0) cannot be words: no highlight.
    assert_eq!(marks[0][0], Marks::default());
}

#[test]
fn an_ambiguous_sentence_gets_no_highlight() {
    let mut doc = sample();
    // "Say" then "Erdoğan" 5 bytes later, twice: either could be the one meant.
    let text = "Say and Erdoğan; Say and Erdoğan.";
    let ev = &mut doc.edges[2].evidence[0];
    ev.text = text.to_owned();
    ev.source_span = span(100, 103);
    ev.target_span = span(108, 116);
    assert_eq!(anchor(&doc)[2][0], Marks::default());
    // Where the second "Say" reads less like its entity, the first wins.
    let text = "Say and Erdoğan; Sax and Erdoğan.";
    doc.edges[2].evidence[0].text = text.to_owned();
    let m = &anchor(&doc)[2][0];
    assert_eq!(m.source, Some((0, 3)));
}

#[test]
fn joined_sentences_place_each_mention_in_its_own() {
    let mut doc = sample();
    let text = "Nothing here, Erdoğan. … Then Say spoke.";
    let ev = &mut doc.edges[2].evidence[0];
    ev.text = text.to_owned();
    ev.source_span = span(9000, 9003); // "Say", later
    ev.target_span = span(40, 48); // "Erdoğan", earlier
    let m = &anchor(&doc)[2][0];
    assert_eq!(read(text, m.source).as_deref(), Some("Say"));
    assert_eq!(read(text, m.target).as_deref(), Some("Erdoğan"));
}

#[test]
fn resemblance_ranks_names_words_initials_and_prefixes() {
    assert_eq!(resemblance("Khalifa Haftar", "Khalifa Haftar"), 3);
    assert_eq!(resemblance("Haftar", "Khalifa Haftar"), 2);
    assert_eq!(resemblance("U.S.", "United States"), 2);
    assert_eq!(resemblance("Haftorah", "Khalifa Haftar"), 1);
    assert_eq!(resemblance("Moscow", "Khalifa Haftar"), 0);
}
