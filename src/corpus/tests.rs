//! Tests of the corpus reader: planning, opening, and every record format.

use super::open::{Kind, Opened, kind_of, read_source};
use super::plan::{normalise, path_id};
use super::*;
use crate::Error;
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use tempfile::TempDir;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn entries(inputs: &[PathBuf], config: CorpusConfig) -> Vec<Entry> {
    Corpus::open(inputs, config).unwrap().entries().collect()
}

fn documents(entries: &[Entry]) -> Vec<&Document> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Document(d) => Some(d),
            Entry::Skipped(_) => None,
        })
        .collect()
}

fn skips(entries: &[Entry]) -> Vec<&Skipped> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Skipped(s) => Some(s),
            Entry::Document(_) => None,
        })
        .collect()
}

/// The single entry a one-file corpus yields.
fn only(path: PathBuf) -> Entry {
    let mut all = entries(&[path], CorpusConfig::default());
    assert_eq!(all.len(), 1, "{all:?}");
    all.pop().unwrap()
}

fn id(path: &Path) -> String {
    path_id(path)
}

#[test]
fn entries_are_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Entries>();
    assert_send::<Corpus>();
}

#[test]
fn directories_are_sorted_deduplicated_and_skip_hidden_files() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("news");
    let b = write(&dir, "b.txt", b"bee");
    let a = write(&dir, "a.txt", b"ay");
    let c = write(&dir, "sub/c.txt", b"see");
    write(&dir, ".hidden.txt", b"hidden");
    write(&dir, ".git/objects.txt", b"hidden dir");
    let expected = vec![
        Source::Path(a.clone()),
        Source::Path(b.clone()),
        Source::Path(c),
    ];

    let orders = [
        vec![dir.clone()],
        vec![b.clone(), dir.clone(), a.clone()],
        vec![
            dir.join("sub"),
            a.clone(),
            dir.clone(),
            dir.clone(),
            b.clone(),
        ],
        // Same files through a different spelling of the same directory.
        vec![dir.join("sub").join(".."), dir.clone()],
    ];
    for inputs in &orders {
        let corpus = Corpus::open(inputs, CorpusConfig::default()).unwrap();
        assert_eq!(corpus.sources(), expected.as_slice(), "inputs {inputs:?}");
        assert_eq!(corpus.total_bytes(), 2 + 3 + 3);
        let ids: Vec<String> = documents(&corpus.entries().collect::<Vec<_>>())
            .iter()
            .map(|d| d.id.clone())
            .collect();
        assert_eq!(ids, [id(&a), id(&b), id(&dir.join("sub/c.txt"))]);
    }

    // A hidden file named explicitly is read: the user asked for it.
    let hidden = dir.join(".hidden.txt");
    let Entry::Document(doc) = only(hidden) else {
        panic!()
    };
    assert_eq!(doc.text, "hidden");
}

#[test]
fn trailing_slash_and_dot_slash_give_the_same_ids() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("seeds");
    let file = write(&dir, "000_e56b92874250d2c8.txt", b"Putin met Haftar.");
    let slash = PathBuf::from(format!("{}/", dir.display()));
    let doubled = PathBuf::from(format!("{}//", dir.display()));
    let ids = |input: PathBuf| -> Vec<String> {
        documents(&entries(&[input], CorpusConfig::default()))
            .iter()
            .map(|d| d.id.clone())
            .collect()
    };
    let expected = vec![format!("{}/000_e56b92874250d2c8.txt", dir.display())];
    assert_eq!(ids(dir.clone()), expected);
    assert_eq!(ids(slash), expected);
    assert_eq!(ids(doubled), expected);
    assert_eq!(ids(file), expected);

    assert_eq!(normalise(Path::new("seeds/")), Path::new("seeds"));
    assert_eq!(
        normalise(Path::new("./seeds/a.txt")),
        Path::new("seeds/a.txt")
    );
    assert_eq!(
        normalise(Path::new("seeds/./a.txt")),
        Path::new("seeds/a.txt")
    );
    assert_eq!(normalise(Path::new(".")), Path::new("."));
    assert_eq!(
        path_id(&normalise(Path::new("./seeds//x.txt"))),
        "seeds/x.txt"
    );
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let tmp = TempDir::new().unwrap();
    let good = write(tmp.path(), "ok.txt", b"fine");
    let missing = tmp.path().join("no-such-dir");
    let err = Corpus::open(&[good, missing.clone()], CorpusConfig::default()).unwrap_err();
    match &err {
        Error::Io { path, error } => {
            assert_eq!(path, &missing);
            assert_eq!(error.kind(), io::ErrorKind::NotFound);
        }
        other => panic!("expected Error::Io, got {other:?}"),
    }
    assert!(err.to_string().contains("no-such-dir"), "{err}");
}

