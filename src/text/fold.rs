//! Folding text into the form the matcher searches, with a map back to the original.
//!
//! Folding lowercases, transliterates to ASCII with [`any_ascii`] (`Erdoğan` → `erdogan`,
//! `’` → `'`), and turns every run of characters that are not letters or digits into one
//! space. The folded text starts and ends with a space, so an alias folded the same way and
//! padded with spaces (`" libyan national army "`) can only match whole words, across line
//! breaks, possessives (`Haftar's` → `haftar s`) and hyphens (`Russia-backed` → `russia backed`).

/// Text folded for matching, with a map back to original byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// ASCII: lowercase letters, digits and single spaces; it starts and ends with a space.
    pub text: String,
    /// Where the map from folded to original offsets changes: `(folded, original)` pairs,
    /// sorted. Between two breaks, offsets advance together (plain ASCII); every byte made
    /// from a non-ASCII character has a break of its own, pointing at that character. Keeping
    /// only the breaks, not one offset per byte, is what makes folding fast.
    breaks: Vec<(u32, u32)>,
    /// The break found by the last lookup: matches arrive nearly in text order, so the next
    /// lookup usually lands at or just after it.
    hint: std::cell::Cell<usize>,
}

/// What an ASCII byte folds to: its lowercase form if it is a letter or digit, 0 otherwise.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Marks "no linear run in progress": the next ASCII byte must start a new break.
const NO_DELTA: i64 = i64::MIN;

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Folded {
        let mut folded = Folded::default();
        folded.refill(original);
        folded
    }

    /// Folds `original` into this value, reusing its buffers (the matcher's hot path).
    ///
    /// # Panics
    ///
    /// For texts of 4 GiB or more, which no single news document reaches.
    pub fn refill(&mut self, original: &str) {
        assert!(
            original.len() < u32::MAX as usize,
            "documents are limited to 4 GiB"
        );
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.clear();
        bytes.reserve(original.len() + 2);
        self.breaks.clear();
        self.hint.set(0);

        // `delta` is original offset minus folded offset along the current linear run.
        let mut delta = NO_DELTA;
        push_ascii(&mut bytes, &mut self.breaks, &mut delta, b' ', 0);
        let mut in_gap = true;
        let raw = original.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b < 128 {
                let f = ASCII_FOLD[b as usize];
                if f != 0 {
                    push_ascii(&mut bytes, &mut self.breaks, &mut delta, f, i);
                    in_gap = false;
                    // The rest of the word: both offsets advance together, no break needed.
                    // Find its end first, then copy it in one go (the copy vectorises).
                    let start = i + 1;
                    let len = raw[start..]
                        .iter()
                        .position(|&b| b >= 128 || ASCII_FOLD[b as usize] == 0)
                        .unwrap_or(raw.len() - start);
                    bytes.extend(
                        raw[start..start + len]
                            .iter()
                            .map(|&b| b | ((b & 0x40) >> 1)),
                    );
                    i = start + len;
                    continue;
                } else if !in_gap {
                    push_ascii(&mut bytes, &mut self.breaks, &mut delta, b' ', i);
                    in_gap = true;
                }
                i += 1;
                continue;
            }
            // A multi-byte character: `original` is valid UTF-8, so this decodes one char.
            let c = original[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            for f in any_ascii::any_ascii_char(c).bytes() {
                let f = if f.is_ascii_alphanumeric() {
                    in_gap = false;
                    f.to_ascii_lowercase()
                } else if !in_gap {
                    in_gap = true;
                    b' '
                } else {
                    continue;
                };
                self.breaks.push((bytes.len() as u32, i as u32));
                bytes.push(f);
                delta = NO_DELTA;
            }
            i += c.len_utf8();
        }
        if !in_gap {
            push_ascii(&mut bytes, &mut self.breaks, &mut delta, b' ', raw.len());
        }
        self.text = String::from_utf8(bytes).expect("folded text is ASCII");
    }

    /// The original byte offset of the character that produced folded byte `at`.
    pub fn original_offset(&self, at: usize) -> usize {
        let breaks = &self.breaks;
        let mut i = self.hint.get().min(breaks.len() - 1);
        if breaks[i].0 as usize <= at {
            // Walk forward a few breaks; fall back to a binary search for long jumps.
            let mut steps = 0;
            while i + 1 < breaks.len() && breaks[i + 1].0 as usize <= at {
                i += 1;
                steps += 1;
                if steps == 8 {
                    i += breaks[i..].partition_point(|&(f, _)| f as usize <= at) - 1;
                    break;
                }
            }
        } else {
            i = breaks[..i].partition_point(|&(f, _)| f as usize <= at) - 1;
        }
        self.hint.set(i);
        let (f, o) = self.breaks[i];
        o as usize + (at - f as usize)
    }

    /// The original byte range of the folded range `start..end`, which must start and end on
    /// letters or digits (as every alias match does once its padding is stripped).
    pub fn original_range(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> std::ops::Range<usize> {
        let first = self.original_offset(start);
        let last = self.original_offset(end - 1);
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        first..last + last_len
    }
}

