//! Turns shipped data into forms that are cheap to load, at build time. The source files stay
//! what people read, edit, diff and regenerate; only the program reads the outputs.
//!
//! - The generated world places (`gazetteers/world-places.ron`, 940 KB) become JSON, which
//!   `serde_json` reads about ten times as fast as `ron` reads RON: parsing the RON was a third
//!   of every run's start-up.
//! - The word lists used as sets (common words, given names) become perfect-hash sets: hashing
//!   the 64,000 common words into a set took a tenth of every run's start-up.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    world_places(&out);
    word_sets(&out);
}

/// A shipped file's text; the build stops on a missing one.
fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn world_places(out: &Path) {
    const WORLD: &str = "gazetteers/world-places.ron";
    let text = read(WORLD);
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let value: ron::Value = options
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{WORLD}: {e}"));
    let json = serde_json::to_string(&value).expect("a RON value is JSON");
    std::fs::write(out.join("world-places.json"), json).expect("OUT_DIR is writable");
}

/// `word-sets.rs`: a `phf::Set` of the lines of each word list, named as the list's constant.
fn word_sets(out: &Path) {
    let mut code = String::new();
    for (name, path) in [
        ("COMMON_WORDS", "gazetteers/common-words.txt"),
        ("GIVEN_NAMES", "gazetteers/given-names.txt"),
    ] {
        let text = read(path);
        // A word listed twice is one key.
        let words: BTreeSet<&str> = text.lines().collect();
        let mut set = phf_codegen::Set::new();
        for word in words {
            set.entry(word);
        }
        writeln!(code, "/// The lines of `{path}`.").unwrap();
        writeln!(code, "static {name}: phf::Set<&str> = {};", set.build()).unwrap();
    }
    std::fs::write(out.join("word-sets.rs"), code).expect("OUT_DIR is writable");
}
