use super::*;

#[test]
fn spans_of_a_record_slice_its_fields_by_bytes_and_characters() {
    let title = " \u{a0}Ha\u{308}ftar’s day ";
    let body = "Il a rencontré Haftar.";
    let text = format!("{}\n\n{body}", title.trim());
    let locator = Locator::new(&text, Some(title));
    for (surface, field, value) in [("ftar", Field::Title, title), ("Haftar", Field::Text, body)] {
        let start = text.find(surface).unwrap();
        let at = locator.locate(start..start + surface.len());
        assert_eq!(at.field, field);
        assert_eq!(&value[at.start..at.end], surface);
        let chars: String = value
            .chars()
            .skip(at.char_start)
            .take(at.char_end - at.char_start)
            .collect();
        assert_eq!(chars, surface);
    }
}

#[test]
fn character_offsets_are_exact_past_the_index_blocks() {
    let text = "é".repeat(BLOCK) + "Haftar";
    let at = Locator::new(&text, None).locate(2 * BLOCK..2 * BLOCK + 6);
    assert_eq!(
        (at.field, at.start, at.char_start, at.char_end),
        (Field::Text, 2 * BLOCK, BLOCK, BLOCK + 6)
    );
}

#[test]
fn a_title_only_record_and_a_span_running_on_stay_in_the_title() {
    let locator = Locator::new("Talks with Khalifa\n\nHaftar", Some("Talks with Khalifa"));
    let at = locator.locate(11..26);
    assert_eq!(
        (at.field, at.start, at.end, at.char_end),
        (Field::Title, 11, 18, 18)
    );
    let at = Locator::new("Haftar", Some("Haftar ")).locate(0..6);
    assert_eq!((at.field, at.start, at.end), (Field::Title, 0, 6));
}