#[test]
fn invalid_utf8_reports_the_offset_of_the_first_bad_byte() {
    let tmp = TempDir::new().unwrap();
    // "Zürich " is 8 bytes (ü is two), then a lone 0xff.
    let path = write(tmp.path(), "bad.txt", b"Z\xc3\xbcrich \xff rest");
    let entry = only(path.clone());
    let expected = Skipped {
        source: id(&path),
        reason: SkipReason::InvalidUtf8 { offset: 8 },
    };
    assert_eq!(entry, Entry::Skipped(expected));
    assert_eq!(
        SkipReason::InvalidUtf8 { offset: 8 }.to_string(),
        "invalid UTF-8 at byte 8"
    );

    // A truncated multi-byte sequence at the very end.
    let path = write(tmp.path(), "cut.txt", b"abc\xe2\x82");
    let Entry::Skipped(s) = only(path) else {
        panic!()
    };
    assert_eq!(s.reason, SkipReason::InvalidUtf8 { offset: 3 });

    // The offset is in the file, BOM included.
    let path = write(tmp.path(), "bom_bad.txt", b"\xef\xbb\xbfab\xc0");
    let Entry::Skipped(s) = only(path) else {
        panic!()
    };
    assert_eq!(s.reason, SkipReason::InvalidUtf8 { offset: 5 });
}

