//! Converts the generated world places (`gazetteers/world-places.ron`, 940 KB) to JSON at build
//! time. The RON file stays the source that people read, diff and regenerate; the program
//! parses the JSON twin, which `serde_json` reads about ten times as fast as `ron` reads RON:
//! parsing the RON was a third of every run's start-up.

use std::path::PathBuf;

fn main() {
    const WORLD: &str = "gazetteers/world-places.ron";
    println!("cargo::rerun-if-changed={WORLD}");
    let text = std::fs::read_to_string(WORLD).unwrap_or_else(|e| panic!("{WORLD}: {e}"));
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let value: ron::Value = options
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{WORLD}: {e}"));
    let json = serde_json::to_string(&value).expect("a RON value is JSON");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("world-places.json"), json).expect("OUT_DIR is writable");
}
