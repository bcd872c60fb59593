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
