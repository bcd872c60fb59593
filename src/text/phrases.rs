//! Whole-word search for folded phrases: the scanner under the gazetteer's matcher, the cue
//! words of relations and the inline cues of article parts.
//!
//! The `aho-corasick` crate has no whole-word mode. Here every phrase is
//! [folded](super::fold) (lowercase ASCII words, single spaces) and padded with a space on
//! each side; the text is folded the same way, byte by byte, as it is fed to the automaton,
//! so a match is always whole words (`" niger "` cannot match inside `" nigeria "`). The
//! automaton runs **anchored at each word start** and reports every phrase that starts there,
//! so no match hides another.
//!
//! Running from word starts is also what makes it fast. Most words of a text start no
//! phrase, and a small bit set of the first words of all phrases (split by whether a phrase
//! may start in lower case) rules them out without touching the automaton: only about one
//! word in twenty of English news is fed to it.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::fold::{ASCII_FOLD, fold_char};
use crate::error::Result;

/// An Aho-Corasick automaton over folded phrases that finds them as whole words of a text.
///
/// Shared by the gazetteer's [`crate::matcher::Matcher`], the cue words of
/// [`crate::relations`] and the inline cues of [`super::parts`].
#[derive(Debug, Clone)]
pub(crate) struct WholeWords {
    /// Anchored searches only, so it never follows failure transitions. The contiguous NFA
    /// is as fast as a DFA here (walks are short and the DFA's larger table misses the cache
    /// more) and builds in a fraction of the time and memory.
    automaton: NFA,
    /// First words of the patterns, to skip the words no pattern starts with.
    first_words: FirstWords,
}

impl WholeWords {
    /// Compiles `phrases`: folded text (see [`crate::text::fold::fold_str`]) and whether the
    /// phrase may match where the text starts it with a lowercase letter. Pattern `i` of
    /// [`WholeWords::find`] is the `i`-th phrase.
    pub fn new<'p>(phrases: impl IntoIterator<Item = (&'p str, bool)>) -> Result<WholeWords> {
        let phrases: Vec<(&str, bool)> = phrases.into_iter().collect();
        let mut first_words = FirstWords::for_patterns(phrases.len());
        let mut patterns = Vec::with_capacity(phrases.len());
        for (phrase, lowercase) in phrases {
            first_words.insert(phrase, lowercase);
            // Not `format!`, which was an eighth of compiling the world places.
            let mut pattern = String::with_capacity(phrase.len() + 2);
            pattern.push(' ');
            pattern.push_str(phrase);
            pattern.push(' ');
            patterns.push(pattern);
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)?;
        Ok(WholeWords {
            automaton,
            first_words,
        })
    }

    /// Calls `found(pattern, range)` for every phrase that matches whole words of `text`,
    /// overlapping ones included, with the byte range of the words in `text`; in order of
    /// start, then end.
    pub fn find(&self, text: &str, found: impl FnMut(usize, std::ops::Range<usize>)) {
        scan::<false>(&self.automaton, &self.first_words, text, found, |_| {})
    }

    /// [`WholeWords::find`], and `glued(at)` for every ASCII capital at `at` right after an
    /// ASCII lowercase letter or digit (`2017Featured`, `contentREAD`), where a phrase may
    /// start glued to the word before it in scraped text: found in the same pass, for it looks
    /// at every byte.
    pub fn find_glued(
        &self,
        text: &str,
        found: impl FnMut(usize, std::ops::Range<usize>),
        glued: impl FnMut(usize),
    ) {
        scan::<true>(&self.automaton, &self.first_words, text, found, glued)
    }
}

