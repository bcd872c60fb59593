//! The JSONL reader over an arbitrary file (the readers read files and stdin only).
#![no_main]

use gazegraph::corpus::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common/read.rs"]
mod read;

fuzz_target!(|bytes: &[u8]| read::read_all(bytes, Format::Jsonl, "fuzz.jsonl"));
