//! The parts of a news article: headline, dateline, byline, photo captions, credits, site
//! furniture and body, as byte ranges into the original text.
//!
//! A network of a news corpus should be made of what the stories say, not of who wrote,
//! edited and photographed them nor of the agency named in every dateline. [`parts()`]
//! recognises what is not the story, with the cue words of `gazetteers/article-parts.ron`
//! (read once); everything else is [`Part::Body`].
//!
//! The unit is the line (a paragraph of extracted web text is often several lines):
//!
//! * **furniture**: a line that is a cue (`Skip to main content`, `Advertisement`, `Read the
//!   full article here`) or starts with one (`Share on Facebook`, `Sign up for our newsletter`),
//!   and sentences such as `SAP is the sponsor of this content.` anywhere;
//! * **credit**: `(Reporting by …; Editing by …)` anywhere, to its closing parenthesis; a line
//!   starting `Reporting by`, `Writing by`, `Featured image via`; a photo credit to the end of
//!   its line (`REUTERS/Stephanie Keith/File Photo`, `… via REUTERS`); a closing line about
//!   the writer (`Tom Kington is the Italy correspondent for Defense News.`);
//! * **caption**: a line holding a photo credit after its text, starting with `FILE PHOTO`, or
//!   placing people (`(R)`, `(2nd L)`) without ending a sentence; the line before a line that is
//!   only a photo credit (and copies of it just before); and the lines between a headline and
//!   the byline or dateline that follows it within four lines;
//! * **byline**: a short line `By` + capitalised names (`By Aziz El Yaakoubi and Johan
//!   Sennero`);
//! * **dateline**: the start of a line `PLACE (Agency) –`, `PLACE, Date (Agency) -`,
//!   `(Reuters) -` or `PLACE —` with the place in capitals; the rest of the line is body.
//!   [`Parts::datelines`] keep where each one and its place are, dates left unparsed;
//! * **headline**: a record's title (its length is given), else the first line of a text
//!   file when it looks like one (at most 300 bytes and 35 words, not ending in `.`, `,`, `;` or
//!   `:` unless after an acronym such as `U.N.`, not the last line), and the first such line
//!   after a credit line that closes an article (files that hold several articles).
//!
//! Known limits: a caption with no cue, no credit and no dateline after it reads as body; a
//! byline glued to the text (`By Jon RappoportCNN is`) is not one; section headings inside a
//! story are body.
//!
//! # Cost
//!
//! The inline cues are found as whole words in the pass that finds the gazetteer's names
//! ([`crate::matcher`] adds them to its automaton; [`parts()`] alone runs that search for them
//! only), then checked exactly, case and punctuation included; then a look at the start of
//! every line. A search of its own for the cues, even one that skips ahead with SIMD, was 6% of
//! `counts`.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Segments;
use super::fold::fold_str;
use super::phrases::WholeWords;

/// The part of a news article a byte belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Part {
    /// The title.
    Headline,
    /// `NEW YORK (Reuters) –` before the first sentence.
    Dateline,
    /// `By …`: who wrote it.
    Byline,
    /// The text of a photo caption.
    Caption,
    /// Photo credits and `(Reporting by …; Editing by …)`.
    Credit,
    /// Site furniture: navigation, advertisements, share and subscribe lines.
    Furniture,
    /// The story.
    #[default]
    Body,
}

impl Part {
    /// Every part, in article order.
    pub const ALL: [Part; 7] = [
        Part::Headline,
        Part::Dateline,
        Part::Byline,
        Part::Caption,
        Part::Credit,
        Part::Furniture,
        Part::Body,
    ];

    /// The lowercase name used in options and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Headline => "headline",
            Part::Dateline => "dateline",
            Part::Byline => "byline",
            Part::Caption => "caption",
            Part::Credit => "credit",
            Part::Furniture => "furniture",
            Part::Body => "body",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Part {
    type Err = String;

    fn from_str(s: &str) -> Result<Part, String> {
        Part::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Part::ALL.iter().map(|p| p.as_str()).collect();
                format!("unknown part `{s}`: use {} or all", names.join(", "))
            })
    }
}

