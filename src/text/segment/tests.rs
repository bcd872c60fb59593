use super::*;

/// The sentences of `text`, as strings.
fn sentences(text: &str) -> Vec<&str> {
    segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.range.clone()])
        .collect()
}

/// The paragraphs of `text`, as strings.
fn paragraphs(text: &str) -> Vec<&str> {
    segment(text)
        .paragraphs
        .iter()
        .map(|p| &text[p.clone()])
        .collect()
}

/// Checks every structural guarantee of [`segment`] on `text`.
fn check_invariants(name: &str, text: &str) {
    let segments = segment(text);
    let starts_and_ends_solid = |r: &Range<usize>| {
        let s = &text[r.clone()];
        !s.is_empty()
            && !is_space(s.chars().next().unwrap())
            && !is_space(s.chars().next_back().unwrap())
    };
    let mut previous_end = 0;
    for (i, p) in segments.paragraphs.iter().enumerate() {
        assert!(p.start >= previous_end, "{name}: paragraph {i} overlaps");
        assert!(
            starts_and_ends_solid(p),
            "{name}: paragraph {i} not trimmed"
        );
        assert!(
            text[previous_end..p.start].chars().all(is_space),
            "{name}: text between paragraphs"
        );
        previous_end = p.end;
    }
    assert!(
        text[previous_end..].chars().all(is_space),
        "{name}: text after"
    );

    let mut previous_end = 0;
    for (i, s) in segments.sentences.iter().enumerate() {
        let r = &s.range;
        assert!(r.start >= previous_end, "{name}: sentence {i} out of order");
        assert!(starts_and_ends_solid(r), "{name}: sentence {i} not trimmed");
        let p = &segments.paragraphs[s.paragraph];
        assert!(
            p.start <= r.start && r.end <= p.end,
            "{name}: sentence {i} outside its paragraph"
        );
        assert!(
            text[previous_end..r.start].chars().all(is_space),
            "{name}: non-whitespace before sentence {i} is in no sentence"
        );
        assert_eq!(segments.sentence_at(r.start), i, "{name}: sentence_at");
        assert_eq!(
            segments.sentence_at(r.end - 1),
            i,
            "{name}: sentence_at end"
        );
        assert_eq!(
            segments.paragraph_at(r.start),
            s.paragraph,
            "{name}: paragraph_at"
        );
        previous_end = r.end;
    }
    assert!(
        text[previous_end..].chars().all(is_space),
        "{name}: text after"
    );

    // Each paragraph is exactly covered by its sentences, first to last.
    for (index, p) in segments.paragraphs.iter().enumerate() {
        let own: Vec<_> = segments
            .sentences
            .iter()
            .filter(|s| s.paragraph == index)
            .collect();
        assert!(!own.is_empty(), "{name}: paragraph {index} has no sentence");
        assert_eq!(
            own[0].range.start, p.start,
            "{name}: paragraph {index} start"
        );
        assert_eq!(
            own[own.len() - 1].range.end,
            p.end,
            "{name}: paragraph {index} end"
        );
    }
    let paragraph_numbers: Vec<usize> = segments.sentences.iter().map(|s| s.paragraph).collect();
    assert!(
        paragraph_numbers.is_sorted(),
        "{name}: paragraph numbers unsorted"
    );
}

