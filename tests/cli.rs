//! The command line as a user meets it: real output (snapshots), exit codes and error
//! messages for bad input.

use std::path::Path;

use crate::fixtures::{
    Run, SEED_003, command, gazegraph, listing, root, run, shared_data, tempdir,
};

const SMALL: &str = SEED_003;

#[test]
fn mentions_tsv_of_a_seed_article() {
    let Run {
        code,
        stdout,
        stderr,
    } = run(&["mentions", SMALL, "--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn mentions_in_csv_and_jsonl_agree_with_tsv() {
    let Run { stdout: tsv, .. } = run(&["mentions", SMALL, "-q"]);
    let Run { stdout: csv, .. } = run(&["mentions", SMALL, "-q", "--format", "csv"]);
    let Run { stdout: jsonl, .. } = run(&["mentions", SMALL, "-q", "--format", "jsonl"]);
    let rows = tsv.lines().count() - 1;
    assert!(rows > 20);
    assert_eq!(csv.lines().count() - 1, rows);
    assert_eq!(jsonl.lines().count(), rows);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    let tsv_first: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(first["entity"], tsv_first[6]);
    assert_eq!(first["start"].to_string(), tsv_first[3]);
    assert_eq!(first["part"], tsv_first[9]);
    assert!(csv.starts_with(
        "document,paragraph,sentence,start,end,text,entity,kind,form,part,field,field_start,field_end,char_start,char_end,date,date_source\n"
    ));
}

#[test]
fn counts_tsv_of_a_seed_article() {
    let Run {
        code,
        stdout,
        stderr,
    } = run(&["counts", SMALL]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
    assert_eq!(
        stderr,
        "1 documents processed (0.0 MB), 0 skipped, 54 mentions, 0 unresolved\n0 dated, 1 undated\n"
    );
}

#[test]
fn counts_write_then_check_passes_and_a_change_fails_with_a_diff() {
    let dir = tempdir();
    let expected = dir.path().join("expected.tsv");
    let expected = expected.to_str().unwrap();
    let Run { code, .. } = run(&["counts", "seeds", "-q", "--write", expected]);
    assert_eq!(code, 0);
    let Run { code, stderr, .. } = run(&["counts", "seeds", "--check", expected]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("counts match"), "{stderr}");

    // Tamper with the pinned file: one count up, one entity gone.
    let text = std::fs::read_to_string(expected).unwrap();
    let tampered: String = text
        .lines()
        .filter(|l| !l.starts_with("tobruk\t"))
        .map(|l| {
            if l.starts_with("khalifa_haftar\t") {
                l.replace("\t44\t", "\t45\t")
            } else {
                l.to_owned()
            }
        })
        .map(|l| l + "\n")
        .collect();
    std::fs::write(expected, tampered).unwrap();
    let Run { code, stderr, .. } = run(&["counts", "seeds", "-q", "--check", expected]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("~ khalifa_haftar: mentions 45 -> 44 (-1), documents 4 -> 4 (+0)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("+ tobruk: 8 mentions in 3 documents, not expected"),
        "{stderr}"
    );
}

#[test]
fn counts_are_identical_whatever_the_threads_and_input_order() {
    let files: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    let mut forward = files.clone();
    forward.sort();
    let mut backward = forward.clone();
    backward.reverse();
    let base = run(&["counts", "seeds", "-q", "-j", "1"]).stdout;
    for (threads, inputs) in [("2", &forward), ("8", &backward)] {
        let mut args = vec!["counts", "-q", "-j", threads];
        args.extend(inputs.iter().map(String::as_str));
        assert_eq!(run(&args).stdout, base, "threads {threads}");
    }
    let Run {
        stdout: mentions_1, ..
    } = run(&["mentions", "seeds", "-q", "-j", "1"]);
    let Run {
        stdout: mentions_2, ..
    } = run(&["mentions", "seeds", "-q", "-j", "2"]);
    assert_eq!(mentions_1, mentions_2);
}

#[test]
fn a_missing_input_is_an_error_naming_it() {
    let Run {
        code,
        stdout,
        stderr,
    } = run(&["counts", "no/such/dir"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "error: no/such/dir: No such file or directory (os error 2)\n"
    );
}

#[test]
fn bad_documents_are_skipped_named_and_counted() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("good.txt"),
        "Khalifa Haftar met Putin in Moscow.",
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.bin"), b"\x00\x01\x02ELF").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Erdo\xf0an").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    let root = dir.path().to_str().unwrap();
    let Run {
        code,
        stdout,
        stderr,
    } = run(&["counts", root]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("khalifa_haftar\tKhalifa Haftar\tperson\t1\t1"),
        "{stdout}"
    );
    let expected = [
        format!("warning: skipped {root}/binary.bin: binary file"),
        format!("warning: skipped {root}/empty.txt: empty"),
        format!("warning: skipped {root}/latin1.txt: invalid UTF-8 at byte 4"),
        "1 documents processed (0.0 MB), 3 skipped, 3 mentions, 0 unresolved".to_owned(),
        "0 dated, 1 undated".to_owned(),
    ];
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn a_malformed_gazetteer_is_an_error_with_file_line_and_column() {
    let dir = tempdir();
    let path = dir.path().join("mine.ron");
    std::fs::write(
        &path,
        "(entities: [\n  (id: \"x\", kind: \"person\", name: \"Ali Ahmed\"),\n  (id: \"y\", kind: \"ship\", name: \"Kum Ya\"),\n])\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let Run { code, stderr, .. } = run(&["counts", SMALL, "--gazetteer", path]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!("error: {path}:3:20: unknown kind `ship`: use person, state, group or place\n")
    );
    // A user alias that collides with a shipped one.
    std::fs::write(
        dir.path().join("mine.ron"),
        "(entities: [(id: \"my_russia\", kind: \"group\", name: \"Russia\")])",
    )
    .unwrap();
    let Run { code, stderr, .. } = run(&["counts", SMALL, "-g", path]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("alias \"Russia\" of `my_russia` is also an alias of `russia`"),
        "{stderr}"
    );
}

#[test]
fn user_gazetteers_work_alone() {
    let dir = tempdir();
    let path = dir.path().join("ships.ron");
    std::fs::write(
        &path,
        "(entities: [(id: \"kum_ya\", kind: \"place\", name: \"Kum Ya\", category: \"ship\")])",
    )
    .unwrap();
    let Run { code, stdout, .. } = run(&[
        "counts",
        "seeds",
        "-q",
        "--no-default-gazetteers",
        "-g",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    // "Kum Ya" once and "KUM YA" five times, all in the Malaysia article of seeds/000.
    assert_eq!(
        stdout,
        "id\tname\tkind\tmentions\tdocuments\nkum_ya\tKum Ya\tplace\t6\t1\n"
    );
}

#[test]
fn gazetteer_lint_reports_each_kind_of_finding() {
    let Run {
        code,
        stdout,
        stderr,
    } = run(&["gazetteer", "lint", "seeds"]);
    assert_eq!(code, 0, "{stderr}");
    for check in ["shadowed", "common-word", "ambiguous", "no-hits"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(&format!("{check}\t"))),
            "no {check} finding"
        );
    }
    assert!(
        stdout.contains("shadowed\tLibyan\tlibya\tinside \"Libyan National Army\""),
        "Libyan not shadowed"
    );
    assert!(stdout.contains("common-word\tTurkey\tturkey\t"));
    assert!(!stdout.contains("no-hits\tKhalifa Haftar\t"));
}

/// Each kind of finding on a small gazetteer: one shadowed alias, one common word, one alias
/// two entities share, the aliases the text never uses.
#[test]
fn gazetteer_lint_of_a_small_gazetteer() {
    let dir = tempdir();
    let gazetteer = dir.path().join("small.ron");
    std::fs::write(
        &gazetteer,
        r#"(entities: [
    (id: "libya", kind: "state", name: "Libya", aliases: ["Libyan"]),
    (id: "libyan_national_army", kind: "group", name: "Libyan National Army", aliases: ["LNA"]),
    (id: "turkey", kind: "state", name: "Turkey"),
    (id: "rapid_support_forces", kind: "group", name: "Rapid Support Forces", aliases: ["RSF"], ambiguous: ["RSF"]),
    (id: "reporters_without_borders", kind: "group", name: "Reporters Without Borders", aliases: ["RSF"], ambiguous: ["RSF"]),
])"#,
    )
    .unwrap();
    let text = dir.path().join("news.txt");
    std::fs::write(
        &text,
        "The Libyan National Army met RSF envoys in Turkey.\n",
    )
    .unwrap();
    let Run {
        code,
        stdout,
        stderr,
    } = run(&[
        "gazetteer",
        "lint",
        "--no-default-gazetteers",
        "-g",
        gazetteer.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn help_lists_every_command() {
    let Run { code, stdout, .. } = run(&["--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn build_writes_the_same_counts_as_the_counts_command() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    // Filters shape the graph, never the counts.
    let Run { code, stderr, .. } = run(&["build", "seeds", "-q", "-o", out, "--min-count", "3"]);
    assert_eq!(code, 0, "{stderr}");
    let Run { stdout: counts, .. } = run(&["counts", "seeds", "-q"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("counts.tsv")).unwrap(),
        counts
    );
}

#[test]
fn a_multibyte_character_near_a_mention_costs_nothing() {
    let text = "Aleppo, Syria, is a city in the nort\u{2019}s";
    let out = gazegraph()
        .args(["relations", "-", "-q"])
        .write_stdin(text)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("\taleppo\tlocated_in\tsyria\t"), "{stdout}");
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let Run { code, stderr, .. } = run(&["build", dir.path().to_str().unwrap(), "-f", "ron"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 documents processed"), "{stderr}");
}

/// `gazegraph … | head -c1`: the reader closes the pipe early, and the command ends quietly
/// with success whatever it was writing (every output here is larger than a pipe's buffer,
/// so the write that meets the closed pipe is certain).
#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    let Run { code, stderr, .. } = run(&["build", "seeds", "-q", "-o", out]);
    assert_eq!(code, 0, "{stderr}");
    let graph = dir.path().join("graph.ron");
    let graph = graph.to_str().unwrap();
    let commands: [&[&str]; 7] = [
        &["stats", graph, "--top", "100000"],
        &["export", graph, "-f", "nodes-csv"],
        &["export", graph, "-f", "edges-csv"],
        &["gazetteer", "list"],
        &["gazetteer", "lint"],
        &["mentions", "seeds", "-q"],
        &["explain", graph, "russia", "syria"],
    ];
    for args in commands {
        let mut child = command()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // close the pipe before anything is read
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
}

/// Starts `build` of the ISOT sample into `out` (seeds where CI lacks the data) and sends it
/// `signal` after `delay`; returns its exit code (None if the signal killed it).
#[cfg(unix)]
fn interrupted_build(out: &Path, signal: &str, delay: std::time::Duration) -> Option<i32> {
    let isot = shared_data("isot-sample");
    let input = if isot.is_dir() { isot } else { "seeds".into() };
    let mut child = command()
        .args(["build", "-q", "-j", "2", "-o"])
        .arg(out)
        .arg(input)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap().code()
}

/// Interrupted at any moment, `build -o` leaves either the old complete set or the new one,
/// never temporary files; SIGKILL leaves them, and the next run removes them.
#[cfg(unix)]
#[test]
fn interrupted_builds_leave_no_temporary_files_and_complete_sets_only() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let temporary = |names: &[String]| names.iter().any(|n| n.starts_with(".gazegraph-"));
    let Run { code, stderr, .. } = run(&["build", "seeds", "-q", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let first = gazegraph::export::Manifest::verify(&out).expect("a complete set");
    let formats = gazegraph::export::Format::ALL.len();
    assert_eq!(
        first.files.len(),
        formats + 1,
        "every format and counts.tsv: {first:?}"
    );
    let mut interrupted = 0;
    for millis in [50, 150, 300, 500, 800, 1200, 2000, 3000] {
        let delay = std::time::Duration::from_millis(millis);
        for signal in ["-INT", "-TERM"] {
            let code = interrupted_build(&out, signal, delay);
            assert!(
                matches!(code, Some(0 | 130)),
                "{signal} after {millis} ms: {code:?}"
            );
            interrupted += usize::from(code == Some(130));
            let names = listing(&out);
            assert!(
                !temporary(&names),
                "{signal} after {millis} ms left {names:?}"
            );
            if names.iter().any(|n| n == gazegraph::export::MANIFEST) {
                gazegraph::export::Manifest::verify(&out).expect("the manifest matches its set");
            }
        }
    }
    assert!(
        interrupted > 0,
        "no run was interrupted: the test proved nothing"
    );
    // SIGKILL leaves temporary files behind (no handler runs); the next run removes them.
    for millis in [100, 400, 1000, 2000] {
        interrupted_build(&out, "-KILL", std::time::Duration::from_millis(millis));
    }
    let Run { code, stderr, .. } = run(&["build", "seeds", "-q", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let names = listing(&out);
    assert!(!temporary(&names), "stale temporary files kept: {names:?}");
    assert_eq!(gazegraph::export::Manifest::verify(&out).unwrap(), first);
}

#[test]
fn output_paths_are_checked_before_the_corpus_is_read() {
    let dir = tempdir();
    // `-o` naming a file is an error at once, naming it.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let Run { code, stderr, .. } = run(&["build", "seeds", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("file: not a directory"), "{stderr}");
    assert!(!stderr.contains("documents processed"), "{stderr}");
    // A failed run leaves no directory it created.
    let new = dir.path().join("new");
    let Run { code, stderr, .. } = run(&["build", "no-such-input", "-o", new.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-input"), "{stderr}");
    assert!(!new.exists());
    // An input is never overwritten.
    let input = dir.path().join("input.txt");
    std::fs::write(&input, "Haftar met Putin.").unwrap();
    let input = input.to_str().unwrap();
    for args in [
        &["mentions", input, "-o", input][..],
        &["relations", input, "-o", input],
        &["counts", input, "-o", input],
    ] {
        let Run { code, stderr, .. } = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            stderr.contains("it is an input of this run"),
            "{args:?}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(input).unwrap(), "Haftar met Putin.");
    }
}

#[test]
fn absurd_numbers_are_refused_by_name() {
    for (args, message) in [
        (
            &["build", "seeds", "-f", "ron", "-j", "20000"][..],
            "at most 256 threads",
        ),
        (&["counts", "seeds", "--threads=-1"], "invalid digit"),
        (
            &["build", "seeds", "-f", "ron", "--min-score", "NaN"],
            "`NaN` is not a finite number",
        ),
        (
            &["build", "seeds", "-f", "ron", "--min-score", "inf"],
            "`inf` is not a finite number",
        ),
    ] {
        let Run {
            code,
            stdout,
            stderr,
        } = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn run_wide_options_go_before_or_after_the_command() {
    let Run {
        stdout: expected, ..
    } = run(&["counts", SMALL, "-q"]);
    for args in [
        &["-q", "-j", "1", "counts", SMALL][..],
        &["counts", "-j", "1", SMALL, "-q"],
        &["-j", "1", "counts", "--quiet", SMALL],
    ] {
        let Run {
            code,
            stdout,
            stderr,
        } = run(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(stdout, expected, "{args:?}");
        assert!(stderr.is_empty(), "{args:?} is quiet: {stderr}");
    }
    let Run { code, stderr, .. } = run(&["-j", "20000", "counts", SMALL]);
    assert_eq!(code, 2);
    assert!(stderr.contains("at most 256 threads"), "{stderr}");
}