/// A set of parts: those whose mentions make co-occurrences and relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartSet(u8);

impl PartSet {
    /// Every part.
    pub const ALL: PartSet = PartSet((1 << Part::ALL.len()) - 1);

    /// The set of `parts`.
    pub fn of(parts: &[Part]) -> PartSet {
        PartSet(parts.iter().fold(0, |bits, &p| bits | 1 << p as u8))
    }

    /// Whether `part` is in the set.
    pub fn contains(self, part: Part) -> bool {
        self.0 & 1 << part as u8 != 0
    }
}

/// Headline and body: the story, without its furniture.
impl Default for PartSet {
    fn default() -> PartSet {
        PartSet::of(&[Part::Headline, Part::Body])
    }
}

/// The parts in article order, comma-separated: `headline,body`.
impl fmt::Display for PartSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Part::ALL
            .into_iter()
            .filter(|&p| self.contains(p))
            .map(Part::as_str)
            .collect();
        f.write_str(&names.join(","))
    }
}

/// A comma-separated list of parts, or `all`.
impl FromStr for PartSet {
    type Err = String;

    fn from_str(s: &str) -> Result<PartSet, String> {
        if s.trim() == "all" {
            return Ok(PartSet::ALL);
        }
        let parts = s
            .split(',')
            .map(|p| p.trim().parse())
            .collect::<Result<Vec<Part>, String>>()?;
        Ok(PartSet::of(&parts))
    }
}

/// A dateline and the place it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, up to and including its dash: `MOSCOW, Dec 13 (Reuters) -`.
    pub range: Range<usize>,
    /// The place, without the date or agency after it (`MOSCOW`, `RIMBO, Sweden`); `None` for
    /// `(Reuters) -` alone.
    pub place: Option<Range<usize>>,
}

/// The parts of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// Ranges that are not body, sorted and disjoint; every other byte is body.
    spans: Vec<(Range<usize>, Part)>,
    /// Every dateline, in text order (one per article; files may hold several).
    pub datelines: Vec<Dateline>,
}

impl Parts {
    /// The part of the byte at `offset` (binary search).
    pub fn part_at(&self, offset: usize) -> Part {
        self.span_at(offset).map_or(Part::Body, |(_, part)| *part)
    }

    /// The range that is not body holding the byte at `offset`, with its part: a headline's
    /// span is its line (binary search).
    pub fn span_at(&self, offset: usize) -> Option<&(Range<usize>, Part)> {
        let at = self.spans.partition_point(|(r, _)| r.start <= offset);
        at.checked_sub(1)
            .map(|i| &self.spans[i])
            .filter(|(range, _)| offset < range.end)
    }

    /// The ranges that are not body, with their parts, in text order.
    pub fn spans(&self) -> &[(Range<usize>, Part)] {
        &self.spans
    }

    /// The document's first dateline: where the story was filed.
    pub fn dateline(&self) -> Option<&Dateline> {
        self.datelines.first()
    }
}