#[test]
fn sentence_table() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "simple",
            "He left. She stayed.",
            &["He left.", "She stayed."],
        ),
        (
            "no final punctuation",
            "He left. She stayed",
            &["He left.", "She stayed"],
        ),
        (
            "opening typographic quote",
            "Haley said on Wednesday. “This is one of those situations.”",
            &[
                "Haley said on Wednesday.",
                "“This is one of those situations.”",
            ],
        ),
        (
            "opening straight quote and bracket",
            "It ended. \"We won,\" he said. (Reporting by Tom Allard)",
            &[
                "It ended.",
                "\"We won,\" he said.",
                "(Reporting by Tom Allard)",
            ],
        ),
        (
            "headline with acronyms",
            "U.S. envoy to U.N.: Syria’s Assad ‘hindrance to moving forward’",
            &["U.S. envoy to U.N.: Syria’s Assad ‘hindrance to moving forward’"],
        ),
        (
            "stacked titles",
            "Lt. Col. Ahmed al-Mismari said the army advanced. It was late.",
            &[
                "Lt. Col. Ahmed al-Mismari said the army advanced.",
                "It was late.",
            ],
        ),
        (
            "general",
            "Russia received Gen. Khalifa Haftar. Talks followed.",
            &["Russia received Gen. Khalifa Haftar.", "Talks followed."],
        ),
        (
            "more titles",
            "Mr. Smith met Mrs. Jones, Dr. Brown, Prof. Lee and Sen. Graham. Rep. Ortiz and Gov. Abbott came too.",
            &[
                "Mr. Smith met Mrs. Jones, Dr. Brown, Prof. Lee and Sen. Graham.",
                "Rep. Ortiz and Gov. Abbott came too.",
            ],
        ),
        (
            "ranks and places",
            "Maj. Gen. Ali and Capt. Omar left St. Petersburg for Ft. Bragg via Mt. Hermon.",
            &["Maj. Gen. Ali and Capt. Omar left St. Petersburg for Ft. Bragg via Mt. Hermon."],
        ),
        (
            "months",
            "It was registered on Sept. 12 and sailed on Feb. 26. China halted imports on Jan. 3.",
            &[
                "It was registered on Sept. 12 and sailed on Feb. 26.",
                "China halted imports on Jan. 3.",
            ],
        ),
        (
            "abbreviation in capitals",
            "GEN. KHALIFA HAFTAR ARRIVES IN MOSCOW",
            &["GEN. KHALIFA HAFTAR ARRIVES IN MOSCOW"],
        ),
        (
            "abbreviation case on the first letter",
            "The vote was a no. The bill failed.",
            &["The vote was a no.", "The bill failed."],
        ),
        (
            "number sign",
            "He is ranked No. 3 in the world. He said No. Then he left.",
            &[
                "He is ranked No. 3 in the world.",
                "He said No.",
                "Then he left.",
            ],
        ),
        (
            "initials",
            "John F. Kennedy spoke. J. R. R. Tolkien wrote. Plan B. Worked.",
            &[
                "John F. Kennedy spoke.",
                "J. R. R. Tolkien wrote.",
                "Plan B. Worked.",
            ],
        ),
        (
            "acronym before an opener word",
            "Troops stayed in the U.S. The talks ended.",
            &["Troops stayed in the U.S.", "The talks ended."],
        ),
        (
            "acronym before a capitalised name",
            "Officials said the U.S. Navy and U.N. Secretary-General Antonio Guterres agreed.",
            &["Officials said the U.S. Navy and U.N. Secretary-General Antonio Guterres agreed."],
        ),
        (
            "acronym before lowercase and digits",
            "The U.S. and Russia could talk about the U.K. 5th brigade.",
            &["The U.S. and Russia could talk about the U.K. 5th brigade."],
        ),
        (
            "acronym before an opening quote",
            "He flew to the E.U. “We will stay,” he said.",
            &["He flew to the E.U.", "“We will stay,” he said."],
        ),
        (
            "acronym inside a closing quote",
            "“It is up to the U.N.” he said. “And the U.S.” Then he left.",
            &[
                "“It is up to the U.N.” he said.",
                "“And the U.S.”",
                "Then he left.",
            ],
        ),
        (
            "acronym before its possessive apostrophe",
            "the U.S.' position hardened.",
            &["the U.S.' position hardened."],
        ),
        (
            "numbers",
            "Growth was 3.5 percent. Debt hit $1.2 billion. Exports fell 0.4 percent.",
            &[
                "Growth was 3.5 percent.",
                "Debt hit $1.2 billion.",
                "Exports fell 0.4 percent.",
            ],
        ),
        (
            "sentence starting with a digit or a currency sign",
            "It rose in 2016. 2017 was worse. $5 million was paid.",
            &[
                "It rose in 2016.",
                "2017 was worse.",
                "$5 million was paid.",
            ],
        ),
        (
            "a.m. before a weekday",
            "The meeting starts at 10 a.m. Tuesday in Geneva.",
            &["The meeting starts at 10 a.m. Tuesday in Geneva."],
        ),
        (
            "p.m. before an opener word",
            "It started at 4 p.m. The talks lasted hours. At 9 a.m. local time they ended.",
            &[
                "It started at 4 p.m.",
                "The talks lasted hours.",
                "At 9 a.m. local time they ended.",
            ],
        ),
        (
            "closing abbreviations",
            "Samsung Co. said profits rose. He bought pears, plums, etc. The rest rotted. Apple Inc. Chairman Smith spoke.",
            &[
                "Samsung Co. said profits rose.",
                "He bought pears, plums, etc.",
                "The rest rotted.",
                "Apple Inc. Chairman Smith spoke.",
            ],
        ),
        (
            "prefix abbreviations",
            "Some groups, e.g. The Base, remain. Others, i.e. Hamas vs. Fatah, do not.",
            &[
                "Some groups, e.g. The Base, remain.",
                "Others, i.e. Hamas vs. Fatah, do not.",
            ],
        ),
        (
            "ellipsis before lowercase",
            "He waited... and waited. Then he left.",
            &["He waited... and waited.", "Then he left."],
        ),
        (
            "ellipsis before uppercase",
            "It ended… Nobody came. It ended… nobody came. Wait... What?",
            &[
                "It ended…",
                "Nobody came.",
                "It ended… nobody came.",
                "Wait...",
                "What?",
            ],
        ),
        (
            "ellipsis for an omission after a function word",
            "“Weapons were bought by the … Government for the army,” it said. It is the … Nobody knows.",
            &[
                "“Weapons were bought by the … Government for the army,” it said.",
                "It is the … Nobody knows.",
            ],
        ),
        (
            "spaced ellipsis",
            "He paused . . . and went on.",
            &["He paused . . . and went on."],
        ),
        (
            "question before a lowercase attribution",
            "“Who are you?” he asked. “A friend,” she said.",
            &["“Who are you?” he asked.", "“A friend,” she said."],
        ),
        (
            "full stop inside quotes before lowercase attribution",
            "“It is over.” he said. ‘Fine!’ she replied.",
            &["“It is over.” he said.", "‘Fine!’ she replied."],
        ),
        (
            "full stop inside quotes before a new sentence",
            "“It is over.” The talks ended. He called it ‘aggressive.’ Then he left.",
            &[
                "“It is over.”",
                "The talks ended.",
                "He called it ‘aggressive.’",
                "Then he left.",
            ],
        ),
        (
            "closing brackets",
            "(Reporting by Michelle Nichols.) The end. He left [for good.] Nobody cared.",
            &[
                "(Reporting by Michelle Nichols.)",
                "The end.",
                "He left [for good.]",
                "Nobody cared.",
            ],
        ),
        (
            "opening bracket",
            "It was reported. (CIA) agents left.",
            &["It was reported.", "(CIA) agents left."],
        ),
        (
            "question and exclamation runs",
            "Really?! Yes. Why? because. Stop! Go!",
            &["Really?!", "Yes.", "Why? because.", "Stop!", "Go!"],
        ),
        (
            "lowercase after a full stop",
            "He said no. but then he agreed.",
            &["He said no. but then he agreed."],
        ),
        (
            "dot without a following space",
            "On Jan. 31.(FADI DIRANI/AFP) Summary: the U.S.-led force at tmsnrt.rs/2ofxNXe left.",
            &[
                "On Jan. 31.(FADI DIRANI/AFP) Summary: the U.S.-led force at tmsnrt.rs/2ofxNXe left.",
            ],
        ),
        (
            "space before the full stop",
            "The devices are dropped all over Syria . Indeed, there are cases.",
            &[
                "The devices are dropped all over Syria .",
                "Indeed, there are cases.",
            ],
        ),
        (
            "list markers",
            "1. The talks began on Monday. 2. They ended on Friday.",
            &["1. The talks began on Monday.", "2. They ended on Friday."],
        ),
        (
            "roman numeral",
            "They fought in World War II. The war ended.",
            &["They fought in World War II.", "The war ended."],
        ),
        (
            "caseless script",
            "He arrived. محمد spoke.",
            &["He arrived.", "محمد spoke."],
        ),
        (
            "dash or bullet after a full stop",
            "It ended. – Reuters\n- First item. - Second item. • Third item.",
            &[
                "It ended.",
                "– Reuters\n- First item.",
                "- Second item.",
                "• Third item.",
            ],
        ),
        (
            "acronym after a hyphen",
            "They met non-U.S. Navy officers. Then the U.S./U.K. The end.",
            &[
                "They met non-U.S. Navy officers.",
                "Then the U.S./U.K.",
                "The end.",
            ],
        ),
        (
            "opener words are whole words",
            "He lives in the U.S. Theresa May visited. He left the U.S. It’s over.",
            &[
                "He lives in the U.S. Theresa May visited.",
                "He left the U.S.",
                "It’s over.",
            ],
        ),
        (
            "single newline inside a name",
            "They met Khalifa\nHaftar in Benghazi. Then\nthey left.",
            &["They met Khalifa\nHaftar in Benghazi.", "Then\nthey left."],
        ),
        (
            "sentence end before a single newline",
            "SWEDEN OUT.\nBy Aziz El Yaakoubi\nRIMBO, Sweden (Reuters) – Talks ended.",
            &[
                "SWEDEN OUT.",
                "By Aziz El Yaakoubi\nRIMBO, Sweden (Reuters) – Talks ended.",
            ],
        ),
        (
            "Unicode spaces between sentences",
            "One.\u{00A0}Two.\u{2009}Three.\u{3000}Four.\u{200B}Five.",
            &["One.", "Two.", "Three.", "Four.", "Five."],
        ),
        (
            "surrounding whitespace",
            "\u{FEFF}  \t Hello there.  \r\n",
            &["Hello there."],
        ),
        ("empty", "", &[]),
        (
            "whitespace only",
            " \n\t\u{00A0}\r\n\u{2029} \u{3000}\n",
            &[],
        ),
        ("single word", "Hi", &["Hi"]),
        ("only punctuation", "...", &["..."]),
    ];
    for (name, text, expected) in cases {
        assert_eq!(sentences(text), *expected, "case {name:?}: {text:?}");
        check_invariants(name, text);
    }
}

