//! Folding text into the form the matcher compares: lowercase ASCII words, single spaces.
//!
//! Folding lowercases, transliterates to ASCII with [`any_ascii`] (`Erdoğan` → `erdogan`,
//! `’` → `'`), and turns every run of characters that are not letters or digits into one
//! space. An alias folded this way and padded with spaces (`" libyan national army "`) can
//! only match whole words of folded text, across line breaks, possessives (`Haftar's` →
//! `haftar s`) and hyphens (`Russia-backed` → `russia backed`).
//!
//! The matcher never builds the folded text of a document: it folds bytes as it feeds them to
//! the automaton ([`crate::matcher`]), with the same rules as [`fold_str`], which folds
//! aliases and cues.

/// What an ASCII byte folds to: its lowercase form if it is a letter or digit, 0 otherwise.
/// Bytes of 128 and above (parts of multi-byte characters) are 0 too: they need
/// [`fold_char`].
pub(crate) const ASCII_FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
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

/// The ASCII a non-ASCII character folds from, before lowercasing: `"g"` for `ğ`, `"'"` for
/// `’`, `"OE"` for `Œ`, empty for combining marks (which vanish without splitting a word).
pub(crate) fn fold_char(c: char) -> &'static [u8] {
    any_ascii::any_ascii_char(c).as_bytes()
}

/// Folds a short string such as an alias, without padding spaces: `"Erdoğan's"` →
/// `"erdogan s"`. Empty when the string has no letters or digits.
pub fn fold_str(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    // Separators are written lazily, so none leads and none trails.
    let mut gap = false;
    let mut push = |b: u8| match ASCII_FOLD[b as usize] {
        0 => gap = true,
        folded => {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            out.push(folded);
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c as u8);
        } else {
            fold_char(c).iter().for_each(|&b| push(b));
        }
    }
    String::from_utf8(out).expect("folded text is ASCII")
}

#[cfg(test)]
mod tests;
