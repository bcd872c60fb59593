//! Scoring mentions against annotations nobody here wrote: CoNLL-2003-style gold.
//!
//! # The gold format
//!
//! One token a line, `token POS chunk NER` separated by spaces (only the first and last columns
//! are read), sentences separated by blank lines, documents by `-DOCSTART-` lines. NER tags
//! are IOB1 or IOB2 (`B-LOC`, `I-LOC`, `O`): a span starts at a `B-` tag, or at an `I-` tag
//! whose type differs from the previous token's. Files whose `-DOCSTART-` lines were stripped
//! (the copies in `../shared/data/conll2003/` are) are cut into documents before each
//! headline: the sentence before a dateline (`LONDON 1996-08-30`, a sentence whose last token
//! is an ISO date).
//!
//! Each document's text is rebuilt from its tokens: single spaces between the tokens of a
//! sentence, a blank line between sentences (so that the gold sentences are the segmenter's
//! paragraphs and headlines without a full stop stay apart), and every gold span keeps the
//! byte offsets of its tokens in that text.
//!
//! # What is counted
//!
//! | gazegraph                           | CoNLL  |
//! |-------------------------------------|--------|
//! | `person`                            | `PER`  |
//! | `state`, `place`                    | `LOC`  |
//! | `group`                             | `ORG`  |
//! | demonyms (`Russian`, `Libyans`)     | not counted |
//! | a mention overlapping a `MISC` span (`Russian Orthodox`, `Dutch Open`) | not counted |
//!
//! A mention is right when a gold span of its type has exactly its start and end; a mention of
//! the right span and the wrong type is a false alarm of its type and a miss of the gold one.
//! Precision, recall and F1 are per type over all documents (micro-averaged).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::gazetteer::{Form, Kind};
use crate::mentions::{Annotator, Scratch};

/// A CoNLL entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// A location: states and places.
    Loc,
    /// An organisation: groups.
    Org,
    /// Anything else named (events, nationalities, works); never scored.
    Misc,
}

impl Label {
    /// The scored labels, in report order.
    pub const SCORED: [Label; 3] = [Label::Loc, Label::Org, Label::Per];

