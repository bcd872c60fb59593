use super::*;

fn graphviz_installed() -> bool {
    Command::new(PROGRAM).arg("-V").output().is_ok()
}

fn render_default(dot: &str, format: &str, out: &Path) -> Result<Vec<String>> {
    render(dot, format, out, &Options::default())
}

#[test]
fn unknown_format_and_engine_are_errors_listing_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.gif");
    let err = render_default("digraph {}", "gif", &out)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`gif`") && err.contains("svg, png or pdf"),
        "{err}"
    );
    let err = engine_for(Some("spring"), 1, 1).unwrap_err().to_string();
    assert!(err.contains("`spring`") && err.contains("sfdp"), "{err}");
    assert!(!out.exists());
    // An unwritable destination fails before any layout.
    let missing = Path::new("/nonexistent/dir/g.svg");
    let err = render_default("digraph {}", "svg", missing)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("/nonexistent/dir"), "{err}");
}

#[test]
fn dot_on_a_graph_too_large_for_it_is_switched_with_a_note() {
    assert_eq!(engine_for(Some("dot"), 30, 80).unwrap(), ("dot", None));
    assert_eq!(engine_for(None, 30, 80).unwrap(), ("neato", None));
    let (engine, note) = engine_for(Some("dot"), 409, 1710).unwrap();
    assert_eq!(engine, "sfdp");
    let note = note.unwrap();
    assert!(
        note.contains("409 entities") && note.contains("sfdp"),
        "{note}"
    );
    assert_eq!(
        engine_for(Some("circo"), 409, 1710).unwrap(),
        ("circo", None)
    );
}

#[test]
fn renders_svg_and_reports_failures_with_stderr() {
    if !graphviz_installed() {
        // The integration tests insist on Graphviz; here, only its absence is checked.
        let err = render_default("digraph {}", "svg", Path::new("x.svg")).unwrap_err();
        assert!(
            err.to_string().contains("apt-get install graphviz"),
            "{err}"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.svg");
    let dot = crate::export::Format::Dot.render(&crate::export::dot::sample());
    let warnings = render_default(&dot, "svg", &out).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Erdoğan"), "{svg}");

    std::fs::write(&out, "old").unwrap();
    let err = render_default("digraph { a -> }", "svg", &out)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("failed") && err.contains("syntax error"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_layout_past_the_time_limit_is_stopped_leaving_nothing_behind() {
    if !graphviz_installed() {
        return;
    }
    // A complete graph of 300 nodes with curved routing keeps `dot` busy for minutes.
    let mut dot = String::from("digraph { splines=true; ");
    for a in 0..300 {
        for b in (a + 1)..300 {
            dot.push_str(&format!("{a}->{b};"));
        }
    }
    dot.push('}');
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.svg");
    let options = Options {
        dpi: None,
        timeout: Duration::from_millis(300),
    };
    let started = Instant::now();
    let err = render(&dot, "svg", &out, &options).unwrap_err().to_string();
    assert!(err.contains("stopped after 0.3 s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn png_resolution_follows_dpi() {
    if !graphviz_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let width = |dpi: Option<u32>| {
        let out = dir.path().join("g.png");
        let options = Options {
            dpi,
            ..Options::default()
        };
        render("digraph { a -> b }", "png", &out, &options).unwrap();
        let png = std::fs::read(&out).unwrap();
        // The IHDR chunk holds the width, big-endian, at bytes 16..20.
        u32::from_be_bytes(png[16..20].try_into().unwrap())
    };
    let (low, high) = (width(Some(72)), width(Some(288)));
    assert!(high >= 3 * low && high <= 5 * low, "{low} {high}");
}

#[test]
fn warnings_are_returned() {
    if !graphviz_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.svg");
    let warnings = render_default("digraph { a [shape=nosuchshape] }", "svg", &out).unwrap();
    assert!(
        warnings.iter().any(|w| w.contains("Warning")),
        "{warnings:?}"
    );
    assert!(out.exists());
}