/// Whether `b` is an ASCII lowercase letter or digit: a capital after one starts a glued
/// phrase.
fn lower_or_digit(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// Visits every word start of `text`, in folded terms (a letter or digit after a separator),
/// and walks the automaton from those that may start a pattern.
///
/// Plain ASCII text goes 64 bytes at a time: one mask of the letters and digits gives every
/// word start and end without a branch per byte. Blocks holding other characters, whose
/// folding may start or end words anywhere, go through [`Scanner::chars`].
fn scan<const GLUED: bool>(
    automaton: &NFA,
    first_words: &FirstWords,
    text: &str,
    mut found: impl FnMut(usize, std::ops::Range<usize>),
    mut glued: impl FnMut(usize),
) {
    let Ok(start) = automaton.start_state(Anchored::Yes) else {
        return;
    };
    // Every pattern starts with the padding space, so every walk starts here.
    let start = automaton.next_state(Anchored::Yes, start, b' ');
    if automaton.is_dead(start) {
        return;
    }
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        first_words,
        in_word: false,
        try_at: |at: usize, skip: usize| walk(automaton, start, text, at, skip, &mut found),
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // The last block is padded with NULs, which are separators.
        let Masks { alnum, high, upper } = match bytes.get(i..i + 64) {
            Some(block) => masks(block.try_into().expect("64 bytes")),
            None => {
                let mut block = [0; 64];
                block[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                masks(&block)
            }
        };
        // Blocks cover every byte but the tail of a character that straddles a block's end,
        // which is no capital.
        if GLUED {
            let before = u64::from(i > 0 && lower_or_digit(bytes[i - 1]));
            let mut capitals = upper & ((alnum & !upper) << 1 | before);
            while capitals != 0 {
                glued(i + capitals.trailing_zeros() as usize);
                capitals &= capitals - 1;
            }
        }
        // Runs of ASCII between other characters go by the mask; each other character goes
        // through `Scanner::chars`, which may carry a word on past the block.
        let mut from = 0;
        loop {
            let to = (high >> from << from).trailing_zeros() as usize;
            scanner.ascii_run(i, alnum, high, from, to);
            if to == 64 {
                i += 64;
                break;
            }
            let next = scanner.chars(i + to, i + to + 1);
            if next - i >= 64 {
                i = next;
                break;
            }
            from = next - i;
        }
    }
}

/// Bit `i` for byte `i` of a block: ASCII letters and digits, bytes of other characters, and
/// ASCII capitals.
struct Masks {
    alnum: u64,
    high: u64,
    upper: u64,
}

/// The [`Masks`] of `block`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    let (mut alnum, mut high, mut upper) = (0u64, 0u64, 0u64);
    for k in 0..4 {
        // SAFETY: SSE2 is part of every x86_64 target, and the load reads bytes 16k..16k+16,
        // which are inside `block`, with no alignment requirement.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast());
            // Letters: (b | 0x20) - 'a' < 26, digits: b - '0' < 10, as signed compares
            // after moving each range to the bottom of i8.
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = _mm_cmplt_epi8(
                _mm_add_epi8(lower, _mm_set1_epi8(0x1F)),
                _mm_set1_epi8(-128 + 26),
            );
            let digit = _mm_cmplt_epi8(
                _mm_add_epi8(v, _mm_set1_epi8(0x50)),
                _mm_set1_epi8(-128 + 10),
            );
            let capital = _mm_cmplt_epi8(
                _mm_add_epi8(v, _mm_set1_epi8(0x3F)),
                _mm_set1_epi8(-128 + 26),
            );
            let word = _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16;
            alnum |= u64::from(word) << (16 * k);
            high |= u64::from(_mm_movemask_epi8(v) as u16) << (16 * k);
            upper |= u64::from(_mm_movemask_epi8(capital) as u16) << (16 * k);
        }
    }
    Masks { alnum, high, upper }
}

/// The [`Masks`] of `block`.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn masks(block: &[u8; 64]) -> Masks {
    let (mut alnum, mut high, mut upper) = (0u64, 0u64, 0u64);
    for (i, &b) in block.iter().enumerate() {
        alnum |= u64::from(b < 128 && ASCII_FOLD[b as usize] != 0) << i;
        high |= u64::from(b >= 128) << i;
        upper |= u64::from(b.is_ascii_uppercase()) << i;
    }
    Masks { alnum, high, upper }
}

/// The word-start logic of [`scan`], with the state it carries between blocks.
struct Scanner<'t, F> {
    text: &'t str,
    bytes: &'t [u8],
    first_words: &'t FirstWords,
    /// Whether the last byte visited was part of a word (in folded terms).
    in_word: bool,
    /// Walks the automaton from a word start, skipping bytes of its first character.
    try_at: F,
}