    /// The tag as CoNLL writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Misc => "MISC",
        }
    }

    /// The CoNLL type an entity kind is scored as.
    pub fn of_kind(kind: Kind) -> Label {
        match kind {
            Kind::Person => Label::Per,
            Kind::State | Kind::Place => Label::Loc,
            Kind::Group => Label::Org,
        }
    }

    fn parse(tag: &str) -> Option<Label> {
        Some(match tag {
            "PER" => Label::Per,
            "LOC" => Label::Loc,
            "ORG" => Label::Org,
            "MISC" => Label::Misc,
            _ => return None,
        })
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One annotated name: a byte range of [`GoldDocument::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldSpan {
    /// Byte offset of its first token.
    pub start: usize,
    /// Byte offset after its last token.
    pub end: usize,
    /// Its type.
    pub label: Label,
}

/// A document rebuilt from its tokens, with its annotations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldDocument {
    /// 1-based line of the file where the document starts.
    pub line: usize,
    /// The tokens, joined as the module documentation says.
    pub text: String,
    /// The annotated names, in text order.
    pub spans: Vec<GoldSpan>,
}

/// Reads CoNLL-format gold; `path` names the file in errors.
pub fn parse_conll(path: &Path, text: &str) -> Result<Vec<GoldDocument>> {
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut current = Sentence::default();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            sentences.extend(current.take());
            continue;
        };
        if token == "-DOCSTART-" {
            sentences.extend(current.take());
            sentences.push(Sentence::docstart(index + 1));
            continue;
        }
        let tag = fields.next_back().ok_or_else(|| {
            Error::at(
                path,
                text,
                line_start,
                format!("expected `token ... NER-tag`, found {line:?}"),
            )
        })?;
        let label = match tag {
            "O" => None,
            _ => match tag.split_once('-') {
                Some((bio @ ("B" | "I"), kind)) => Label::parse(kind).map(|l| (bio == "B", l)),
                _ => None,
            }
            .map(Some)
            .ok_or_else(|| {
                let column = line.rfind(tag).unwrap_or(0);
                Error::at(
                    path,
                    text,
                    line_start + column,
                    format!("unknown NER tag `{tag}`: expected O, B-TYPE or I-TYPE with TYPE one of PER, LOC, ORG, MISC"),
                )
            })?,
        };
        if current.tokens.is_empty() {
            current.line = index + 1;
        }
        current.tokens.push((token.to_owned(), label));
    }
    sentences.extend(current.take());
    Ok(split_documents(sentences))
}

/// A sentence of tokens with their tags (`(begins, label)`), or a `-DOCSTART-` marker.
#[derive(Debug, Default)]
struct Sentence {
    line: usize,
    tokens: Vec<(String, Option<(bool, Label)>)>,
    docstart: bool,
}

impl Sentence {
    fn docstart(line: usize) -> Sentence {
        Sentence {
            line,
            tokens: Vec::new(),
            docstart: true,
        }
    }

    fn take(&mut self) -> Option<Sentence> {
        (!self.tokens.is_empty()).then(|| std::mem::take(self))
    }

    /// `LONDON 1996-08-30`: a short sentence ending in an ISO date.
    fn is_dateline(&self) -> bool {
        self.tokens.last().is_some_and(|(token, _)| {
            let b = token.as_bytes();
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        })
    }
}

/// Groups sentences into documents at `-DOCSTART-` markers, or, when the file has none, before
/// the headline of each dateline.
fn split_documents(sentences: Vec<Sentence>) -> Vec<GoldDocument> {
    let has_docstart = sentences.iter().any(|s| s.docstart);
    let starts_document = |i: usize| {
        if has_docstart {
            sentences[i].docstart
        } else {
            sentences.get(i + 1).is_some_and(Sentence::is_dateline)
        }
    };
    let mut documents = Vec::new();
    let mut document = GoldDocument::default();
    for (i, sentence) in sentences.iter().enumerate() {
        if starts_document(i) && !document.text.is_empty() {
            documents.push(std::mem::take(&mut document));
        }
        if sentence.tokens.is_empty() {
            continue;
        }
        if document.text.is_empty() {
            document.line = sentence.line;
        } else {
            document.text.push_str("\n\n");
        }
        let mut open: Option<GoldSpan> = None;
        for (k, (token, tag)) in sentence.tokens.iter().enumerate() {
            if k > 0 {
                document.text.push(' ');
            }
            let start = document.text.len();
            document.text.push_str(token);
            let end = document.text.len();
            match (*tag, open.as_mut()) {
                (Some((false, label)), Some(span)) if span.label == label => span.end = end,
                (Some((_, label)), _) => {
                    document.spans.extend(open.take());
                    open = Some(GoldSpan { start, end, label });
                }
                (None, _) => document.spans.extend(open.take()),
            }
        }
        document.spans.extend(open);
    }
    if !document.text.is_empty() {
        documents.push(document);
    }
    documents
}

/// Right, false and missed mentions of one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Mentions with the span and type of a gold span.
    pub correct: usize,
    /// Mentions of this type that match no gold span of it.
    pub false_alarms: usize,
    /// Gold spans of this type that no mention matches.
    pub misses: usize,
}

impl Tally {
    /// Correct over all mentions of the type (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.correct + self.false_alarms)
    }

    /// Correct over all gold spans of the type (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.correct + self.misses)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The scores of a run over gold documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Documents scored.
    pub documents: usize,
    /// Per scored type.
    pub tallies: BTreeMap<Label, Tally>,
    /// Surface texts of false alarms, per predicted type, with how often.
    pub false_alarms: BTreeMap<Label, BTreeMap<String, usize>>,
    /// Surface texts of misses, per gold type, with how often.
    pub misses: BTreeMap<Label, BTreeMap<String, usize>>,
}

impl Evaluation {
    /// The tally of `label` (all zero when nothing of that type was seen).
    pub fn tally(&self, label: Label) -> Tally {
        self.tallies.get(&label).copied().unwrap_or_default()
    }

    /// The `n` most frequent false alarms of `label`, most frequent first, then by text.
    pub fn top_false_alarms(&self, label: Label, n: usize) -> Vec<(&str, usize)> {
        top(self.false_alarms.get(&label), n)
    }

    /// The `n` most frequent misses of `label`, most frequent first, then by text.
    pub fn top_misses(&self, label: Label, n: usize) -> Vec<(&str, usize)> {
        top(self.misses.get(&label), n)
    }
}

fn top(counts: Option<&BTreeMap<String, usize>>, n: usize) -> Vec<(&str, usize)> {
    let mut list: Vec<(&str, usize)> = counts
        .into_iter()
        .flatten()
        .map(|(text, &count)| (text.as_str(), count))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.truncate(n);
    list
}

/// Annotates every gold document and scores the mentions.
pub fn evaluate(annotator: &Annotator, documents: &[GoldDocument]) -> Evaluation {
    let gazetteer = annotator.gazetteer();
    let mut evaluation = Evaluation {
        documents: documents.len(),
        ..Evaluation::default()
    };
    let mut scratch = Scratch::default();
    for document in documents {
        let misc: Vec<&GoldSpan> = document
            .spans
            .iter()
            .filter(|s| s.label == Label::Misc)
            .collect();
        let mut gold: BTreeMap<(usize, usize), Label> = document
            .spans
            .iter()
            .filter(|s| s.label != Label::Misc)
            .map(|s| ((s.start, s.end), s.label))
            .collect();
        let annotation = annotator.annotate_with(&document.text, &mut scratch);
        for mention in &annotation.mentions {
            if mention.form == Form::Demonym
                || misc
                    .iter()
                    .any(|s| s.start < mention.end && mention.start < s.end)
            {
                continue;
            }
            let label = Label::of_kind(gazetteer.entity(mention.entity).kind);
            let tally = evaluation.tallies.entry(label).or_default();
            if gold.get(&(mention.start, mention.end)) == Some(&label) {
                tally.correct += 1;
                gold.remove(&(mention.start, mention.end));
            } else {
                tally.false_alarms += 1;
                let text = document.text[mention.start..mention.end].to_owned();
                *evaluation
                    .false_alarms
                    .entry(label)
                    .or_default()
                    .entry(text)
                    .or_default() += 1;
            }
        }
        for ((start, end), label) in gold {
            evaluation.tallies.entry(label).or_default().misses += 1;
            let text = document.text[start..end].to_owned();
            *evaluation
                .misses
                .entry(label)
                .or_default()
                .entry(text)
                .or_default() += 1;
        }
    }
    evaluation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;

    const GOLD: &str = "\
-DOCSTART- -X- O O

Russian NNP B-NP B-MISC
troops NNS I-NP O
left VBD B-VP O
Tripoli NNP B-NP I-LOC
for IN B-PP O
Tobruk NNP B-NP I-LOC
. . O O

Khalifa NNP B-NP I-PER
Haftar NNP I-NP I-PER
met VBD B-VP O
Acme NNP B-NP I-ORG
Corp NNP I-NP I-ORG
Europa NNP B-NP B-ORG
in IN O O
Libya NNP B-NP I-LOC

-DOCSTART- -X- O O

Libya NNP B-NP B-LOC
";

    #[test]
    fn spans_follow_iob1_and_iob2_and_keep_token_offsets() {
        let docs = parse_conll(Path::new("g"), GOLD).unwrap();
        assert_eq!(docs.len(), 2);
        let doc = &docs[0];
        assert_eq!(doc.line, 3);
        assert_eq!(
            doc.text,
            "Russian troops left Tripoli for Tobruk .\n\nKhalifa Haftar met Acme Corp Europa in Libya"
        );
        let spans: Vec<(&str, Label)> = doc
            .spans
            .iter()
            .map(|s| (&doc.text[s.start..s.end], s.label))
            .collect();
        assert_eq!(
            spans,
            [
                ("Russian", Label::Misc),
                ("Tripoli", Label::Loc),
                ("Tobruk", Label::Loc),
                ("Khalifa Haftar", Label::Per),
                ("Acme Corp", Label::Org),
                ("Europa", Label::Org),
                ("Libya", Label::Loc),
            ]
        );
        assert_eq!(docs[1].text, "Libya");
    }

    #[test]
    fn without_docstart_documents_start_at_the_headline_before_a_dateline() {
        let gold = "A NN O O\n\nB NN O O\n\nHEADLINE NN O O\n\nLONDON NNP O B-LOC\n1996-08-30 CD O O\n\nBody NN O O\n";
        let docs = parse_conll(Path::new("g"), gold).unwrap();
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["A\n\nB", "HEADLINE\n\nLONDON 1996-08-30\n\nBody"]);
        assert_eq!(docs[1].line, 5);
    }

    #[test]
    fn bad_lines_are_errors_with_positions() {
        let err = parse_conll(Path::new("g.conll"), "Libya NNP B-NP B-LOC\nOops\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.conll:2:1: expected `token ... NER-tag`, found \"Oops\""
        );
        let err = parse_conll(Path::new("g.conll"), "Libya NNP B-NP B-CITY\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("g.conll:1:16: unknown NER tag `B-CITY`")
        );
    }

    #[test]
    fn scores_exact_spans_per_type_and_skips_demonyms_and_misc() {
        let g = GazetteerBuilder::new()
            .source(
                "t.ron",
                r#"(entities: [
                    (id: "russia", kind: "state", name: "Russia", demonyms: ["Russian"]),
                    (id: "tripoli", kind: "place", name: "Tripoli"),
                    (id: "haftar", kind: "person", name: "Khalifa Haftar"),
                    (id: "acme", kind: "group", name: "Acme"),
                    (id: "europa", kind: "place", name: "Europa"),
                    (id: "libya", kind: "state", name: "Libya", demonyms: ["Libyan"]),
                ])"#,
            )
            .build()
            .unwrap();
        let a = Annotator::new(&g).unwrap();
        let docs = parse_conll(Path::new("g"), GOLD).unwrap();
        let e = evaluate(&a, &docs);
        assert_eq!(e.documents, 2);
        // Tripoli, Libya twice right; Tobruk missed; Europa, run together with `Acme Corp`,
        // is no place.
        assert_eq!(
            e.tally(Label::Loc),
            Tally {
                correct: 3,
                false_alarms: 0,
                misses: 1
            }
        );
        // Acme is not the gold span `Acme Corp`; Europa is missed as an ORG.
        assert_eq!(
            e.tally(Label::Org),
            Tally {
                correct: 0,
                false_alarms: 1,
                misses: 2
            }
        );
        assert_eq!(e.tally(Label::Per).correct, 1);
        assert_eq!(
            e.top_misses(Label::Org, 5),
            [("Acme Corp", 1), ("Europa", 1)]
        );
        assert!(e.top_false_alarms(Label::Loc, 5).is_empty());
        let loc = e.tally(Label::Loc);
        assert_eq!(loc.precision(), 1.0);
        assert_eq!(loc.recall(), 0.75);
        assert!((loc.f1() - 6.0 / 7.0).abs() < 1e-12);
    }
}