#[test]
fn paragraph_table() {
    let cases: &[(&str, &str, &[&str], &[usize])] = &[
        (
            "heading alone in its paragraph",
            "Malaysia buys North Korean coal.\n\nLUCKY STAR\n\nThe KUM YA was re-flagged.",
            &[
                "Malaysia buys North Korean coal.",
                "LUCKY STAR",
                "The KUM YA was re-flagged.",
            ],
            &[0, 1, 2],
        ),
        (
            "single newlines keep the paragraph",
            "First line\nsecond line. Next sentence.\nthird line",
            &["First line\nsecond line. Next sentence.\nthird line"],
            &[0, 0],
        ),
        (
            "CRLF",
            "First para line one\r\nline two.\r\n\r\nSecond para. Two sentences.\r\n",
            &[
                "First para line one\r\nline two.",
                "Second para. Two sentences.",
            ],
            &[0, 1, 1],
        ),
        (
            "lone CR",
            "Para one.\r\rPara two.",
            &["Para one.", "Para two."],
            &[0, 1],
        ),
        (
            "blank line of Unicode spaces",
            "One. Two.\n\u{00A0}\u{3000} \t\nThree.",
            &["One. Two.", "Three."],
            &[0, 0, 1],
        ),
        (
            "several blank lines and indentation",
            "\n\n  Hello there.  \n\n\n\tWorld.\n   \n",
            &["Hello there.", "World."],
            &[0, 1],
        ),
        (
            "Unicode line and paragraph separators",
            "A line\u{2028}goes on. Next.\u{2029}New para.\u{0085}Same para.",
            &[
                "A line\u{2028}goes on. Next.",
                "New para.\u{0085}Same para.",
            ],
            &[0, 0, 1, 1],
        ),
        (
            "no sentence crosses a paragraph",
            "Talks with Gen.\n\nKhalifa Haftar ended",
            &["Talks with Gen.", "Khalifa Haftar ended"],
            &[0, 1],
        ),
    ];
    for (name, text, expected_paragraphs, expected_numbers) in cases {
        let segments = segment(text);
        assert_eq!(paragraphs(text), *expected_paragraphs, "case {name:?}");
        let numbers: Vec<usize> = segments.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(numbers, *expected_numbers, "case {name:?}");
        check_invariants(name, text);
    }
}

