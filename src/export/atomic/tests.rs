use super::*;

#[path = "../../../tests/fixtures/listing.rs"]
mod listing;
use listing::listing as names;

fn file(path: &Path, contents: &str) -> Finished {
    let mut file = AtomicFile::create(path).unwrap();
    file.write_all(contents.as_bytes()).unwrap();
    file.finish().unwrap()
}

#[test]
fn uncommitted_files_leave_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.txt");
    std::fs::write(&path, "old").unwrap();
    {
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"half").unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(names(dir.path()), ["out.txt"]);
    let mut file = AtomicFile::create(&path).unwrap();
    file.write_all(b"new").unwrap();
    file.commit().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn missing_directory_is_an_error_naming_it() {
    let err = AtomicFile::create("/nonexistent/dir/out.txt").unwrap_err();
    assert!(err.to_string().starts_with("/nonexistent/dir"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.tsv");
    let link = dir.path().join("link.tsv");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink("real.tsv", &link).unwrap();
    file(&link, "new").commit().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
}

#[test]
fn a_set_is_committed_with_its_manifest_last_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = OutputSet::create(dir.path()).unwrap();
    set.add(file(&dir.path().join("b.txt"), "bee"));
    set.add(file(&dir.path().join("a.txt"), "a"));
    assert_eq!(
        names(dir.path()).len(),
        2,
        "only the two temporary files so far"
    );
    let manifest = set.commit().unwrap();
    assert_eq!(names(dir.path()), ["a.txt", "b.txt", MANIFEST]);
    let listed: Vec<(&str, u64)> = manifest
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.bytes))
        .collect();
    assert_eq!(listed, [("b.txt", 3), ("a.txt", 1)], "in the order added");
    assert_eq!(
        manifest.files[1].blake3,
        blake3::hash(b"a").to_hex().as_str()
    );
    assert_eq!(Manifest::verify(dir.path()).unwrap(), manifest);

    // The same files give the same run id; other contents another.
    let again = tempfile::tempdir().unwrap();
    let mut set = OutputSet::create(again.path()).unwrap();
    set.add(file(&again.path().join("b.txt"), "bee"));
    set.add(file(&again.path().join("a.txt"), "a"));
    assert_eq!(set.commit().unwrap().run, manifest.run);

    // A file that changed, or went missing, makes the set incomplete.
    std::fs::write(dir.path().join("a.txt"), "A").unwrap();
    let err = Manifest::verify(dir.path()).unwrap_err();
    assert!(matches!(err, Error::IncompleteOutput { .. }), "{err}");
    assert!(err.to_string().contains("a.txt"), "{err}");
    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    assert!(Manifest::verify(dir.path()).is_err());
}

#[test]
fn a_commit_removes_the_old_manifest_before_it_renames_anything() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = OutputSet::create(dir.path()).unwrap();
    set.add(file(&dir.path().join("a.txt"), "one"));
    set.commit().unwrap();
    // The second run fails while renaming: a directory stands where its file goes.
    let mut set = OutputSet::create(dir.path()).unwrap();
    set.add(file(&dir.path().join("a.txt"), "two"));
    std::fs::create_dir_all(dir.path().join("b.txt/x")).unwrap();
    set.add(file(&dir.path().join("b.txt"), "two"));
    assert!(set.commit().is_err());
    assert!(
        !dir.path().join(MANIFEST).exists(),
        "a mixed set has no manifest"
    );
    assert!(Manifest::verify(dir.path()).is_err());
    assert_eq!(
        names(dir.path()),
        ["a.txt", "b.txt"],
        "no temporary files left"
    );
}

