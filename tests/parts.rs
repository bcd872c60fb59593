//! Article structure: headline, dateline, byline, captions, credits and furniture, on
//! real-shaped snippets (wire copy, web pages, scraped blogs), and what leaving them out does
//! to the seeds' network.

use gazegraph::corpus::Corpus;
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{BuildOptions, GraphBuilder, GraphDocument, Network};
use gazegraph::mentions::{Annotator, DocumentFacts};
use gazegraph::relations::{Relations, RulesBuilder};
use gazegraph::text::{Part, PartSet, Parts, parts, segment};

fn parts_of(text: &str, title: Option<usize>) -> Parts {
    parts(text, &segment(text), title)
}

/// A text (a record's title when the second field is set: its length), and pieces of it with
/// the part every byte of the piece must have. A piece is found by its first occurrence
/// after the previous piece.
type Case = (&'static str, Option<usize>, &'static [(&'static str, Part)]);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Headlines: a text file's first line, a record's title, not a sentence, not a lone line.
    ("U.S. envoy to U.N.: Syria’s Assad ‘hindrance to moving forward’\n\nNEW YORK (Reuters) – Nikki Haley said so.",
     None, &[("U.S. envoy to U.N.", Part::Headline), ("Syria’s Assad", Part::Headline), ("Nikki Haley said so.", Part::Body)]),
    ("Putin and Erdogan push for Syria talks without U.S. or U.N.\n\nMOSCOW (Reuters) - Putin spoke.",
     None, &[("without U.S. or U.N.", Part::Headline), ("Putin spoke.", Part::Body)]),
    ("When to end the war? North Korea, U.S. at odds over path to peace\n\nBy Josh Smith\n\nSEOUL (Reuters) – Talks.",
     None, &[("When to end the war?", Part::Headline), ("at odds over path", Part::Headline), ("Josh Smith", Part::Byline), ("Talks.", Part::Body)]),
    ("Haftar met Putin in Moscow on Monday.\n\nRussia backed him.",
     None, &[("Haftar met Putin", Part::Body), ("Russia backed him.", Part::Body)]),
    ("Haftar met Putin in Moscow",
     None, &[("Haftar met Putin in Moscow", Part::Body)]),
    ("Sisi meets Haftar\n\nThe LNA moved on Tripoli. It said so\non two lines.",
     Some(17), &[("Sisi meets Haftar", Part::Headline), ("The LNA moved", Part::Body), ("on two lines.", Part::Body)]),
    ("Skip to main content\n\nRUSSIA DENIES TALKS ON CREATION OF MILITARY BASES IN LIBYA\n\nAccording to Viktor Ozerov, Russia is not conducting talks.",
     None, &[("Skip to main content", Part::Furniture), ("RUSSIA DENIES", Part::Headline), ("Viktor Ozerov", Part::Body)]),
    // Datelines, with and without an agency, a date or a place; the rest of the line is body.
    ("NEW YORK (Reuters) – U.S. ambassador Nikki Haley said on Wednesday.",
     None, &[("NEW YORK (Reuters) –", Part::Dateline), ("U.S. ambassador", Part::Body)]),
    ("MOSCOW, Dec 13 (Reuters) - Russia said on Friday it would act.",
     None, &[("MOSCOW, Dec 13 (Reuters) -", Part::Dateline), ("Russia said", Part::Body)]),
    ("RIMBO, Sweden (Reuters) – Yemen’s warring parties agreed to a ceasefire.",
     None, &[("RIMBO, Sweden (Reuters) –", Part::Dateline), ("Yemen’s", Part::Body)]),
    ("GENEVA/MOSUL, Iraq (Reuters) – About 400,000 Iraqi civilians are trapped.",
     None, &[("GENEVA/MOSUL, Iraq (Reuters) –", Part::Dateline), ("Iraqi civilians", Part::Body)]),
    ("(Reuters) - In September 2014, Gilberto Velasquez received news.",
     None, &[("(Reuters) -", Part::Dateline), ("In September 2014", Part::Body)]),
    ("ROME — Russian vessels have been unloading military equipment in Tobruk.",
     None, &[("ROME —", Part::Dateline), ("Russian vessels", Part::Body)]),
    ("WASHINGTON (AP) — The Senate voted on Tuesday.",
     None, &[("WASHINGTON (AP) —", Part::Dateline), ("The Senate", Part::Body)]),
    ("BEIRUT, Lebanon — Clashes erupted in Tripoli.",
     None, &[("BEIRUT, Lebanon —", Part::Dateline), ("Clashes erupted", Part::Body)]),
    // Not datelines: a sentence with a dash, an agency that is none, lower case.
    ("The talks — held in Geneva — failed.",
     None, &[("The talks — held in Geneva — failed.", Part::Body)]),
    ("NATO (North Atlantic Treaty Organization) - a military alliance.",
     None, &[("NATO (North Atlantic", Part::Body)]),
    ("Rome — the eternal city — was quiet.",
     None, &[("Rome — the eternal", Part::Body)]),
    // Bylines: capitalised names joined by particles; not a sentence that starts with `By`.
    ("Title here\n\nBy Aziz El Yaakoubi and Johan Sennero\n\nRIMBO, Sweden (Reuters) – Talks ended.",
     None, &[("Aziz El Yaakoubi and Johan Sennero", Part::Byline), ("Talks ended.", Part::Body)]),
    ("A headline\n\nBy James Pearson, Rozanna Latiff and Tom Allard\n\nKUALA LUMPUR (Reuters) – Malaysia acted.",
     None, &[("By James Pearson, Rozanna Latiff and Tom Allard", Part::Byline)]),
    ("A headline\n\nBy Ayman al-Warfalli and Ahmed Elumami\n\nBENGHAZI (Reuters) - Fighting.",
     None, &[("By Ayman al-Warfalli and Ahmed Elumami", Part::Byline)]),
    ("Some story.\n\nBy this behaviour, British police encourage criminals.",
     None, &[("By this behaviour", Part::Body)]),
    ("Some story.\n\nBy Monday the talks had failed in Geneva.",
     None, &[("By Monday the talks", Part::Body)]),
    // Credits: reporting lines, in parentheses or not, and the writer's tagline.
    ("Talks failed.\n\n(Reporting by Michelle Nichols; Editing by Chizu Nomiyama, Bernard Orr)",
     None, &[("Talks failed.", Part::Body), ("(Reporting by Michelle Nichols; Editing by Chizu Nomiyama, Bernard Orr)", Part::Credit)]),
    ("Talks failed.\n\n(Additional reporting by Ayman al-Warfalli in Benghazi; Editing by Giles Elgood)",
     None, &[("(Additional reporting by Ayman al-Warfalli in Benghazi; Editing by Giles Elgood)", Part::Credit)]),
    ("Talks failed.\n\n(Writing by Ghaida Ghantous; Editing by Andrew Cawthorne)",
     None, &[("Writing by Ghaida Ghantous", Part::Credit)]),
    ("Talks failed.\n\nReporting by Tom Miles in Geneva; Editing by Tom Heneghan",
     None, &[("Tom Miles in Geneva", Part::Credit)]),
    ("WASHINGTON (Reuters) - Trump spoke in Ohio.  (Reporting by Alana Wise; Editing by Cynthia Osterman) This article was funded in part by SAP. It was independently created by Reuters staff.",
     Some(0), &[("Trump spoke in Ohio.", Part::Body), ("(Reporting by Alana Wise; Editing by Cynthia Osterman)", Part::Credit), ("This article was funded in part by SAP.", Part::Furniture)]),
    ("Fishman said Tobruk mattered.\n\nTom Kington is the Italy correspondent for Defense News.\n\nRead the full article here",
     None, &[("Tobruk", Part::Body), ("Tom Kington is the Italy correspondent for Defense News.", Part::Credit), ("Read the full article here", Part::Furniture)]),
    // Photo captions and their credits.
    ("A headline\n\nFILE PHOTO - Nikki Haley presents her credentials in New York City, U.S., January 27, 2017. REUTERS/Stephanie Keith/File Photo\n\nNEW YORK (Reuters) – Haley spoke.",
     None, &[("FILE PHOTO - Nikki Haley presents", Part::Caption), ("REUTERS/Stephanie Keith/File Photo", Part::Credit), ("Haley spoke.", Part::Body)]),
    ("Talks went on.\n\nSmoke rises in Tripoli, Libya September 10, 2018. REUTERS/Hani Amara\n\nIslamic State claimed the attack.",
     None, &[("Talks went on.", Part::Body), ("Smoke rises in Tripoli", Part::Caption), ("REUTERS/Hani Amara", Part::Credit), ("Islamic State claimed", Part::Body)]),
    ("Talks went on.\n\nLeaders shake hands near Stockholm December 13, 2018. TT News Agency/Pontus Lundahl via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY. SWEDEN OUT.\n\nThe war goes on.",
     None, &[("Leaders shake hands near Stockholm", Part::Caption), ("TT News Agency/Pontus Lundahl via REUTERS", Part::Credit), ("SWEDEN OUT.", Part::Credit), ("The war goes on.", Part::Body)]),
    ("Fighting went on.\n\nA young boy rides a bicycle in Douma, Syria February 23.\n\nA young boy rides a bicycle in Douma, Syria February 23.\n\nREUTERS/Bassam Khabieh\n\nLavrov spoke.",
     None, &[("Fighting went on.", Part::Body), ("A young boy", Part::Caption), ("A young boy", Part::Caption), ("REUTERS/Bassam Khabieh", Part::Credit), ("Lavrov spoke.", Part::Body)]),
    ("Talks went on.\n\nGeneral Khalifa Haftar (R), and Vice Admiral Victor Sokolov (L), on the deck of the Admiral Kuznetsov\n\nRussia denied it.",
     None, &[("General Khalifa Haftar (R)", Part::Caption), ("Russia denied it.", Part::Body)]),
    ("Rockets test truce near Homs\n\nA boy rides on a tricycle along a damaged street in Homs,\n\nBEIRUT (Reuters) – Warring sides exchanged fire.",
     None, &[("Rockets test truce", Part::Headline), ("A boy rides on a tricycle", Part::Caption), ("Warring sides", Part::Body)]),
    ("Russia funneling weapons through Libyan port\n\nRussia funneling weapons through Libyan port\n\nROME — Russian vessels unloaded arms.",
     None, &[("Russia funneling weapons", Part::Headline), ("Russia funneling weapons", Part::Headline), ("ROME —", Part::Dateline)]),
    ("Smoke rose over Daraya on Jan. 31.(FADI DIRANI/AFP/Getty Images) Summary Barrel bombs are not especially effective weapons.",
     None, &[("(FADI DIRANI/AFP/Getty Images)", Part::Credit), ("Summary Barrel bombs", Part::Body)]),
    ("The senator was not amused.Featured image via Joe Raedle/Getty Images",
     Some(0), &[("The senator was not amused.", Part::Body), ("Featured image via Joe Raedle/Getty Images", Part::Credit)]),
    ("Back to the crypt with you!Image via screen capture.",
     Some(0), &[("Back to the crypt", Part::Body), ("Image via screen capture.", Part::Credit)]),
    // Cues glued to the word before them, as scraped pages leave them; not inside a word.
    ("He lied again.\n\nMarch 10, 2017Featured image by Mark Wilson via Getty Images",
     Some(0), &[("He lied again.", Part::Body), ("Featured image by Mark Wilson via Getty Images", Part::Credit)]),
    ("The rally ended at noon. Watch it hereREAD MORE: Trump rages",
     Some(0), &[("The rally ended at noon.", Part::Body), ("READ MORE: Trump rages", Part::Furniture)]),
    ("Featured images of the war were shown in Moscow.\n\nHe said (reporting by the press) it was so.",
     None, &[("Featured images of the war", Part::Body), ("(reporting by the press)", Part::Body)]),
    // A Reuters/Ipsos poll is news, not a photo credit.
    ("A Reuters/Ipsos poll showed Trump ahead in Ohio.",
     None, &[("A Reuters/Ipsos poll showed Trump ahead in Ohio.", Part::Body)]),
    // Site furniture: whole lines and sentences.
    ("Story text here.\n\nAdvertisement\n\nMore text here.\n\nShare on Facebook\n\nSign up for our daily newsletter\n\nRead more: Libya’s war",
     None, &[("Story text here.", Part::Body), ("Advertisement", Part::Furniture), ("More text here.", Part::Body), ("Share on Facebook", Part::Furniture), ("Sign up for our daily newsletter", Part::Furniture), ("Read more: Libya’s war", Part::Furniture)]),
    ("Shares of Gazprom fell in Moscow.\n\nSubscribers of the paper read it.",
     None, &[("Shares of Gazprom", Part::Body), ("Subscribers of the paper", Part::Body)]),
    ("The report came out. READ MORE TRUMP NEWS AT: 21st Century Wire Trump Files",
     Some(0), &[("The report came out.", Part::Body), ("READ MORE TRUMP NEWS", Part::Furniture)]),
    // A file of several articles: each headline follows the credits that close the last one.
    ("First story\n\nGENEVA (Reuters) – Talks.\n\n(Reporting by Tom Miles)\n\nExclusive: Malaysia inspects North Korean coal ship\n\nBy James Pearson\n\nKUALA LUMPUR (Reuters) – Malaysia acted.\n\nLUCKY STAR\n\nThe ship sailed.",
     None, &[("First story", Part::Headline), ("Talks.", Part::Body), ("Tom Miles", Part::Credit), ("Exclusive: Malaysia inspects", Part::Headline), ("James Pearson", Part::Byline), ("KUALA LUMPUR (Reuters) –", Part::Dateline), ("LUCKY STAR", Part::Body), ("The ship sailed.", Part::Body)]),
];

#[test]
fn every_part_is_recognised_in_real_shaped_text() {
    let mut wrong = Vec::new();
    for &(text, title, pieces) in CASES {
        let found = parts_of(text, title);
        let mut from = 0;
        for &(piece, want) in pieces {
            let start = from
                + text[from..]
                    .find(piece)
                    .unwrap_or_else(|| panic!("`{piece}` is not in {text:?}"));
            let end = start + piece.len();
            from = end;
            let got: Vec<Part> = text[start..end]
                .char_indices()
                .filter(|(_, c)| !c.is_whitespace())
                .map(|(i, _)| found.part_at(start + i))
                .collect();
            if let Some(other) = got.iter().find(|&&p| p != want) {
                wrong.push(format!("{piece:?}: want {want}, found {other} in {text:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn datelines_keep_their_place_and_span() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "NEW YORK (Reuters) – Haley spoke.",
            "NEW YORK (Reuters) –",
            Some("NEW YORK"),
        ),
        (
            "MOSCOW, Dec 13 (Reuters) - Russia said.",
            "MOSCOW, Dec 13 (Reuters) -",
            Some("MOSCOW"),
        ),
        (
            "RIMBO, Sweden (Reuters) – Talks.",
            "RIMBO, Sweden (Reuters) –",
            Some("RIMBO, Sweden"),
        ),
        (
            "LONDON, March 3 — Britain said.",
            "LONDON, March 3 —",
            Some("LONDON"),
        ),
        ("(Reuters) - In 2014 news came.", "(Reuters) -", None),
        ("ROME — Russian vessels.", "ROME —", Some("ROME")),
    ];
    for &(text, dateline, place) in cases {
        let found = parts_of(text, None);
        let d = found
            .dateline()
            .unwrap_or_else(|| panic!("no dateline in {text:?}"));
        assert_eq!(&text[d.range.clone()], dateline, "{text}");
        assert_eq!(d.place.clone().map(|p| &text[p]), place, "{text}");
    }
    assert_eq!(
        parts_of("Haftar met Putin. ROME — no.", None).dateline(),
        None
    );
}

/// The annotator finds the inline cues in its pass over the words for names; `parts()` alone
/// searches for them itself: both must give the same parts.
#[test]
fn the_annotator_finds_the_same_parts_as_parts_alone() {
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    for &(text, title, _) in CASES {
        let facts = DocumentFacts {
            headline: title,
            ..DocumentFacts::default()
        };
        let annotated = annotator.annotate_in(text, facts, &mut Default::default());
        assert_eq!(annotated.parts, parts_of(text, title), "{text:?}");
    }
}

#[test]
fn mentions_record_their_part_and_the_dateline_place() {
    let gazetteer = Gazetteer::builtin().unwrap();
    let annotator = Annotator::new(&gazetteer).unwrap();
    let text = "MOSCOW (Reuters) – Vladimir Putin met Khalifa Haftar.\n\n(Reporting by Maria Tsvetkova; Editing by Giles Elgood)";
    let annotation = annotator.annotate(text);
    let seen: Vec<(&str, Part)> = annotation
        .mentions
        .iter()
        .map(|m| (gazetteer.entity(m.entity).id.as_str(), m.part))
        .collect();
    assert_eq!(
        seen,
        [
            ("moscow", Part::Dateline),
            ("reuters", Part::Dateline),
            ("vladimir_putin", Part::Body),
            ("khalifa_haftar", Part::Body),
            ("maria_tsvetkova", Part::Credit),
            ("giles_elgood", Part::Credit),
        ]
    );
    let place: Vec<&str> = annotation
        .dateline_mentions()
        .iter()
        .map(|m| gazetteer.entity(m.entity).id.as_str())
        .collect();
    assert_eq!(place, ["moscow"]);
    let kept = annotation.in_parts(PartSet::default()).unwrap();
    assert_eq!(kept.mentions.len(), 2);
    assert!(annotation.in_parts(PartSet::ALL).is_none());
}

/// The seeds' network over `parts`, with analytics.
fn seeds_network(parts: PartSet) -> GraphDocument {
    let gazetteer = Gazetteer::builtin().unwrap();
    let rules =
        Relations::new(&RulesBuilder::new().builtin().build().unwrap(), &gazetteer).unwrap();
    let corpus = Corpus::open(&["seeds".into()], Default::default()).unwrap();
    let options = BuildOptions {
        parts,
        ..BuildOptions::default()
    };
    let built = GraphBuilder::new(&gazetteer)
        .relations(rules)
        .options(options)
        .build(&corpus)
        .unwrap();
    let mut network = Network::from_document(built.document).unwrap();
    network.analyse();
    network.into_document()
}

/// Reporters, editors and photographers: the gazetteer's notes say they are credited.
fn staff(gazetteer: &Gazetteer, id: &str) -> bool {
    let entity = &gazetteer.entities()[gazetteer.lookup(id).unwrap().index()];
    entity
        .notes
        .as_deref()
        .is_some_and(|n| n.contains("credited in") || n.contains("correspondent of"))
}

#[test]
fn the_seeds_network_leaves_out_bylines_and_credits() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let gazetteer = Gazetteer::builtin().unwrap();
    let top = |doc: &GraphDocument| {
        let mut nodes: Vec<_> = doc.nodes.iter().collect();
        nodes.sort_by(|a, b| {
            b.betweenness
                .total_cmp(&a.betweenness)
                .then(a.id.cmp(&b.id))
        });
        nodes[0].id.clone()
    };
    let staff_nodes = |doc: &GraphDocument| {
        doc.nodes
            .iter()
            .filter(|n| staff(&gazetteer, &n.id))
            .map(|n| n.id.clone())
            .collect::<Vec<_>>()
    };
    // Every part, as before parts were recognised: the staff are nodes, Reuters is central.
    let all = seeds_network(PartSet::ALL);
    assert!(staff_nodes(&all).len() >= 80, "{:?}", staff_nodes(&all));
    assert_eq!(top(&all), "reuters");
    assert_eq!(all.options.parts, PartSet::ALL.to_string());

    let story = seeds_network(PartSet::default());
    assert_eq!(staff_nodes(&story), Vec::<String>::new());
    assert_ne!(top(&story), "reuters");
    assert_eq!(story.options.parts, "headline,body");
    assert!(story.nodes.len() < all.nodes.len());
    // Every piece of evidence comes from the headline or the body.
    for edge in &story.edges {
        for e in &edge.evidence {
            for part in [&e.source_part, &e.target_part] {
                assert!(part == "headline" || part == "body", "{edge:?}");
            }
        }
    }
}
