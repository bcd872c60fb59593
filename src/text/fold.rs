//! Folding text into the form the matcher searches, with a map back to the original.
//!
//! Folding lowercases, transliterates to ASCII with [`any_ascii`] (`Erdoğan` → `erdogan`,
//! `’` → `'`), and turns every run of characters that are not letters or digits into one
//! space. The folded text starts and ends with a space, so an alias folded the same way and
//! padded with spaces (`" libyan national army "`) can only match whole words, across line
//! breaks, possessives (`Haftar's` → `haftar s`) and hyphens (`Russia-backed` → `russia backed`).

/// Text folded for matching, with the original byte offset of every folded byte.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// ASCII: lowercase letters, digits and single spaces; it starts and ends with a space.
    pub text: String,
    /// `offsets[i]` is the byte offset, in the original text, of the character that produced
    /// byte `i` of [`Folded::text`]; a space maps to the first character of its run.
    pub offsets: Vec<u32>,
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
    /// Never for texts under 4 GiB; larger ones are split by the corpus reader long before.
    pub fn refill(&mut self, original: &str) {
        assert!(
            original.len() < u32::MAX as usize,
            "documents are limited to 4 GiB"
        );
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.clear();
        bytes.reserve(original.len() + 2);
        self.offsets.clear();
        self.offsets.reserve(original.len() + 2);

        bytes.push(b' ');
        self.offsets.push(0);
        let mut in_gap = true;
        let raw = original.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b < 128 {
                let f = ASCII_FOLD[b as usize];
                if f != 0 {
                    bytes.push(f);
                    self.offsets.push(i as u32);
                    in_gap = false;
                } else if !in_gap {
                    bytes.push(b' ');
                    self.offsets.push(i as u32);
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
                if f.is_ascii_alphanumeric() {
                    bytes.push(f.to_ascii_lowercase());
                    self.offsets.push(i as u32);
                    in_gap = false;
                } else if !in_gap {
                    bytes.push(b' ');
                    self.offsets.push(i as u32);
                    in_gap = true;
                }
            }
            i += c.len_utf8();
        }
        if !in_gap {
            bytes.push(b' ');
            self.offsets.push(raw.len() as u32);
        }
        // Every byte pushed above is ASCII.
        self.text = String::from_utf8(bytes).expect("folded text is ASCII");
    }

    /// The original byte range of the folded range `start..end`, which must start and end on
    /// letters or digits (as every alias match does once its padding is stripped).
    pub fn original_range(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> std::ops::Range<usize> {
        let first = self.offsets[start] as usize;
        let last = self.offsets[end - 1] as usize;
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        first..last + last_len
    }
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
        assert_eq!(folded.offsets.len(), folded.text.len());
        let start = folded.text.find("erdogan").unwrap();
        let range = folded.original_range(original, start, start + "erdogan".len());
        assert_eq!(&original[range], "Erdoğan");
        let start = folded.text.find("envoy").unwrap();
        let range = folded.original_range(original, start, start + 5);
        assert_eq!(&original[range], "envoy");
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