#[test]
fn binary_and_empty_files_are_skipped_with_a_reason() {
    let tmp = TempDir::new().unwrap();
    let binary = write(tmp.path(), "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let empty = write(tmp.path(), "empty.txt", b"");
    let blank = write(tmp.path(), "blank.txt", b" \n\t\r\n  ");
    let bom_only = write(tmp.path(), "bom_only.txt", b"\xef\xbb\xbf\n");
    // A NUL after the first 8 KiB does not make a file binary (and NUL is valid UTF-8).
    let mut late = vec![b'a'; 9000];
    late.push(0);
    let late_nul = write(tmp.path(), "late_nul.txt", &late);

    assert_eq!(
        only(binary.clone()),
        Entry::Skipped(Skipped {
            source: id(&binary),
            reason: SkipReason::Binary
        })
    );
    for path in [empty, blank, bom_only] {
        assert_eq!(
            only(path.clone()),
            Entry::Skipped(Skipped {
                source: id(&path),
                reason: SkipReason::Empty
            })
        );
    }
    let Entry::Document(doc) = only(late_nul) else {
        panic!("late NUL should be text")
    };
    assert_eq!(doc.text.len(), 9001);

    assert_eq!(SkipReason::Binary.to_string(), "binary file");
    assert_eq!(SkipReason::Empty.to_string(), "empty");
    let skipped = Skipped {
        source: "a.txt".into(),
        reason: SkipReason::Empty,
    };
    assert_eq!(skipped.to_string(), "a.txt: empty");
}

#[test]
fn bom_is_kept_so_offsets_are_the_files_and_crlf_is_kept() {
    let tmp = TempDir::new().unwrap();
    let path = write(
        tmp.path(),
        "win.txt",
        b"\xef\xbb\xbfLine one\r\nLine two\r\n",
    );
    let Entry::Document(doc) = only(path.clone()) else {
        panic!()
    };
    assert_eq!(doc.text, "\u{feff}Line one\r\nLine two\r\n");
    assert_eq!(doc.id, id(&path));
    assert_eq!(doc.title, None);
    assert_eq!(doc.date, None);
}

#[test]
fn files_are_read_lazily_and_a_vanished_file_is_skipped() {
    let tmp = TempDir::new().unwrap();
    let keep = write(tmp.path(), "a.txt", b"kept");
    let gone = write(tmp.path(), "b.txt", b"removed before reading");
    let corpus = Corpus::open(&[tmp.path().to_path_buf()], CorpusConfig::default()).unwrap();
    fs::remove_file(&gone).unwrap();
    let all: Vec<Entry> = corpus.entries().collect();
    assert_eq!(all.len(), 2);
    assert!(matches!(&all[0], Entry::Document(d) if d.id == id(&keep)));
    match &all[1] {
        Entry::Skipped(Skipped {
            source,
            reason: SkipReason::Unreadable(message),
        }) => {
            assert_eq!(source, &id(&gone));
            assert!(message.contains("No such file"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // A second pass reads again.
    assert_eq!(corpus.entries().count(), 2);
}

#[cfg(unix)]
#[test]
fn walk_errors_become_skipped_entries_in_path_order() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("corpus");
    let a = write(&dir, "a.txt", b"first");
    let c = write(&dir, "c.txt", b"third");
    let broken = dir.join("b_broken.txt");
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), &broken).unwrap();
    // A link to a file already in the corpus is the same file, read once.
    std::os::unix::fs::symlink(&c, dir.join("d_link.txt")).unwrap();
    // A link back to an ancestor would loop forever.
    std::os::unix::fs::symlink(&dir, dir.join("e_loop")).unwrap();

    let all = entries(std::slice::from_ref(&dir), CorpusConfig::default());
    let sources: Vec<String> = all
        .iter()
        .map(|e| match e {
            Entry::Document(d) => d.id.clone(),
            Entry::Skipped(s) => s.source.clone(),
        })
        .collect();
    assert_eq!(
        sources,
        [id(&a), id(&broken), id(&c), id(&dir.join("e_loop"))]
    );
    assert!(matches!(
        &all[1],
        Entry::Skipped(Skipped {
            reason: SkipReason::Unreadable(_),
            ..
        })
    ));
    match &all[3] {
        Entry::Skipped(Skipped {
            reason: SkipReason::Unreadable(m),
            ..
        }) => {
            assert!(m.contains("loop"), "{m}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn jsonl_records_good_and_bad_with_line_numbers() {
    let tmp = TempDir::new().unwrap();
    let lines = [
        r#"{"id": 17, "title": "Haftar advances", "date": " 2019-04-04 ", "text": "The LNA moved on Tripoli."}"#,
        r#"{"text": "No id, no title.", "title": ""}"#,
        "",
        r#"{"text": "unterminated"#,
        r#"["an", "array"]"#,
        r#"{"body": "wrong field"}"#,
        r#"{"id": "x-1", "text": 42}"#,
        r#"{"id": "x-2", "text": "   "}"#,
        "   ",
        "{\"id\": \"crlf\", \"text\": \"Windows line\"}\r",
        r#"{"id": null, "title": 5, "date": true, "text": "odd metadata"}"#,
    ];
    let mut content = lines.join("\n").into_bytes();
    content.extend_from_slice(b"\n{\"text\": \"bad \xff byte\"}\n");
    let path = write(tmp.path(), "news.jsonl", &content);
    let p = id(&path);
    let config = CorpusConfig {
        fields: Fields {
            id: Some("id".into()),
            ..Fields::default()
        },
        ..CorpusConfig::default()
    };
    let all = entries(std::slice::from_ref(&path), config);
    let bad = |line: usize, message: &str| {
        Entry::Skipped(Skipped {
            source: format!("{p}#{line}"),
            reason: SkipReason::BadRecord {
                line,
                message: message.to_owned(),
            },
        })
    };
    let doc = |id: &str, title: Option<&str>, date: Option<&str>, text: &str| {
        Entry::Document(Document {
            id: id.to_owned(),
            title: title.map(str::to_owned),
            date: date.map(str::to_owned),
            dated: None,
            text: text.to_owned(),
        })
    };
    // Byte offset of the 0xff: everything before line 12, plus `{"text": "bad `.
    let ff_offset = content.iter().position(|&b| b == 0xff).unwrap();
    let expected = vec![
        doc(
            "17",
            Some("Haftar advances"),
            Some("2019-04-04"),
            "Haftar advances\n\nThe LNA moved on Tripoli.",
        ),
        // The id field was named: a record without it is not silently renamed.
        bad(2, "missing id field `id`"),
        // line 3 is blank: no entry
        bad(4, "invalid JSON at column 22: EOF while parsing a string"),
        bad(5, "expected a JSON object, found an array"),
        bad(6, "missing field `text`"),
        bad(7, "field `text` must be a string, found a number"),
        bad(8, "empty: no text and no title"),
        // line 9 is whitespace: no entry
        doc("crlf", None, None, "Windows line"),
        bad(11, "id field `id` must be a string or a number, found null"),
        bad(12, &format!("invalid UTF-8 at byte {ff_offset}")),
    ];
    assert_eq!(all, expected);
    assert_eq!(
        bad(6, "missing field `text`").to_string_reason(),
        "line 6: missing field `text`"
    );
}

impl Entry {
    fn to_string_reason(&self) -> String {
        match self {
            Entry::Skipped(s) => s.reason.to_string(),
            Entry::Document(_) => String::new(),
        }
    }
}

#[test]
fn jsonl_without_documents_is_reported_empty_and_bom_is_ignored() {
    let tmp = TempDir::new().unwrap();
    let blank = write(tmp.path(), "blank.ndjson", b"\n  \n\n");
    assert_eq!(
        only(blank.clone()),
        Entry::Skipped(Skipped {
            source: id(&blank),
            reason: SkipReason::Empty
        })
    );
    let bom = write(tmp.path(), "bom.jsonl", b"\xef\xbb\xbf{\"text\": \"ok\"}\n");
    let Entry::Document(doc) = only(bom.clone()) else {
        panic!()
    };
    assert_eq!(doc.id, format!("{}#1", id(&bom)));
    assert_eq!(doc.text, "ok");
}

#[test]
fn csv_records_compose_title_and_report_bad_rows() {
    let tmp = TempDir::new().unwrap();
    let content = "\u{feff}doc_id,title,text,date\n\
                   a1,Sisi meets Haftar,\"Cairo talks.\nSecond line, with comma.\",2019-04-14\n\
                   ,,Untitled body,\n\
                   a3,too,many,fields,here\n\
                   a4,Headline only,  ,2020\n\
                   a5,  Padded  ,Body,\" May 1, 2020 \"\n";
    let path = write(tmp.path(), "news.csv", content.as_bytes());
    let p = id(&path);
    let config = CorpusConfig {
        fields: Fields {
            id: Some("doc_id".into()),
            ..Fields::default()
        },
        ..CorpusConfig::default()
    };
    let all = entries(&[path], config);
    let expected = vec![
        Entry::Document(Document {
            id: "a1".into(),
            title: Some("Sisi meets Haftar".into()),
            date: Some("2019-04-14".into()),
            dated: None,
            text: "Sisi meets Haftar\n\nCairo talks.\nSecond line, with comma.".into(),
        }),
        // Record 2 starts on line 4, because record 1 spans two lines.
        Entry::Document(Document {
            id: format!("{p}#2"),
            title: None,
            date: None,
            dated: None,
            text: "Untitled body".into(),
        }),
        Entry::Skipped(Skipped {
            source: format!("{p}#3"),
            reason: SkipReason::BadRecord {
                line: 5,
                message: "expected 4 fields as in the header, found 5".into(),
            },
        }),
        // Headline only: the headline is the document.
        Entry::Document(Document {
            id: "a4".into(),
            title: Some("Headline only".into()),
            date: Some("2020".into()),
            dated: None,
            text: "Headline only".into(),
        }),
        Entry::Document(Document {
            id: "a5".into(),
            // The title as the record has it; the text has it trimmed.
            title: Some("  Padded  ".into()),
            date: Some("May 1, 2020".into()),
            dated: None,
            text: "Padded\n\nBody".into(),
        }),
    ];
    assert_eq!(all, expected);
}

#[test]
fn csv_without_the_text_column_is_one_skipped_entry_listing_the_columns() {
    let tmp = TempDir::new().unwrap();
    let path = write(
        tmp.path(),
        "wrong.csv",
        b"headline,body,when\nA,B,C\nD,E,F\n",
    );
    let entry = only(path.clone());
    let expected = Skipped {
        source: id(&path),
        reason: SkipReason::BadRecord {
            line: 1,
            message: "no column `text`; columns are: headline, body, when".into(),
        },
    };
    assert_eq!(entry, Entry::Skipped(expected.clone()));
    assert_eq!(
        expected.reason.to_string(),
        "line 1: no column `text`; columns are: headline, body, when"
    );

    // With the right field name the same file reads fine.
    let config = CorpusConfig {
        fields: Fields {
            text: "body".into(),
            title: Some("headline".into()),
            ..Fields::default()
        },
        ..CorpusConfig::default()
    };
    let docs: Vec<String> = documents(&entries(std::slice::from_ref(&path), config))
        .iter()
        .map(|d| d.text.clone())
        .collect();
    assert_eq!(docs, ["A\n\nB", "D\n\nE"]);

    // An id column asked for by name must exist too: opening the corpus says so.
    let config = CorpusConfig {
        fields: Fields {
            text: "body".into(),
            id: Some("guid".into()),
            ..Fields::default()
        },
        ..CorpusConfig::default()
    };
    let err = Corpus::open(std::slice::from_ref(&path), config).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:1:1: no column `guid`; columns are: headline, body, when",
            path.display()
        )
    );
}

#[test]
fn a_json_field_read_as_text_and_as_id_serves_both() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "news.jsonl", br#"{"slug": "Haftar-in-Moscow"}"#);
    let config = CorpusConfig {
        fields: Fields {
            text: "slug".into(),
            id: Some("slug".into()),
            ..Fields::default()
        },
        ..CorpusConfig::default()
    };
    let all = entries(&[path], config);
    let docs = documents(&all);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "Haftar-in-Moscow");
    assert_eq!(docs[0].text, "Haftar-in-Moscow");
}

#[test]
fn csv_edge_cases_tsv_header_only_invalid_utf8_and_explicit_format() {
    let tmp = TempDir::new().unwrap();
    let tsv = write(
        tmp.path(),
        "news.tsv",
        b"title\ttext\nT\tBody, with comma\n",
    );
    let Entry::Document(doc) = only(tsv) else {
        panic!()
    };
    assert_eq!(doc.text, "T\n\nBody, with comma");

    let header_only = write(tmp.path(), "header.csv", b"title,text\n");
    assert_eq!(
        only(header_only.clone()),
        Entry::Skipped(Skipped {
            source: id(&header_only),
            reason: SkipReason::Empty
        })
    );
    let zero = write(tmp.path(), "zero.csv", b"");
    assert_eq!(
        only(zero.clone()),
        Entry::Skipped(Skipped {
            source: id(&zero),
            reason: SkipReason::Empty
        })
    );

    let bad = write(
        tmp.path(),
        "bad.csv",
        b"title,text\nok,fine\nt,caf\xe9\n\xff,title is bad\n",
    );
    let all = entries(std::slice::from_ref(&bad), CorpusConfig::default());
    assert_eq!(all.len(), 3);
    assert_eq!(
        all[1],
        Entry::Skipped(Skipped {
            source: format!("{}#2", id(&bad)),
            reason: SkipReason::BadRecord {
                line: 3,
                message: "invalid UTF-8 in column `text` at byte 3 of the field".into()
            },
        })
    );
    // Bad metadata loses the title, not the document.
    assert!(matches!(&all[2], Entry::Document(d) if d.title.is_none() && d.text == "title is bad"));

    // An explicit format overrides the extension; an explicit delimiter overrides `,`.
    let semi = write(tmp.path(), "export.txt", b"title;text\nT;a,b\n");
    let config = CorpusConfig {
        format: Format::Csv,
        delimiter: Some(b';'),
        ..CorpusConfig::default()
    };
    let docs = entries(std::slice::from_ref(&semi), config);
    assert!(
        matches!(&docs[..], [Entry::Document(d)] if d.text == "T\n\na,b" && d.id == format!("{}#1", id(&semi)))
    );
}

#[test]
fn gzip_files_are_decompressed_by_inner_extension() {
    use flate2::{Compression, write::GzEncoder};
    let gz = |bytes: &[u8]| {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    };
    let tmp = TempDir::new().unwrap();
    // Two gzip members back to back (as `cat a.gz b.gz` makes): both must be read.
    let mut jsonl = gz(b"{\"text\": \"one\"}\n");
    jsonl.extend(gz(b"{\"text\": \"two\"}\n"));
    let jsonl = write(tmp.path(), "news.jsonl.gz", &jsonl);
    let text = write(
        tmp.path(),
        "story.TXT.GZ",
        &gz("\u{feff}Tripoli\r\n".as_bytes()),
    );
    let csv = write(tmp.path(), "rows.csv.gz", &gz(b"title,text\nH,B\n"));
    let corrupt = write(tmp.path(), "corrupt.txt.gz", b"this is not gzip");

    let corpus = Corpus::open(&[tmp.path().to_path_buf()], CorpusConfig::default()).unwrap();
    let on_disk: u64 = [&jsonl, &text, &csv, &corrupt]
        .iter()
        .map(|p| fs::metadata(p).unwrap().len())
        .sum();
    assert_eq!(corpus.total_bytes(), on_disk);
    let all: Vec<Entry> = corpus.entries().collect();
    let texts: Vec<&str> = documents(&all).iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["one", "two", "H\n\nB", "\u{feff}Tripoli\r\n"]);
    assert_eq!(documents(&all)[1].id, format!("{}#2", id(&jsonl)));
    let skipped = skips(&all);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].source, id(&corrupt));
    assert!(matches!(&skipped[0].reason, SkipReason::Unreadable(m) if !m.is_empty()));
}

