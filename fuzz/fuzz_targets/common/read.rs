//! Reads bytes as a corpus file of one format, through the public API.

use std::sync::LazyLock;

use gazegraph::corpus::{Corpus, CorpusConfig, Entry, Format};

/// One directory per process: the file is rewritten for every input.
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());

pub fn read_all(bytes: &[u8], format: Format, name: &str) {
    let path = DIR.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let config = CorpusConfig {
        format,
        // Small, so that the size cap is exercised too.
        max_document_bytes: 4096,
        ..CorpusConfig::default()
    };
    let corpus = Corpus::open(&[path], config).unwrap();
    for entry in corpus.entries() {
        if let Entry::Document(document) = entry {
            assert!(!document.text.trim().is_empty());
        }
    }
}