impl<F: FnMut(usize, usize)> Scanner<'_, F> {
    /// The end of the ASCII letters and digits from `i`.
    #[inline(always)]
    fn ascii_word_end(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && ASCII_FOLD[self.bytes[i] as usize] != 0 {
            i += 1;
        }
        i
    }

    /// Where the next word's first byte is, from `i` on: the first ASCII letter or digit or
    /// other character (which may fold to anything), or the text's end.
    #[inline(always)]
    fn next_word(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && self.bytes[i] < 128 && ASCII_FOLD[self.bytes[i] as usize] == 0
        {
            i += 1;
        }
        i.min(self.bytes.len())
    }

    /// Visits the words that start in bytes `from..to` of the 64-byte block at `i`, all ASCII;
    /// `alnum` marks the block's ASCII letters and digits, `high` its other characters' bytes.
    #[inline(always)]
    fn ascii_run(&mut self, i: usize, alnum: u64, high: u64, from: usize, to: usize) {
        if from >= to {
            return;
        }
        let run = alnum >> from << from & (u64::MAX >> (64 - to));
        let mut starts = run & !((run << 1) | (u64::from(self.in_word) << from));
        while starts != 0 {
            let at = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            // A word ends at the first byte that is no ASCII letter or digit: another
            // character (then `word` walks it whatever it starts with) or past the block.
            let after = !alnum >> at;
            let (end, next) = if after != 0 {
                // The next word in the block, by the masks: no byte-by-byte skip.
                let end = at + after.trailing_zeros() as usize;
                let rest = (alnum | high) >> end;
                let next = if rest != 0 {
                    i + end + rest.trailing_zeros() as usize
                } else {
                    self.next_word(i + 64)
                };
                (i + end, next)
            } else {
                let end = self.ascii_word_end(i + 64);
                (end, self.next_word(end))
            };
            self.word(i + at, end, next);
        }
        self.in_word = alnum >> (to - 1) & 1 == 1;
    }

    /// A word of ASCII letters and digits at `start..end` that follows a separator, and the
    /// start of what follows it ([`Scanner::next_word`]).
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, next: usize) {
        // A word that goes on with a non-ASCII letter is not folded yet: always walk it.
        if self.bytes.get(end).is_some_and(|&b| b >= 128)
            || self.first_words.may_start(self.bytes, start, end, next)
        {
            (self.try_at)(start, 0);
        }
    }

    /// Visits the characters from `i` until at least `until`; returns where it stopped (past
    /// `until` when a word runs over).
    fn chars(&mut self, mut i: usize, until: usize) -> usize {
        while i < until {
            let b = self.bytes[i];
            if b < 128 {
                if ASCII_FOLD[b as usize] == 0 {
                    self.in_word = false;
                    i += 1;
                    continue;
                }
                let end = self.ascii_word_end(i + 1);
                if !self.in_word {
                    self.word(i, end, self.next_word(end));
                }
                self.in_word = true;
                i = end;
            } else {
                // `text` is valid UTF-8, so this decodes the character starting at `i`.
                let c = self.text[i..].chars().next().unwrap_or_default();
                for (k, &f) in fold_char(c).iter().enumerate() {
                    if ASCII_FOLD[f as usize] != 0 {
                        if !self.in_word {
                            (self.try_at)(i, k);
                        }
                        self.in_word = true;
                    } else {
                        self.in_word = false;
                    }
                }
                i += c.len_utf8();
            }
        }
        i
    }
}