#[test]
fn empty_text_has_nothing() {
    assert_eq!(segment(""), Segments::default());
    assert_eq!(segment(" \r\n\u{00A0}\n\n"), Segments::default());
    let empty = Segments::default();
    assert_eq!(empty.sentence_at(5), 0);
    assert_eq!(empty.paragraph_at(5), 0);
}

#[test]
fn lookups_follow_the_offset_conventions() {
    //          0         1         2         3
    //          0123456789012345678901234567890123
    let text = "  Ab cd. Ef gh.\n\n\nIj kl. Mn.  ";
    let segments = segment(text);
    assert_eq!(sentences(text), ["Ab cd.", "Ef gh.", "Ij kl.", "Mn."]);
    assert_eq!(segments.paragraphs, [2..15, 18..28]);
    // Before the first sentence.
    assert_eq!(segments.sentence_at(0), 0);
    assert_eq!(segments.paragraph_at(0), 0);
    // Inside and at the edges of sentences.
    assert_eq!(segments.sentence_at(2), 0);
    assert_eq!(segments.sentence_at(7), 0);
    assert_eq!(segments.sentence_at(9), 1);
    // Whitespace between sentences and between paragraphs belongs to the previous one.
    assert_eq!(segments.sentence_at(8), 0);
    assert_eq!(segments.sentence_at(16), 1);
    assert_eq!(segments.paragraph_at(16), 0);
    assert_eq!(segments.sentence_at(18), 2);
    assert_eq!(segments.paragraph_at(18), 1);
    assert_eq!(segments.sentence_at(25), 3);
    // After the end, and past the text.
    assert_eq!(segments.sentence_at(29), 3);
    assert_eq!(segments.sentence_at(1000), 3);
    assert_eq!(segments.paragraph_at(1000), 1);
}