/// Appends ASCII byte `b` made from original offset `at`, adding a break where the linear
/// run `delta` (original minus folded offset) changes.
fn push_ascii(
    bytes: &mut Vec<u8>,
    breaks: &mut Vec<(u32, u32)>,
    delta: &mut i64,
    b: u8,
    at: usize,
) {
    let here = bytes.len() as i64;
    if at as i64 - here != *delta {
        *delta = at as i64 - here;
        breaks.push((here as u32, at as u32));
    }
    bytes.push(b);
}

/// Folds a short string such as an alias, without the padding spaces: `"Erdoğan's"` →
/// `"erdogan s"`. Empty when the string has no letters or digits.
pub fn fold_str(s: &str) -> String {
    let folded = Folded::new(s);
    folded.text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        let cases = [
            ("Russia", "russia"),
            ("Erdoğan", "erdogan"),
            ("Haftar's", "haftar s"),
            ("Russia’s", "russia s"),
            ("Russia-backed", "russia backed"),
            ("U.S.-led", "u s led"),
            ("Khalifa\nHaftar", "khalifa haftar"),
            ("“Assad” — al-Assad", "assad al assad"),
            ("Côte d’Ivoire", "cote d ivoire"),
            ("  ", ""),
            ("Straße", "strasse"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_str(input), want, "folding {input:?}");
        }
    }

    #[test]
    fn combining_marks_vanish_without_splitting_words() {
        // "Erdog" + COMBINING BREVE + "an", as some sources write it.
        assert_eq!(fold_str("Erdog\u{306}an"), "erdogan");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "Met Erdoğan’s  envoy";
        let folded = Folded::new(original);
        assert_eq!(folded.text, " met erdogan s envoy ");
        let start = folded.text.find("erdogan").unwrap();
        let range = folded.original_range(original, start, start + "erdogan".len());
        assert_eq!(&original[range], "Erdoğan");
        let start = folded.text.find("envoy").unwrap();
        let range = folded.original_range(original, start, start + 5);
        assert_eq!(&original[range], "envoy");
    }

    #[test]
    fn every_folded_byte_maps_to_the_character_that_made_it() {
        let original = "“Erdoğan’s”  Straße-Œuvre\n\nU.S. ok";
        let folded = Folded::new(original);
        assert_eq!(folded.text, " erdogan s strasse oeuvre u s ok ");
        // The slow, obvious map: one entry per folded byte.
        let mut naive = vec![0usize];
        let mut gap = true;
        for (at, c) in original.char_indices() {
            for b in any_ascii::any_ascii_char(c).bytes() {
                if b.is_ascii_alphanumeric() {
                    naive.push(at);
                    gap = false;
                } else if !gap {
                    naive.push(at);
                    gap = true;
                }
            }
        }
        naive.push(original.len());
        assert_eq!(naive.len(), folded.text.len());
        // In order, backwards and jumping about: lookups start from the last one's break.
        let order: Vec<usize> = (0..naive.len())
            .chain((0..naive.len()).rev())
            .chain((0..naive.len()).map(|i| i * 7 % naive.len()))
            .collect();
        for i in order {
            assert_eq!(folded.original_offset(i), naive[i], "folded byte {i}");
        }
    }

    #[test]
    fn multi_letter_expansions_map_to_the_whole_character() {
        let original = "Œuvre";
        let folded = Folded::new(original);
        assert_eq!(folded.text, " oeuvre ");
        let range = folded.original_range(original, 1, 3);
        assert_eq!(&original[range], "Œ");
    }
}