#[test]
fn an_uncommitted_set_removes_the_directory_it_created_only() {
    let parent = tempfile::tempdir().unwrap();
    let new = parent.path().join("out");
    {
        let mut set = OutputSet::create(&new).unwrap();
        set.add(file(&new.join("a.txt"), "a"));
    }
    assert!(!new.exists(), "a failed run leaves no directory it created");
    {
        let mut set = OutputSet::create(parent.path()).unwrap();
        set.add(file(&parent.path().join("a.txt"), "a"));
    }
    assert!(parent.path().is_dir());
    assert!(names(parent.path()).is_empty());
    let plain = parent.path().join("plain");
    std::fs::write(&plain, "").unwrap();
    let err = OutputSet::create(&plain).unwrap_err();
    assert!(matches!(err, Error::NotADirectory(_)), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn stale_temporary_files_of_ended_runs_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    // pid 1 is always running; 4,000,000,000 is above any pid Linux hands out.
    let stale = ".gazegraph-4000000000-aBcDeF.tmp";
    let live = ".gazegraph-1-aBcDeF.tmp";
    for name in [stale, live, ".gazegraph-notapid.tmp", "graph.ron"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    let own = AtomicFile::create(dir.path().join("mine.txt")).unwrap();
    let _set = OutputSet::create(dir.path()).unwrap();
    let left = names(dir.path());
    assert!(!left.contains(&stale.to_owned()), "{left:?}");
    for kept in [live, ".gazegraph-notapid.tmp", "graph.ron"] {
        assert!(left.contains(&kept.to_owned()), "{kept} removed: {left:?}");
    }
    assert_eq!(
        left.len(),
        4,
        "this process's own temporary file is kept: {left:?}"
    );
    drop(own);
}

#[test]
fn removing_unfinished_files_removes_this_process_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut open = AtomicFile::create(dir.path().join("a.txt")).unwrap();
    open.write_all(b"half").unwrap();
    open.flush().unwrap();
    let finished = file(&dir.path().join("b.txt"), "whole");
    assert_eq!(names(dir.path()).len(), 2);
    // As `remove_unfinished` does, but sparing the other tests' files.
    remove_registered(|path| path.starts_with(dir.path()));
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    drop((open, finished));
}

#[test]
fn a_commit_removes_what_the_earlier_set_held_and_this_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let set_of = |files: &[(&str, &str)]| {
        let mut set = OutputSet::create(&out).unwrap();
        for (name, contents) in files {
            let path = out.join(name);
            if let Some(sub) = Path::new(name).parent().filter(|p| *p != Path::new("")) {
                set.subdir(sub.to_str().unwrap()).unwrap();
            }
            set.add(file(&path, contents));
        }
        set.commit().unwrap()
    };
    set_of(&[
        ("a.txt", "a"),
        ("2016-03/g.ron", "march"),
        ("2016-03/n.csv", "march"),
        ("2016-04/g.ron", "april"),
    ]);
    // Another run writes April and May: March goes, with its directory.
    let manifest = set_of(&[
        ("a.txt", "A"),
        ("2016-04/g.ron", "APRIL"),
        ("2016-05/g.ron", "may"),
    ]);
    assert_eq!(names(&out), ["2016-04", "2016-05", "a.txt", MANIFEST]);
    assert_eq!(Manifest::verify(&out).unwrap(), manifest);

    // A file changed since its run wrote it is not ours to remove; nor is anything outside
    // the set's directory, whatever a manifest says.
    std::fs::write(out.join("2016-05/g.ron"), "edited").unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "mine").unwrap();
    let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    let entry = |name: &str| {
        format!(
            r#"{{"name": "{name}", "bytes": 4, "blake3": "{}"}},"#,
            blake3::hash(b"mine").to_hex()
        )
    };
    let text = text.replacen(
        "\"files\": [",
        &format!("\"files\": [{}", entry("../outside.txt")),
        1,
    );
    std::fs::write(out.join(MANIFEST), text).unwrap();
    set_of(&[("a.txt", "a")]);
    assert_eq!(names(&out), ["2016-05", "a.txt", MANIFEST]);
    assert_eq!(names(&out.join("2016-05")), ["g.ron"]);
    assert!(outside.exists());
}