const SEEDS: [&str; 5] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_e56b92874250d2c8.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/001_1ce6d3e731a6c1a5.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/002_88b52ab42e3dc33c.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/003_fb7aa91ac16870b2.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/004_ccb169516f05889d.txt"
    )),
];

#[test]
fn real_article() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/002_88b52ab42e3dc33c.txt"
    ))
    .unwrap();
    let segments = segment(&text);

    // Paragraphs counted independently: runs of lines with something on them.
    let mut blocks = 0;
    let mut in_block = false;
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if !blank && !in_block {
            blocks += 1;
        }
        in_block = !blank;
    }
    assert_eq!(segments.paragraphs.len(), blocks);

    let found = sentences(&text);
    for expected in [
        // A heading alone in its paragraph.
        "RUSSIA DENIES TALKS ON CREATION OF MILITARY BASES IN LIBYA",
        // A photo caption without final punctuation.
        "Commander of the Libyan Armed Forces, General Khalifa Haftar (R), and Deputy \
             Commander of the Russian Northern Fleet, Vice Admiral Victor Sokolov (L), on the \
             deck of the Admiral Kuznetsov heavy aircraft-carrying missile cruiser",
        "“Such talks are not being conducted,” Ozerov told Sputnik.",
        "Haftar is a protege of the Central Intelligence Agency (CIA), who was introduced \
             into the rebel camp during the aggression against Libya.",
        "His visit to Moscow in November 2016 is an important stage in this issue.",
        // A dotted acronym before a lowercase word.
        "Putin has also piloted a much-touted pivot to Asia, coinciding with renewed U.S. \
             interest in the area.",
        // A full stop after a space.
        "The devices continue to be dropped on towns all over Syria .",
        "Indeed, there have been several documented cases of their use in Iraq over the past \
             months, and residents of the city of Mosul, which was re...",
        // A heading alone in its paragraph.
        "Why States Still Use Barrel Bombs",
        // `Jan.` and a full stop glued to a bracket do not split.
        "Smoke ascends after a Syrian military helicopter \
             allegedly dropped a barrel bomb over the city of Daraya on Jan. 31.(FADI \
             DIRANI/AFP/Getty Images) Summary Barrel bombs are not especially effective weapons.",
        // A non-breaking space inside a sentence.
        "By this\u{00A0}byehavior, British law inforcements indirectly encourage criminals to \
             continue attacks on Russian diplomatic property in the UK.",
    ] {
        assert!(found.contains(&expected), "missing sentence {expected:?}");
    }
    let heading = found
        .iter()
        .position(|s| s.starts_with("RUSSIA DENIES"))
        .unwrap();
    let paragraph = segments.sentences[heading].paragraph;
    assert_eq!(
        &text[segments.paragraphs[paragraph].clone()],
        found[heading]
    );
}

#[test]
fn seed_invariants() {
    for (i, text) in SEEDS.iter().enumerate() {
        check_invariants(&format!("seed {i}"), text);
        assert!(segment(text).sentences.len() > 10, "seed {i}");
    }
}

#[test]
fn seed_invariants_with_crlf() {
    for (i, text) in SEEDS.iter().enumerate() {
        let crlf = text.replace('\n', "\r\n");
        check_invariants(&format!("seed {i} (CRLF)"), &crlf);
        let lf = segment(text);
        let cr = segment(&crlf);
        assert_eq!(lf.paragraphs.len(), cr.paragraphs.len(), "seed {i}");
        assert_eq!(lf.sentences.len(), cr.sentences.len(), "seed {i}");
    }
}

#[test]
fn random_texts_keep_the_invariants() {
    const PIECES: &[&str] = &[
        "a", "B", "word", " ", " ", "\n", "\n\n", "\r\n", "\r", ".", ".", "...", "…", "?", "!",
        "”", "“", "’", "‘", "\"", "'", "(", ")", "U.S.", "Gen.", "No.", "3", "3.5", "\u{00A0}",
        "\u{2028}", "\u{2029}", "\u{0085}", "\u{200B}", "é", "محمد", "The", "a.m.", "etc.", "\t",
        "\u{3000}", "–",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        check_invariants(&format!("random {round}: {text:?}"), &text);
    }
}
