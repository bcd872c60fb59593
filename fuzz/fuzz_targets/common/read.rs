//! Reads bytes as a corpus file of one format, through the public API.

use std::sync::LazyLock;

use gazegraph::corpus::{Corpus, CorpusConfig, Entry, Format};

/// One directory per process: the file is rewritten for every input. In memory (`/dev/shm`)
/// where there is one: on ext4, closing a rewritten file starts a disk write, which made these
/// targets a tenth as fast as the others.
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap()
});

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
