use super::*;

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

#[test]
fn write_files_writes_what_render_gives_on_any_number_of_threads() {
    let doc = dot::sample();
    for threads in [1, 2, 0] {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::create(dir.path()).unwrap();
        pool(threads).install(|| write_files(&doc, &mut set, &Format::ALL).unwrap());
        let manifest = set.commit().unwrap();
        for format in Format::ALL {
            let written = std::fs::read_to_string(dir.path().join(format.file_name()));
            assert_eq!(written.unwrap(), format.render(&doc), "{}", format.name());
        }
        let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
        let formats: Vec<&str> = Format::ALL.iter().map(|f| f.file_name()).collect();
        assert_eq!(names, formats);
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, Format::ALL.len() + 1, "temporary files left behind");
    }
}

#[test]
fn write_files_reports_the_first_failing_format_and_renames_nothing_after_it() {
    let doc = dot::sample();
    for threads in [1, 2, 6] {
        let dir = tempfile::tempdir().unwrap();
        // Directories with contents cannot be replaced by a file.
        for format in [Format::Graphml, Format::Dot] {
            std::fs::create_dir_all(dir.path().join(format.file_name()).join("x")).unwrap();
        }
        let mut set = OutputSet::create(dir.path()).unwrap();
        pool(threads).install(|| write_files(&doc, &mut set, &Format::ALL).unwrap());
        let err = set.commit().unwrap_err();
        assert!(err.to_string().contains("graph.dot"), "{err}");
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["graph.dot", "graph.graphml", "graph.ron"]);
    }
}