#[test]
fn formats_parse_and_resolve() {
    assert_eq!("auto".parse::<Format>().unwrap(), Format::Auto);
    assert_eq!("TEXT".parse::<Format>().unwrap(), Format::Text);
    assert_eq!("jsonl".parse::<Format>().unwrap(), Format::Jsonl);
    assert_eq!("csv".parse::<Format>().unwrap(), Format::Csv);
    let err = "xml".parse::<Format>().unwrap_err();
    assert!(
        err.to_string().contains("`xml`") && err.to_string().contains("jsonl"),
        "{err}"
    );
    for f in [Format::Auto, Format::Text, Format::Jsonl, Format::Csv] {
        assert_eq!(f.to_string().parse::<Format>().unwrap(), f);
    }

    let auto = CorpusConfig::default();
    let kind = |name: &str| kind_of(Some(Path::new(name)), &auto);
    assert_eq!(kind("a/news.jsonl"), (Kind::Jsonl, false));
    assert_eq!(kind("news.ndjson.gz"), (Kind::Jsonl, true));
    assert_eq!(kind("x.csv"), (Kind::Csv { delimiter: b',' }, false));
    assert_eq!(kind("x.tsv.gz"), (Kind::Csv { delimiter: b'\t' }, true));
    assert_eq!(kind("story.txt"), (Kind::Text, false));
    assert_eq!(kind("README"), (Kind::Text, false));
    assert_eq!(kind("archive.gz"), (Kind::Text, true));
    // Stdin has no name: text unless told otherwise.
    assert_eq!(kind_of(None, &auto), (Kind::Text, false));
    let jsonl = CorpusConfig {
        format: Format::Jsonl,
        ..CorpusConfig::default()
    };
    assert_eq!(kind_of(None, &jsonl), (Kind::Jsonl, false));
    assert_eq!(
        kind_of(Some(Path::new("x.csv")), &jsonl),
        (Kind::Jsonl, false)
    );

    let fields = Fields::default();
    assert_eq!((fields.id, fields.text.as_str()), (None, "text"));
    assert_eq!(
        (fields.title.as_deref(), fields.date.as_deref()),
        (Some("title"), Some("date"))
    );
}