/// The cue words, as `gazetteers/article-parts.ron` spells them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    agencies: Vec<String>,
    dates: Vec<String>,
    byline: Vec<String>,
    name_joiners: Vec<String>,
    positions: Vec<String>,
    roles: Vec<String>,
    lines: Vec<LineCues>,
    inline: Vec<InlineCues>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineCues {
    part: String,
    max_len: usize,
    whole: Vec<String>,
    start: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InlineCues {
    part: String,
    scope: Scope,
    cues: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Scope {
    Parenthesis,
    LineEnd,
    SentenceToLineEnd,
    Sentence,
}

/// An inline cue: an exact string (`(Reporting by`, `REUTERS/`, `Featured image`) that
/// marks the text around it as `part`, as far as `scope` says.
#[derive(Debug)]
struct InlineCue {
    text: String,
    /// Bytes before its first letter or digit (the `(` of `(Reporting by`): it is found by
    /// its words, then checked with them.
    lead: usize,
    part: Part,
    scope: Scope,
}

/// An inline cue found in a text, by [`find_cues`] or the matcher's pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueHit {
    start: usize,
    end: usize,
    /// Index into [`Cues::inline`].
    cue: u16,
}

/// The cue file compiled: inline cues into folded phrases, line cues into lists.
#[derive(Debug)]
struct Cues {
    /// The word lists, used as they are.
    words: CueFile,
    /// (lowercase cue, part, max length) of whole-line cues.
    whole: Vec<(String, Part, usize)>,
    /// The longest whole-line cue: longer lines are not lowercased to be compared.
    longest_whole: usize,
    /// (cue, part, max length) of line-start cues.
    start: Vec<(String, Part, usize)>,
    inline: Vec<InlineCue>,
    /// The inline cues folded (`reporting by`), each once, with the cues that fold to it and
    /// whether any of them starts with a lowercase letter.
    phrases: Vec<(String, Vec<u16>, bool)>,
    /// The phrases' own whole-word search, for [`parts()`] called outside the annotator.
    finder: WholeWords,
    /// The inline cues that start with a capital, which may also start glued to the word
    /// before them, by that capital (`A` first).
    capitalised: [Vec<u16>; 26],
}

const CUE_FILE: &str = include_str!("../../gazetteers/article-parts.ron");

/// The shipped cues, read at first use; the file is part of the program, and a test reads it.
fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| compile(CUE_FILE).expect("gazetteers/article-parts.ron is valid"))
}

fn compile(text: &str) -> Result<Cues, String> {
    let file: CueFile = ron::from_str(text).map_err(|e| e.to_string())?;
    let mut whole = Vec::new();
    let mut start = Vec::new();
    for group in &file.lines {
        let part: Part = group.part.parse()?;
        whole.extend((group.whole.iter()).map(|c| (c.to_lowercase(), part, group.max_len)));
        start.extend(group.start.iter().map(|c| (c.clone(), part, group.max_len)));
    }
    let mut inline = Vec::new();
    let mut by_phrase: std::collections::BTreeMap<String, (Vec<u16>, bool)> = Default::default();
    for group in &file.inline {
        let part: Part = group.part.parse()?;
        for cue in &group.cues {
            let Some((lead, first)) = cue.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
                return Err(format!("inline cue {cue:?} has no letter or digit"));
            };
            let index = u16::try_from(inline.len()).map_err(|_| "too many inline cues")?;
            let entry = by_phrase.entry(fold_str(cue)).or_default();
            entry.0.push(index);
            entry.1 |= first.is_lowercase();
            inline.push(InlineCue {
                text: cue.clone(),
                lead,
                part,
                scope: group.scope,
            });
        }
    }
    let phrases: Vec<(String, Vec<u16>, bool)> = (by_phrase.into_iter())
        .map(|(phrase, (cues, lowercase))| (phrase, cues, lowercase))
        .collect();
    let finder = WholeWords::new(phrases.iter().map(|(p, _, lower)| (p.as_str(), *lower)))
        .map_err(|e| e.to_string())?;
    let mut capitalised: [Vec<u16>; 26] = Default::default();
    for (i, cue) in inline.iter().enumerate() {
        if let Some(&first @ b'A'..=b'Z') = cue.text.as_bytes().first() {
            capitalised[usize::from(first - b'A')].push(i as u16);
        }
    }
    let longest_whole = whole.iter().map(|(c, _, _)| c.len()).max().unwrap_or(0);
    Ok(Cues {
        longest_whole,
        words: file,
        whole,
        start,
        inline,
        phrases,
        finder,
        capitalised,
    })
}

