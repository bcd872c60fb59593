use super::*;

/// What GraphML and GEXF wrote before: forbidden characters replaced, then `quick_xml`'s
/// own escaping.
fn reference(s: &str, context: Context) -> String {
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    let safe = s.replace(forbidden, "\u{FFFD}");
    match context {
        Context::Text => quick_xml::escape::partial_escape(safe.as_str()).into_owned(),
        Context::Attribute => Attribute::from(("k", safe.as_str())).value.into_owned(),
    }
}

#[test]
fn text_is_escaped_as_quick_xml_escapes_it() {
    let ascii: String = (0..=0x7f_u8).map(char::from).collect();
    let long = format!("{}\"{}<{}", "a".repeat(40), "é".repeat(20), "b".repeat(70));
    for s in [
        "",
        "plain",
        "<&>\"'\r\n\t]]>",
        "Erdoğan \u{feff}\u{fffd}\u{fffe}\u{ffff}\u{efff}\u{ef}",
        &ascii,
        &ascii.repeat(3),
        &long,
        &format!("{long}\u{ffff}{long}\u{1}"),
    ] {
        for context in [Context::Text, Context::Attribute] {
            let mut out = String::from("kept ");
            escape(s, context, &mut out);
            assert_eq!(
                out,
                format!("kept {}", reference(s, context)),
                "{s:?} {context:?}"
            );
        }
    }
}

#[test]
fn a_reused_tag_holds_only_the_last_elements_attributes() {
    let mut w = Writer::new(Vec::new());
    let mut tag = Tag::new("e");
    tag.attr("a", "x\"<")
        .display("n", 1.5)
        .empty(&mut w)
        .unwrap();
    tag.clear()
        .attr("b", "\u{1}")
        .text(&mut w, "&amp;")
        .unwrap();
    tag.clear().around(&mut w, |_| Ok(())).unwrap();
    assert_eq!(
        String::from_utf8(w.into_inner()).unwrap(),
        "<e a=\"x&quot;&lt;\" n=\"1.5\"/><e b=\"\u{fffd}\">&amp;</e><e></e>"
    );
}
