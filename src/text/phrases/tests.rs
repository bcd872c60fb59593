use super::*;

/// Every match of `phrases` in `text` found the slow, obvious way: fold the whole text
/// with one original offset per folded byte, then look for each padded phrase at every
/// position.
fn reference(phrases: &[&str], text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    let (mut folded, mut origin, mut ends) = (vec![b' '], vec![0], vec![0]);
    for (at, c) in text.char_indices() {
        let bytes: Vec<u8> = if c.is_ascii() {
            vec![c as u8]
        } else {
            fold_char(c).to_vec()
        };
        for b in bytes {
            if b.is_ascii_alphanumeric() {
                folded.push(b.to_ascii_lowercase());
                origin.push(at);
                ends.push(at + c.len_utf8());
            } else if folded.last() != Some(&b' ') {
                folded.push(b' ');
                origin.push(at);
                ends.push(at);
            }
        }
    }
    if folded.last() != Some(&b' ') {
        folded.push(b' ');
        origin.push(text.len());
        ends.push(text.len());
    }
    let mut out = Vec::new();
    for (i, phrase) in phrases.iter().enumerate() {
        let padded = format!(" {phrase} ");
        for at in 0..folded.len() {
            if folded[at..].starts_with(padded.as_bytes()) {
                let last = at + padded.len() - 2;
                out.push((i, origin[at + 1]..ends[last]));
            }
        }
    }
    out.sort_by_key(|(i, r)| (r.start, r.end, *i));
    out
}

#[test]
fn whole_words_agree_with_folding_the_whole_text() {
    let phrases = [
        "al qaeda",
        "qaeda",
        "u s",
        "s",
        "libya",
        "libyan national army",
        "national army",
        "erdogan",
        "cote d ivoire",
        "d ivoire",
        "oeuvre",
        "1 2",
        "2",
        "a",
        "a a",
        "strasse",
    ];
    let words = [
        "al-Qaeda",
        "Qaeda",
        "U.S.",
        "u.s",
        "’s",
        "Libya",
        "Libyan",
        "National",
        "Army",
        "Erdoğan",
        "Erdog\u{306}an",
        "Côte",
        "d’Ivoire",
        "Œuvre",
        "½",
        "2",
        "a",
        "A",
        "Straße",
        "the",
        "—",
        "“",
        "”",
        ",",
        "\n\n",
        "  ",
        "-",
        "x",
        "libyaX",
        "2017Featured",
        "xĞYz",
        "é",
        "a½",
    ];
    let matcher = WholeWords::new(phrases.iter().map(|p| (*p, true))).unwrap();
    // A fixed pseudo-random sequence of texts built from those words and separators.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut glued_seen = 0;
    for round in 0..3000 {
        let mut text = String::new();
        // Short texts, and long ones that cross the scanner's 64-byte blocks, some all
        // ASCII (the fast path), some not.
        let len = next() % if round % 3 == 0 { 9 } else { 80 };
        let ascii = round % 3 == 1;
        while text.len() < len as usize * 4 {
            let r = next();
            let word = words[r as usize % words.len()];
            if ascii && !word.is_ascii() {
                continue;
            }
            text.push_str(word);
            if (r >> 40) & 1 == 1 {
                text.push(' ');
            }
        }
        let (mut got, mut glued) = (Vec::new(), Vec::new());
        matcher.find_glued(&text, |i, r| got.push((i, r)), |at| glued.push(at));
        got.sort_by_key(|(i, r)| (r.start, r.end, *i));
        assert_eq!(got, reference(&phrases, &text), "in {text:?}");
        // Capitals right after a lowercase letter or digit, byte by byte.
        let bytes = text.as_bytes();
        let capitals: Vec<usize> = (1..bytes.len())
            .filter(|&i| bytes[i].is_ascii_uppercase() && lower_or_digit(bytes[i - 1]))
            .collect();
        assert_eq!(glued, capitals, "in {text:?}");
        glued_seen += capitals.len();
    }
    assert!(glued_seen > 1000, "{glued_seen} glued capitals");
}

#[test]
fn lowercase_starts_only_for_phrases_that_allow_them() {
    let matcher = WholeWords::new([("turkey", false), ("the hague", true)]).unwrap();
    let found = |text: &str| {
        let mut out = Vec::new();
        matcher.find(text, |_, r| out.push(text[r].to_owned()));
        out
    };
    assert_eq!(found("Turkey, turkey and TURKEY"), ["Turkey", "TURKEY"]);
    assert_eq!(found("the Hague, The hague"), ["the Hague", "The hague"]);
}