/// What a line is, before context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The whole line is this part.
    Whole(Part),
    /// A line that is only a photo credit (`REUTERS/Bassam Khabieh`): a credit, and the line
    /// before it is the caption.
    PhotoCredit,
    /// A line that starts with a dateline; the rest is body.
    Dateline,
    /// Nothing yet: body, unless the context says headline or caption.
    Body,
}

struct Line {
    range: Range<usize>,
    kind: Kind,
}

/// A span found by an inline cue.
struct Inline {
    range: Range<usize>,
    part: Part,
    /// A photo credit, which runs to the end of its line (`REUTERS/…`, `… via REUTERS`).
    photo: bool,
}

/// The inline cues folded, as [`crate::matcher::Matcher`] adds them to its phrases: phrase `i`
/// and whether it may start with a lowercase letter; [`push_cue_hits`] takes `i` back.
pub(crate) fn inline_phrases() -> impl Iterator<Item = (&'static str, bool)> {
    (cues().phrases.iter()).map(|(phrase, _, lower)| (phrase.as_str(), *lower))
}

/// Adds to `hits` the inline cues of phrase `phrase` that `text` spells exactly where the
/// phrase was found as whole words, at `words`.
#[inline]
pub(crate) fn push_cue_hits(
    text: &str,
    phrase: usize,
    words: Range<usize>,
    hits: &mut Vec<CueHit>,
) {
    let cues = cues();
    for &cue in &cues.phrases[phrase].1 {
        if let Some(start) = words.start.checked_sub(cues.inline[cue as usize].lead) {
            push_if_spelt(cues, text, start, cue, hits);
        }
    }
}

/// Adds inline cue `cue` to `hits` if `text` spells it exactly at `start`.
fn push_if_spelt(cues: &Cues, text: &str, start: usize, cue: u16, hits: &mut Vec<CueHit>) {
    let spelt = &cues.inline[cue as usize].text;
    if text
        .get(start..)
        .is_some_and(|at| at.starts_with(spelt.as_str()))
    {
        hits.push(CueHit {
            start,
            end: start + spelt.len(),
            cue,
        });
    }
}

/// Adds to `hits` the inline cues that start with the capital at `at`, glued to a lowercase
/// letter or digit (`2017Featured image`, `contentREAD MORE`: [`WholeWords::find_glued`]):
/// scraped pages lose the line break between a story and the furniture after it (71 of the
/// ISOT sample's 786 cues). A search by words does not see them, for they start no word.
pub(crate) fn push_glued_hits(text: &str, at: usize, hits: &mut Vec<CueHit>) {
    let cues = cues();
    let Some(capital) = text.as_bytes()[at].checked_sub(b'A') else {
        return;
    };
    for &cue in cues
        .capitalised
        .get(usize::from(capital))
        .into_iter()
        .flatten()
    {
        push_if_spelt(cues, text, at, cue, hits);
    }
}

/// Every inline cue of `text`, with a search of its own.
fn find_cues(text: &str) -> Vec<CueHit> {
    let (mut hits, mut glued) = (Vec::new(), Vec::new());
    let found = |phrase, words| push_cue_hits(text, phrase, words, &mut hits);
    (cues().finder).find_glued(text, found, |at| glued.push(at));
    for at in glued {
        push_glued_hits(text, at, &mut hits);
    }
    hits
}

/// The parts of `text`, segmented as `segments`; `headline` is the length of a record's title
/// at the start of the text (`title + "\n\n" + body`), if any.
pub fn parts(text: &str, segments: &Segments, headline: Option<usize>) -> Parts {
    parts_with(text, segments, headline, &mut find_cues(text))
}

