//! The tokenizer the rules compare words with, and the text helpers around it.

use std::borrow::Cow;

use rustc_hash::FxHashSet as HashSet;

/// Curly apostrophes as straight ones, for comparisons; borrowed when there are none (nearly
/// always: this runs on every gap between mentions).
pub(super) fn normalise_quotes(s: &str) -> Cow<'_, str> {
    if s.contains(['\u{2019}', '\u{2018}']) {
        Cow::Owned(s.replace(['\u{2019}', '\u{2018}'], "'"))
    } else {
        Cow::Borrowed(s)
    }
}
/// The byte offset in `raw` of offset `at` in `normalise_quotes(raw)` (curly quotes are
/// three bytes, straight ones one).
pub(super) fn original_offset(raw: &str, at: usize) -> usize {
    let mut normal = 0;
    for (i, c) in raw.char_indices() {
        if normal >= at {
            return i;
        }
        normal += if matches!(c, '\u{2019}' | '\u{2018}') {
            1
        } else {
            c.len_utf8()
        };
    }
    raw.len()
}

/// A word (lowercase, apostrophes straight, joined through inner hyphens and apostrophes) or
/// a punctuation mark; a possessive `'s` is a mark, not a word. Borrowed from the text
/// unless lowercasing or straightening quotes changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub(super) text: Cow<'a, str>,
    pub(super) word: bool,
}

/// The words and marks of `s`, in order.
pub(super) fn tokenize(s: &str) -> Vec<Token<'_>> {
    let bytes = s.as_bytes();
    let alnum_at = |i: usize| char_at(s, i).is_some_and(char::is_alphanumeric);
    // An apostrophe at `i` (`len` bytes) that makes a possessive: `'s`, then no letter.
    let possessive = |i: usize, len: usize| {
        matches!(char_at(s, i + len), Some('s' | 'S')) && !alnum_at(i + len + 1)
    };
    // About one token per six bytes of news text: growing from empty cost more than tokenizing.
    let mut tokens = Vec::with_capacity(s.len() / 6 + 1);
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + len;
            // Lowercase ASCII letters, digits, `-` and `'` are their own token text.
            let mut plain = c.is_ascii_lowercase() || c.is_ascii_digit();
            loop {
                while let Some(&b) = bytes.get(j)
                    && b.is_ascii_alphanumeric()
                {
                    plain &= !b.is_ascii_uppercase();
                    j += 1;
                }
                let Some(d) = char_at(s, j) else { break };
                let after = j + d.len_utf8();
                // Inner hyphens and apostrophes join (`pro-government`, `didn't`), except a
                // possessive, which is a mark of its own (`government's forces`).
                let joins = matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
                    && alnum_at(after)
                    && !(matches!(d, '\'' | '\u{2019}') && possessive(j, d.len_utf8()));
                if !(d.is_alphanumeric() || joins) {
                    break;
                }
                plain &= matches!(d, '-' | '\'');
                j = after;
            }
            let word = &s[start..j];
            let text = if plain {
                Cow::Borrowed(word)
            } else if word.is_ascii() {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                let lower = word.to_lowercase();
                Cow::Owned(match normalise_quotes(&lower) {
                    Cow::Borrowed(_) => lower,
                    Cow::Owned(normalised) => normalised,
                })
            };
            tokens.push(Token { text, word: true });
            i = j;
        } else if matches!(c, '\'' | '\u{2019}') && possessive(i, len) {
            tokens.push(Token {
                text: Cow::Borrowed("'s"),
                word: false,
            });
            i += len + 1;
        } else if c.is_whitespace() {
            i += len;
        } else {
            let text = match c {
                '\u{2013}' | '\u{2014}' => Cow::Borrowed("\u{2014}"),
                '\u{2010}' | '\u{2011}' => Cow::Borrowed("-"),
                '\u{2018}' | '\u{2019}' => Cow::Borrowed("'"),
                _ => Cow::Borrowed(&s[i..i + len]),
            };
            tokens.push(Token { text, word: false });
            i += len;
        }
    }
    tokens
}

/// The character starting at byte `i` of `s`, decoding only beyond ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 128 => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// The tokens of `text[from..to]`, each span of `skipped` in it one placeholder word.
pub(super) fn gap_tokens<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    skipped: &[(usize, usize)],
) -> Vec<Token<'a>> {
    let mut spans: Vec<(usize, usize)> = skipped
        .iter()
        .map(|&(a, b)| (a.max(from), b.min(to)))
        .filter(|&(a, b)| a < b)
        .collect();
    spans.sort_unstable();
    let mut tokens = Vec::new();
    let mut at = from;
    for (a, b) in spans {
        if a < at {
            at = at.max(b);
            continue;
        }
        tokens.extend(tokenize(&text[at..a]));
        tokens.push(Token {
            text: Cow::Borrowed(""),
            word: true,
        });
        at = b;
    }
    tokens.extend(tokenize(&text[at..to]));
    tokens
}

/// The text from byte `at` to about `bytes` later, stretched to the end of a multibyte
/// character at the edge rather than splitting it (`at` itself must be a boundary).
pub(super) fn window_after(text: &str, at: usize, bytes: usize) -> &str {
    &text[at..text.ceil_char_boundary(text.len().min(at + bytes))]
}

/// Whether `word` is in `list`.
pub(super) fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// A word list as the tokens it is compared with: trimmed, lowercase, apostrophes straight.
pub(super) fn lowercase_set(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .map(|w| normalise_quotes(&w.trim().to_lowercase()).into_owned())
        .collect()
}