#[test]
fn stdin_is_listed_once_and_first() {
    let tmp = TempDir::new().unwrap();
    let a = write(tmp.path(), "a.txt", b"x");
    let dash = PathBuf::from("-");
    let corpus = Corpus::open(&[a.clone(), dash.clone(), dash], CorpusConfig::default()).unwrap();
    assert_eq!(corpus.sources(), [Source::Stdin, Source::Path(a)]);
    assert_eq!(corpus.total_bytes(), 1);
}

/// Everything `read_source` yields for `bytes` read as stdin.
fn from_stdin(kind: Kind, bytes: &str) -> Vec<Entry> {
    let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.as_bytes().to_vec()));
    match read_source("-".to_owned(), kind, reader, &CorpusConfig::default()) {
        Opened::One(entry) => vec![entry],
        Opened::Records(mut records) => {
            let mut ids = super::records::Ids::new(Default::default());
            std::iter::from_fn(|| records.next(&mut ids)).collect()
        }
    }
}

#[test]
fn stdin_is_one_text_document_or_records_named_after_dash() {
    let text = from_stdin(Kind::Text, "\u{feff}Whole input.\n");
    assert_eq!(
        text,
        [Entry::Document(Document {
            id: "-".into(),
            title: None,
            date: None,
            dated: None,
            text: "\u{feff}Whole input.\n".into()
        })]
    );
    let jsonl = from_stdin(Kind::Jsonl, "{\"text\": \"a\"}\n\nnot json\n");
    assert!(matches!(&jsonl[0], Entry::Document(d) if d.id == "-#1"));
    assert!(matches!(&jsonl[1], Entry::Skipped(s) if s.source == "-#3"));
    assert_eq!(jsonl.len(), 2);
    let csv = from_stdin(Kind::Csv { delimiter: b',' }, "text\nfirst\nsecond\n");
    let ids: Vec<&str> = documents(&csv).iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["-#1", "-#2"]);
    assert_eq!(
        from_stdin(Kind::Text, ""),
        [Entry::Skipped(Skipped {
            source: "-".into(),
            reason: SkipReason::Empty
        })]
    );
}