/// [`parts()`] with the inline cues of the text already found, in any order (by the
/// matcher's pass).
pub(crate) fn parts_with(
    text: &str,
    segments: &Segments,
    headline: Option<usize>,
    hits: &mut [CueHit],
) -> Parts {
    let cues = cues();
    let mut lines = lines(text);
    let inline = inline_spans(cues, text, segments, &lines, hits);
    let mut datelines = Vec::new();
    for line in &mut lines {
        let in_title = headline.is_some_and(|h| line.range.start < h);
        line.kind = if in_title {
            Kind::Whole(Part::Headline)
        } else {
            classify(cues, text, line.range.clone(), &inline, &mut datelines)
        };
    }
    in_context(text, &mut lines, headline.is_some());

    let mut spans = Vec::new();
    let mut inline = inline.into_iter().peekable();
    let mut dates = datelines.iter().peekable();
    for line in &lines {
        let base = match line.kind {
            Kind::Whole(part) => part,
            Kind::PhotoCredit => Part::Credit,
            Kind::Dateline | Kind::Body => Part::Body,
        };
        // Inline spans of this line, cut to it; a whole-line headline, byline or furniture
        // keeps its part throughout.
        let mut carve = Vec::new();
        while let Some(found) = inline.next_if(|i| i.range.start < line.range.end) {
            let range = found.range;
            if range.end > line.range.start {
                let cut = range.start.max(line.range.start)..range.end.min(line.range.end);
                carve.push((cut, found.part));
            }
        }
        if let Some(d) = dates.next_if(|d| d.range.start == line.range.start) {
            carve.insert(0, (d.range.clone(), Part::Dateline));
        }
        if matches!(
            base,
            Part::Headline | Part::Byline | Part::Furniture | Part::Credit
        ) {
            carve.clear();
        }
        paint(&mut spans, line.range.clone(), base, &carve);
    }
    Parts { spans, datelines }
}

/// Appends the spans of one line: `carve` (sorted, may overlap) over `base`; body is left
/// implicit.
fn paint(
    spans: &mut Vec<(Range<usize>, Part)>,
    line: Range<usize>,
    base: Part,
    carve: &[(Range<usize>, Part)],
) {
    let mut push = |range: Range<usize>, part: Part| {
        if range.is_empty() || part == Part::Body {
            return;
        }
        match spans.last_mut() {
            Some((last, p)) if *p == part && last.end == range.start => last.end = range.end,
            _ => spans.push((range, part)),
        }
    };
    let mut at = line.start;
    for (range, part) in carve {
        if range.end <= at {
            continue;
        }
        let start = range.start.max(at);
        push(at..start, base);
        push(start..range.end, *part);
        at = range.end;
    }
    push(at..line.end, base);
}

