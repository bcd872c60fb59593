//! Turns shipped data into forms that are cheap to load, at build time. The source files stay
//! what people read, edit, diff and regenerate; only the program reads the outputs.
//!
//! - The shipped gazetteers (the curated files and the generated world places, 940 KB) get a
//!   JSON twin each, which `serde_json` reads about ten times as fast as `ron` reads RON:
//!   parsing the RON was a third of every run's start-up. Messages still point into the RON.
//! - The word lists used as sets (common words, given names) become perfect-hash sets: hashing
//!   the 64,000 common words into a set took a tenth of every run's start-up.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["states", "persons", "groups", "places", "world-places"] {
        json_twin(&out, name);
    }
    word_sets(&out);
}

/// A shipped file's text; the build stops on a missing one.
fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `NAME.json`: `gazetteers/NAME.ron` as JSON.
fn json_twin(out: &Path, name: &str) {
    let path = format!("gazetteers/{name}.ron");
    let text = read(&path);
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let value: ron::Value = options
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let json = serde_json::to_string(&value).expect("a RON value is JSON");
    std::fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
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
