//! The word lists that refine matching and segmentation, kept as data in one file,
//! `gazetteers/words.txt`, and read once (given names and common English words have files of
//! their own, read by [`crate::gazetteer`]).

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

/// `[section]` headers, then words separated by white space; `#` starts a comment.
const WORDS: &str = include_str!("../gazetteers/words.txt");

/// A list of `words.txt`; each says how its words are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// Lowercase, without a final dot: what only stands before a person's name.
    Honorifics,
    /// Lowercase: titles and function words that may stand before a surname.
    Titles,
    /// Lowercase: words that qualify a place or follow it in a dateline.
    DirectionsAndDates,
    /// As written: words that typically start a sentence.
    SentenceOpeners,
    /// Lowercase, exact: words no sentence ends with.
    BeforeOmission,
    /// Lowercase, exact: name particles.
    Particles,
    /// Lowercase, exact: the words title case leaves in lowercase.
    TitleCaseMinor,
}

impl List {
    const ALL: [List; 7] = [
        List::Honorifics,
        List::Titles,
        List::DirectionsAndDates,
        List::SentenceOpeners,
        List::BeforeOmission,
        List::Particles,
        List::TitleCaseMinor,
    ];

    /// The list's section in `words.txt`.
    fn section(self) -> &'static str {
        match self {
            List::Honorifics => "honorifics",
            List::Titles => "titles",
            List::DirectionsAndDates => "directions-and-dates",
            List::SentenceOpeners => "sentence-openers",
            List::BeforeOmission => "before-omission",
            List::Particles => "particles",
            List::TitleCaseMinor => "title-case-minor",
        }
    }

    /// Whether `word`, exactly as given, is in the list.
    pub(crate) fn contains(self, word: &str) -> bool {
        static LISTS: OnceLock<[HashSet<&'static str>; 7]> = OnceLock::new();
        LISTS.get_or_init(|| read(WORDS))[self as usize].contains(word)
    }
}

/// The lists of a `words.txt`, in [`List::ALL`] order. The file is part of the binary, so a
/// malformed one is a bug, caught by the tests below.
fn read(text: &str) -> [HashSet<&str>; 7] {
    let mut lists: [HashSet<&str>; 7] = Default::default();
    let mut current = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let list = List::ALL.into_iter().find(|l| l.section() == name);
            current = Some(list.unwrap_or_else(|| panic!("words.txt: unknown list [{name}]")));
        } else if !line.is_empty() {
            let list = current.expect("words.txt: words before the first [list]");
            lists[list as usize].extend(line.split_whitespace());
        }
    }
    lists
}

#[cfg(test)]
mod tests;