/// The non-blank lines of `text`, trimmed (line breaks as in [`super::segment`]).
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    loop {
        // Bytes that may start a line break, skipped sixteen at a time.
        i = super::segment::find_any(bytes, i, bytes.len(), super::segment::LINE_LEAD);
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if is_break(c) {
            push_line(text, start..i, &mut lines);
            start = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    push_line(text, start..text.len(), &mut lines);
    lines
}

fn push_line(text: &str, range: Range<usize>, lines: &mut Vec<Line>) {
    let raw = &text[range.clone()];
    let trimmed = raw.trim_start();
    let start = range.start + raw.len() - trimmed.len();
    let end = start + trimmed.trim_end().len();
    if start < end {
        lines.push(Line {
            range: start..end,
            kind: Kind::Body,
        });
    }
}

/// Spans of the inline cues `hits`, in text order; `lines` are the text's.
fn inline_spans(
    cues: &Cues,
    text: &str,
    segments: &Segments,
    lines: &[Line],
    hits: &mut [CueHit],
) -> Vec<Inline> {
    // Leftmost first, the longest of those starting together (`READ MORE:` over `READ
    // MORE`), and none inside an earlier one.
    hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.cue));
    let mut taken_to = 0;
    let mut spans: Vec<Inline> = Vec::new();
    for found in hits.iter() {
        if found.start < taken_to {
            continue;
        }
        taken_to = found.end;
        let InlineCue { part, scope, .. } = cues.inline[found.cue as usize];
        let cue = found.start;
        let Range {
            start: line_start,
            end: line_end,
        } = line_of(lines, cue);
        let span = match scope {
            Scope::Parenthesis => {
                let close = text[cue..line_end]
                    .find(')')
                    .map_or(line_end, |i| cue + i + 1);
                Some(cue..close)
            }
            Scope::LineEnd | Scope::SentenceToLineEnd => {
                let before = &text[line_start..cue];
                // `(FADI DIRANI/AFP/Getty Images)`: a credit in parentheses ends with them.
                let span = match before.rfind('(').filter(|&i| !before[i..].contains(')')) {
                    Some(open) => {
                        let close = text[cue..line_end]
                            .find(')')
                            .map_or(line_end, |i| cue + i + 1);
                        line_start + open..close
                    }
                    None if scope == Scope::LineEnd => cue..line_end,
                    None => sentence_of(segments, cue).start.max(line_start)..line_end,
                };
                (span.len() <= 300).then_some(span)
            }
            Scope::Sentence => {
                let sentence = sentence_of(segments, cue);
                let glued = text[..cue]
                    .chars()
                    .next_back()
                    .is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | ')'));
                let start = if glued { cue } else { sentence.start.min(cue) };
                let end = sentence.end.max(found.end).min(line_end);
                (end - start <= 300).then_some(start..end)
            }
        };
        let Some(mut range) = span else {
            continue;
        };
        // Overlapping spans of one part merge; of another, the later one starts after.
        if let Some(last) = spans.last_mut().filter(|l| l.range.end > range.start) {
            if last.part == part {
                last.range.end = last.range.end.max(range.end);
                continue;
            }
            range.start = last.range.end;
        }
        if !range.is_empty() {
            spans.push(Inline {
                range,
                part,
                photo: matches!(scope, Scope::LineEnd | Scope::SentenceToLineEnd),
            });
        }
    }
    spans
}