/// The ISOT fake-news sample's `True_sample.csv` (columns `title,text,subject,date,label`).
///
/// Expected counts were checked independently with Python's `csv` module
/// (`csv.reader`, utf-8): 1,071 data rows, every row with 5 fields, no row with an empty
/// or whitespace-only `text`, no empty title, so 1,071 documents and 0 skipped entries.
/// Every `date` ends in a space (`"October 6, 2017 "`), which is trimmed.
#[test]
fn isot_true_sample() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/isot-sample/True_sample.csv"
    ));
    if !path.exists() {
        return;
    }
    let corpus = Corpus::open(&[path.to_path_buf()], CorpusConfig::default()).unwrap();
    let all: Vec<Entry> = corpus.entries().collect();
    let docs = documents(&all);
    assert_eq!(docs.len(), 1071);
    assert_eq!(skips(&all), Vec::<&Skipped>::new());
    let first = docs[0];
    let title = "Europe rights watchdog says Turkey's emergency laws go too far";
    assert_eq!(first.id, format!("{}#1", id(&normalise(path))));
    assert_eq!(first.title.as_deref(), Some(title));
    assert_eq!(first.date.as_deref(), Some("October 6, 2017"));
    assert!(
        first
            .text
            .starts_with(&format!("{title}\n\nBRUSSELS (Reuters) - ")),
        "{}",
        &first.text[..100]
    );
    assert_eq!(docs[1070].id, format!("{}#1071", id(&normalise(path))));
    assert!(docs.iter().all(|d| d.title.is_some() && d.date.is_some()));
}

/// `Fake_sample.csv` from the same sample. Python's `csv` module counts 1,174 rows of
/// 5 fields, 26 of which have a `text` of a single space (headline-only items): their
/// headline is their text, so all 1,174 are documents.
#[test]
fn isot_fake_sample() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/isot-sample/Fake_sample.csv"
    ));
    if !path.exists() {
        return;
    }
    let all = entries(&[path.to_path_buf()], CorpusConfig::default());
    assert_eq!(all.len(), 1174);
    let docs = documents(&all);
    assert_eq!(docs.len(), 1174);
    let headline_only = docs
        .iter()
        .filter(|d| Some(d.text.as_str()) == d.title.as_deref());
    assert_eq!(headline_only.count(), 26);
}
