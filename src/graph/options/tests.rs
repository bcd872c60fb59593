use super::*;

#[test]
fn windows_parse_and_print() {
    for w in ["sentence", "paragraph", "document", "tokens:12"] {
        assert_eq!(w.parse::<Window>().unwrap().to_string(), w);
    }
    assert!("tokens:0".parse::<Window>().is_err());
    assert!(
        "line"
            .parse::<Window>()
            .unwrap_err()
            .choices()
            .contains("tokens:N")
    );
}