/// The range of the sentence holding `offset`, or `offset..offset` outside every sentence.
fn sentence_of(segments: &Segments, offset: usize) -> Range<usize> {
    segments
        .sentences
        .get(segments.sentence_at(offset))
        .map(|s| s.range.clone())
        .filter(|r| r.contains(&offset))
        .unwrap_or(offset..offset)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The trimmed line holding `at`, a byte that is not whitespace (binary search: a cue's line
/// may be the whole of a long text).
fn line_of(lines: &[Line], at: usize) -> Range<usize> {
    let i = lines
        .partition_point(|l| l.range.start <= at)
        .saturating_sub(1);
    lines
        .get(i)
        .map(|l| l.range.clone())
        .filter(|r| r.contains(&at))
        .unwrap_or(at..at)
}

/// What a line is by itself; a dateline found is added to `datelines`.
fn classify(
    cues: &Cues,
    text: &str,
    range: Range<usize>,
    inline: &[Inline],
    datelines: &mut Vec<Dateline>,
) -> Kind {
    let line = &text[range.clone()];
    let bare = line.trim_end_matches([':', '.', '…', '>', '»', ' ']);
    if bare.len() <= cues.longest_whole {
        let bare = bare.to_lowercase();
        if let Some(&(_, part, _)) = cues
            .whole
            .iter()
            .find(|(cue, _, max)| *cue == bare && (*max == 0 || line.len() <= *max))
        {
            return Kind::Whole(part);
        }
    }
    if let Some(&(_, part, _)) = cues.start.iter().find(|(cue, _, max)| {
        line.strip_prefix(cue.as_str())
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
            && (*max == 0 || line.len() <= *max)
    }) {
        return Kind::Whole(part);
    }
    // Inline credits of the line: one covering it whole, or a photo credit after its text.
    let within = inline.iter().filter(|i| {
        i.part == Part::Credit && i.range.start < range.end && i.range.end > range.start
    });
    for found in within {
        if found.range.start <= range.start && found.range.end >= range.end {
            return if found.photo {
                Kind::PhotoCredit
            } else {
                Kind::Whole(Part::Credit)
            };
        }
        if found.photo && found.range.end == range.end {
            return Kind::Whole(Part::Caption);
        }
    }
    if is_byline(cues, line) {
        return Kind::Whole(Part::Byline);
    }
    if is_tagline(cues, line) {
        return Kind::Whole(Part::Credit);
    }
    if let Some(dateline) = dateline(cues, range.start, line) {
        datelines.push(dateline);
        return Kind::Dateline;
    }
    // Captions are short; a long line that places people is a story.
    if line.len() <= 500
        && !ends_sentence(line)
        && cues
            .words
            .positions
            .iter()
            .any(|p| line.contains(p.as_str()))
    {
        return Kind::Whole(Part::Caption);
    }
    Kind::Body
}

/// Headlines, and captions found by their neighbours.
fn in_context(text: &str, lines: &mut [Line], titled: bool) {
    let is_headline = |l: &Line| l.kind == Kind::Whole(Part::Headline);
    // The line before a photo credit alone on its line is its caption, and so are copies of
    // that caption just before it.
    for i in 1..lines.len() {
        if lines[i].kind == Kind::PhotoCredit && lines[i - 1].kind == Kind::Body {
            lines[i - 1].kind = Kind::Whole(Part::Caption);
            let caption = &text[lines[i - 1].range.clone()];
            for j in (0..i - 1).rev() {
                if lines[j].kind != Kind::Body || text[lines[j].range.clone()] != *caption {
                    break;
                }
                lines[j].kind = Kind::Whole(Part::Caption);
            }
        }
    }
    let mut article_start = !titled;
    let last = lines.len().saturating_sub(1);
    for i in 0..lines.len() {
        let kind = lines[i].kind;
        match kind {
            Kind::Whole(Part::Furniture) => continue,
            Kind::Whole(Part::Credit) => {
                article_start = true;
                continue;
            }
            Kind::Body
                if article_start
                    && i < last
                    && looks_like_headline(&text[lines[i].range.clone()]) =>
            {
                lines[i].kind = Kind::Whole(Part::Headline);
            }
            _ => {}
        }
        article_start = false;
        if !is_headline(&lines[i]) || lines.get(i + 1).is_some_and(is_headline) {
            continue;
        }
        // The front matter between a headline and its byline or dateline: a repeated
        // headline, captions.
        let front = (i + 1..lines.len().min(i + 5)).find(|&j| {
            matches!(
                lines[j].kind,
                Kind::Dateline | Kind::Whole(Part::Byline | Part::Credit | Part::Furniture)
            ) || lines[j].kind == Kind::PhotoCredit
        });
        let Some(end) =
            front.filter(|&j| matches!(lines[j].kind, Kind::Dateline | Kind::Whole(Part::Byline)))
        else {
            continue;
        };
        let headline = text[lines[i].range.clone()].to_owned();
        for line in &mut lines[i + 1..end] {
            if line.kind == Kind::Body {
                let repeated = text[line.range.clone()] == headline;
                line.kind = Kind::Whole(if repeated {
                    Part::Headline
                } else {
                    Part::Caption
                });
            }
        }
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// At most 300 bytes and 35 words, not ending as a sentence or clause does (`.` after an
/// acronym such as `U.N.` is fine).
fn looks_like_headline(line: &str) -> bool {
    if line.len() > 300 || line.split_whitespace().count() > 35 {
        return false;
    }
    let last_word = line.rsplit(char::is_whitespace).next().unwrap_or(line);
    let acronym = last_word.len() <= 6 && last_word.trim_end_matches('.').contains('.');
    !line.ends_with([',', ';', ':']) && (!line.ends_with('.') || acronym)
}

/// `By ` and names: capitalised words, joined by lower-case particles, at most 150 bytes.
fn is_byline(cues: &Cues, line: &str) -> bool {
    if line.len() > 150 || ends_sentence(line) && !line.ends_with("Jr.") {
        return false;
    }
    let Some(rest) = cues.words.byline.iter().find_map(|opener| {
        line.strip_prefix(opener.as_str())
            .and_then(|r| r.strip_prefix(' '))
    }) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 16
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            let w = w.trim_end_matches([',', ';']);
            // `al-Warfalli`, `bin-Salman`: a particle joined to a name.
            let (particle, name) = w.split_once('-').unwrap_or((w, ""));
            let joiner = |w: &str| cues.words.name_joiners.iter().any(|j| j == w);
            w.starts_with(char::is_uppercase)
                || w == "|"
                || joiner(w)
                || (joiner(particle) && name.starts_with(char::is_uppercase))
        })
}

/// `Tom Kington is the Italy correspondent for Defense News.`: two to four capitalised words,
/// `is a|an|the`, and a role, in at most 160 bytes.
fn is_tagline(cues: &Cues, line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    let Some((name, rest)) = line.split_once(" is ") else {
        return false;
    };
    let names = name.split_whitespace().count();
    (2..=4).contains(&names)
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
        && ["a ", "an ", "the "].iter().any(|a| rest.starts_with(a))
        && cues.words.roles.iter().any(|r| rest.contains(r.as_str()))
}

/// The dateline at the start of `line` (at byte `at` of the text): `PLACE (Agency) –` with a
/// hyphen or dash, or `PLACE —` with a dash and the place in capitals.
fn dateline(cues: &Cues, at: usize, line: &str) -> Option<Dateline> {
    let head = &line[..floor_boundary(line, 120)];
    // The length of `rest` up to and including a dash after optional spaces, if a space
    // follows the dash.
    let dash = |rest: &str| -> Option<usize> {
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        let after = trimmed.strip_prefix(['-', '–', '—'])?;
        after
            .starts_with([' ', '\u{a0}'])
            .then(|| rest.len() - after.len())
    };
    let (place, end) = match head.find('(') {
        Some(open) => {
            let close = open + head[open..].find(')')?;
            let agency = &head[open + 1..close];
            if !cues.words.agencies.iter().any(|a| a == agency) {
                return None;
            }
            (
                head[..open].trim_end(),
                close + 1 + dash(&head[close + 1..])?,
            )
        }
        None => {
            let cut = [" — ", " – "].iter().filter_map(|d| head.find(d)).min()?;
            let place = &head[..cut];
            if place.contains('.') || place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                return None;
            }
            (place, cut + dash(&head[cut..])?)
        }
    };
    if !place.is_empty() && !is_place(place) {
        return None;
    }
    let place_len = place_end(cues, place);
    Some(Dateline {
        range: at..at + end,
        place: (place_len > 0).then(|| at..at + place_len),
    })
}

fn floor_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A dateline's place: its first comma-separated piece has letters, all capitals
/// (`GENEVA/MOSUL, Iraq`), and no sentence inside.
fn is_place(place: &str) -> bool {
    let first = place.split(',').next().unwrap_or(place);
    first.chars().any(char::is_alphabetic)
        && !first.chars().any(char::is_lowercase)
        && !place.contains(". ")
        && place.len() <= 80
}

/// Where the place of a dateline's text before its agency ends: before a comma-separated
/// piece that starts with a date word or a digit (`MOSCOW, Dec 13`).
fn place_end(cues: &Cues, place: &str) -> usize {
    let mut end = 0;
    for (i, piece) in place.split(',').enumerate() {
        let word = piece.split_whitespace().next().unwrap_or("");
        let word = word.trim_end_matches('.');
        let date = word.starts_with(|c: char| c.is_ascii_digit())
            || cues.words.dates.iter().any(|d| d == word);
        if i > 0 && date {
            break;
        }
        end += piece.len() + usize::from(i > 0);
    }
    place[..end.min(place.len())].trim_end().len()
}

#[cfg(test)]
mod tests;
