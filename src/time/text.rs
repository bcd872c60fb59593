//! Finding a document's date in its first lines, for corpora without a date field.

use chrono::NaiveDate;

/// How many non-empty lines are searched: the headline, a photo caption and the dateline
/// paragraph, where news puts the day it reports; dates further down are mostly history.
const HEAD_LINES: usize = 5;
/// At most this many bytes are searched, so that a text without line breaks costs little.
const HEAD_BYTES: usize = 2_000;

/// The first complete date (day, month and year) in the first lines of `text`:
/// `December 13, 2018`, `Dec. 13, 2018`, `13 December 2018` or `2018-12-13`. A weekday
/// (`on Sunday`) or a day without a year (`December 20`) is no date: the year cannot be
/// told safely. A `FILE PHOTO` caption is passed over: its date is the photo's, older than
/// the news.
pub fn find_in_text(text: &str) -> Option<NaiveDate> {
    let head = &text[..text.floor_char_boundary(HEAD_BYTES.min(text.len()))];
    head.lines()
        .filter(|line| !line.trim().is_empty())
        .take(HEAD_LINES)
        .filter(|line| !line.contains("FILE PHOTO"))
        .find_map(date_in_line)
}

/// The first date in one line.
fn date_in_line(line: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words
        .windows(3)
        .find_map(|w| date_of_words(w[0], w[1], w[2]))
        .or_else(|| {
            words
                .iter()
                .find_map(|w| NaiveDate::parse_from_str(w, "%Y-%m-%d").ok())
        })
}

/// `Month D YYYY` or `D Month YYYY`, punctuation already trimmed.
fn date_of_words(a: &str, b: &str, c: &str) -> Option<NaiveDate> {
    let year: i32 = c.parse().ok().filter(|_| c.len() == 4)?;
    let (month, day) = match (month(a), month(b)) {
        (Some(m), None) => (m, b),
        (None, Some(m)) => (m, a),
        _ => return None,
    };
    let day: u32 = day.parse().ok().filter(|_| day.len() <= 2)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The month a capitalised English month name or abbreviation names.
fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() < 3 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let lower = if lower == "sept" { "sep" } else { &lower };
    NAMES
        .iter()
        .position(|name| *name == lower || (lower.len() == 3 && name.starts_with(lower)))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests;
