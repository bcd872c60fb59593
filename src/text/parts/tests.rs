use super::*;

#[test]
fn the_cue_file_compiles() {
    let cues = compile(CUE_FILE).unwrap();
    assert!(
        cues.whole
            .iter()
            .any(|(c, p, _)| c == "advertisement" && *p == Part::Furniture)
    );
    assert!(compile("(agencies: [])").is_err());
}

#[test]
fn part_sets_parse_and_print() {
    assert_eq!(PartSet::default().to_string(), "headline,body");
    let all: PartSet = "all".parse().unwrap();
    assert_eq!(all, PartSet::ALL);
    let some: PartSet = "body, caption".parse().unwrap();
    assert_eq!(some.to_string(), "caption,body");
    assert!(
        "body,legs"
            .parse::<PartSet>()
            .unwrap_err()
            .contains("unknown part `legs`")
    );
}

#[test]
fn camel_starts_are_capitals_after_a_lowercase_letter_or_digit() {
    // Long enough to cross several sixteen-byte windows at every offset of the cases.
    let text = "2017Featured image, contentREAD MORE; iPhone McDonald ABC aB é𝐀B xY_Z 9Q".repeat(3);
    let bytes = text.as_bytes();
    let mut got = Vec::new();
    camel_starts(bytes, |at| got.push(at));
    let want: Vec<usize> = (1..bytes.len())
        .filter(|&i| {
            let (before, at) = (bytes[i - 1], bytes[i]);
            at.is_ascii_uppercase() && (before.is_ascii_lowercase() || before.is_ascii_digit())
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(&text[got[0]..got[0] + 8], "Featured");
    assert_eq!(got.len(), 3 * 7);
}
