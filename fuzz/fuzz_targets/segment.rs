//! Paragraph and sentence segmentation of arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The separators the segmenter skips: Unicode whitespace and invisible web characters.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fuzz_target!(|text: &str| {
    let segments = gazegraph::text::segment(text);
    let mut end = 0;
    for (i, sentence) in segments.sentences.iter().enumerate() {
        // Sorted, non-empty, sliceable, inside their paragraph, found by `sentence_at`, and
        // only separators between them: every other character lies in a sentence.
        let range = &sentence.range;
        assert!(end <= range.start && range.start < range.end, "{range:?}");
        assert!(text.get(range.clone()).is_some(), "{range:?}");
        assert!(text[end..range.start].chars().all(is_space), "{range:?}");
        let paragraph = &segments.paragraphs[sentence.paragraph];
        assert!(paragraph.start <= range.start && range.end <= paragraph.end);
        assert_eq!(segments.sentence_at(range.start), i);
        end = range.end;
    }
    assert!(text[end..].chars().all(is_space));
});