/// Feeds the automaton the folded text from the word at `at` (skipping the first `skip` bytes
/// its first character folds to) until no pattern can match, reporting the patterns that
/// start there.
fn walk(
    automaton: &NFA,
    state: StateID,
    text: &str,
    at: usize,
    skip: usize,
    found: &mut impl FnMut(usize, std::ops::Range<usize>),
) {
    let bytes = text.as_bytes();
    let mut walker = Walker {
        state,
        fed: 1,
        at,
        end: at,
        gap: false,
    };
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 128 {
            if !walker.fold(automaton, ASCII_FOLD[b as usize], i + 1, found) {
                return;
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let len = c.len_utf8();
        let folded = fold_char(c);
        let folded = if i == at { &folded[skip..] } else { folded };
        for &f in folded {
            if !walker.fold(automaton, ASCII_FOLD[f as usize], i + len, found) {
                return;
            }
        }
        i += len;
    }
    if !walker.gap {
        walker.feed(automaton, b' ', found);
    }
}

/// The state of one [`walk`].
struct Walker {
    state: StateID,
    /// Bytes fed so far, the padding space included: a pattern that matches with this length
    /// starts at `at` (the automaton also reports shorter patterns ending here, which start
    /// at a later word and are found from there).
    fed: usize,
    /// Where the walk started.
    at: usize,
    /// End of the character that made the last letter or digit fed: where a match ends.
    end: usize,
    /// Whether the last byte fed was a space.
    gap: bool,
}

impl Walker {
    /// Takes one byte of folding output (`ASCII_FOLD`'s: a lowercase letter or digit, or 0
    /// for a separator) from the character ending at `end`: feeds it, or one space for a run
    /// of separators. False once no pattern can match any more.
    #[inline(always)]
    fn fold(
        &mut self,
        automaton: &NFA,
        folded: u8,
        end: usize,
        found: &mut impl FnMut(usize, std::ops::Range<usize>),
    ) -> bool {
        if folded != 0 {
            self.end = end;
            self.gap = false;
            self.feed(automaton, folded, found)
        } else if self.gap {
            true
        } else {
            self.gap = true;
            self.feed(automaton, b' ', found)
        }
    }

    /// Feeds one folded byte; false once no pattern can match any more.
    #[inline(always)]
    fn feed(
        &mut self,
        automaton: &NFA,
        byte: u8,
        found: &mut impl FnMut(usize, std::ops::Range<usize>),
    ) -> bool {
        self.state = automaton.next_state(Anchored::Yes, self.state, byte);
        self.fed += 1;
        if automaton.is_special(self.state) {
            if automaton.is_dead(self.state) {
                return false;
            }
            self.report(automaton, found);
        }
        true
    }

    #[cold]
    #[inline(never)]
    fn report(&self, automaton: &NFA, found: &mut impl FnMut(usize, std::ops::Range<usize>)) {
        for k in 0..automaton.match_len(self.state) {
            let pattern = automaton.match_pattern(self.state, k);
            if automaton.pattern_len(pattern) == self.fed {
                found(pattern.as_usize(), self.at..self.end);
            }
        }
    }
}

/// Bit sets of hashed first words: a word whose two bits are not both set starts no pattern
/// (a Bloom filter with two hash functions: with one, a few very common words such as `on`
/// and `said` shared their bit with a pattern's and sent thousands of walks into the
/// automaton).
///
/// A one-word pattern is keyed by its word; a longer one by its first word and the first
/// letter of its second, so that common words which only start longer names (`the` of `The
/// New York Times`, `state` of `State of Libya`) rarely send a walk into the automaton.
#[derive(Debug, Clone)]
struct FirstWords {
    /// Keys of every pattern.
    any: Vec<u64>,
    /// Keys of patterns that some alias lets start with a lowercase letter.
    lowercase: Vec<u64>,
    /// 64 minus the number of bits a key selects from (log2 of the set size).
    shift: u32,
}

impl FirstWords {
    /// Empty sets sized for `patterns`: about 64 bits per pattern, so that few words pass by
    /// chance (32 KiB for the shipped gazetteers, which stays in the first-level cache), and
    /// at most 512 KiB (a quarter of the second-level cache, for all the world's cities).
    /// Sizing by the pattern count doubled matching speed with GeoNames.
    fn for_patterns(patterns: usize) -> FirstWords {
        let bits = (patterns * 64).next_power_of_two().clamp(1 << 16, 1 << 22);
        FirstWords {
            any: vec![0; bits >> 6],
            lowercase: vec![0; bits >> 6],
            shift: 64 - bits.trailing_zeros(),
        }
    }

    /// Adds a folded phrase.
    fn insert(&mut self, phrase: &str, lowercase: bool) {
        let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
        let word = word_key(first.as_bytes(), 0, first.len());
        let key = match rest.bytes().next() {
            None => word,
            Some(next) => pair_key(word, next),
        };
        for bit in [first_bit(key, self.shift), second_bit(key, self.shift)] {
            self.any[bit >> 6] |= 1 << (bit & 63);
            if lowercase {
                self.lowercase[bit >> 6] |= 1 << (bit & 63);
            }
        }
    }

    /// Whether the ASCII word `text[start..end]`, followed by the word at `next`, may start a
    /// pattern. A word written with a lowercase first letter only starts phrases that may
    /// match so.
    #[inline(always)]
    fn may_start(&self, text: &[u8], start: usize, end: usize, next: usize) -> bool {
        let set = if text[start].is_ascii_lowercase() {
            &self.lowercase
        } else {
            &self.any
        };
        let bit = |bit: usize| set[bit >> 6] & (1 << (bit & 63)) != 0;
        // The second bit only when the first is set, which few words' are.
        let has = |key: u64| bit(first_bit(key, self.shift)) && bit(second_bit(key, self.shift));
        let word = word_key(text, start, end);
        if has(word) {
            return true;
        }
        match text.get(next) {
            None => false,
            // A non-ASCII character may fold to anything: let the automaton decide.
            Some(&b) if b >= 128 => true,
            Some(&b) => has(pair_key(word, ASCII_FOLD[b as usize])),
        }
    }
}

/// A key of the folded ASCII word `text[start..end]`: its length and its first eight letters
/// or digits (lowercased by setting bit 5, which digits already have).
#[inline(always)]
fn word_key(text: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    let head = if start + 8 <= text.len() {
        u64::from_le_bytes(text[start..start + 8].try_into().expect("eight bytes"))
    } else {
        let mut buf = [0u8; 8];
        let n = text.len() - start;
        buf[..n].copy_from_slice(&text[start..]);
        u64::from_le_bytes(buf)
    };
    let keep = if len >= 8 {
        !0
    } else {
        (1u64 << (8 * len)) - 1
    };
    ((head | 0x2020_2020_2020_2020) & keep) ^ ((len as u64) << 59)
}

/// The first bit of a key, in a set of `2^(64 - shift)` bits.
#[inline(always)]
fn first_bit(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// The second bit of a key, independent of the first.
#[inline(always)]
fn second_bit(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> shift) as usize
}

/// The key of a longer pattern whose first word has key `word` and whose second word starts
/// with `next`.
#[inline(always)]
fn pair_key(word: u64, next: u8) -> u64 {
    word.rotate_left(8) ^ u64::from(next) ^ 0x5555_5555_5555_5500
}

#[cfg(test)]
mod tests;
