//! Time for Gephi and for the reader: the dynamic GEXF export (validated against a GEXF 1.3
//! grammar and read by networkx) and `gazegraph timeline` (its table and its chart), on the
//! ISOT sample dated by its `date` column.

use std::path::PathBuf;
use std::sync::OnceLock;

use gazegraph::graph::{COOCCURRENCE, GraphDocument};
use serde_json::Value;

use crate::fixtures::{gazegraph, ok, root, shared_data, tempdir};

/// The ISOT sample built once for every test here: (its directory, the graph).
fn isot() -> &'static (tempfile::TempDir, GraphDocument) {
    static BUILT: OnceLock<(tempfile::TempDir, GraphDocument)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let data = shared_data("isot-sample");
        let dir = tempdir();
        gazegraph()
            .arg("build")
            .args(["True_sample.csv", "Fake_sample.csv"].map(|f| data.join(f)))
            .args(["-q", "-j", "2", "-o"])
            .arg(dir.path().join("out"))
            .assert()
            .success();
        let graph = gazegraph::graph::document::read(&dir.path().join("out/graph.ron")).unwrap();
        (dir, graph)
    })
}

fn out(name: &str) -> PathBuf {
    isot().0.path().join("out").join(name)
}

#[test]
fn gexf_validates_and_networkx_reads_the_time_of_every_node() {
    let graph = &isot().1;
    let output = std::process::Command::new("python3")
        .arg(root().join("tests/python/check_gexf.py"))
        .arg(out("graph.gexf"))
        .arg(root().join("tests/data/gexf/gexf-1.3-subset.rng"))
        .output()
        .expect("python3 with networkx and lxml (tests/requirements.txt)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "check_gexf.py failed:\n{stderr}");
    let read: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(read["valid"], true, "{}", read["errors"]);
    assert_eq!(read["rejects_broken"], true);
    assert_eq!(read["mode"], "dynamic");
    assert_eq!(read["directed"], true);
    assert_eq!(read["cooccurrence_symmetric"], true);
    let cooccurrences = graph
        .edges
        .iter()
        .filter(|e| e.kind == COOCCURRENCE)
        .count();
    assert_eq!(read["cooccurrence_arcs"], 2 * cooccurrences);
    // Every undirected edge (co-occurrence, and symmetric relations such as `meets`) is
    // `mutual`: networkx adds both arcs.
    let undirected = graph.edges.iter().filter(|e| !e.directed).count();
    assert_eq!(read["edges"], graph.edges.len() + undirected);
    let nodes = read["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), graph.nodes.len());
    for node in &graph.nodes {
        let read = &nodes[&node.id];
        assert_eq!(read["mentions"], node.mentions, "{}", node.id);
        let periods: u64 = node.periods.iter().map(|(_, n)| n).sum();
        assert_eq!(read["period_sum"], periods, "{}", node.id);
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        assert_eq!(
            read["first_seen"].as_str().map(str::to_owned),
            date(node.first_seen)
        );
        assert_eq!(
            read["last_seen"].as_str().map(str::to_owned),
            date(node.last_seen)
        );
        // The spells cover the first and last seen dates.
        let spells = read["spells"].as_array().unwrap();
        if let (Some(first), Some(last)) = (date(node.first_seen), date(node.last_seen)) {
            assert!(
                spells[0][0].as_str().unwrap() <= first.as_str(),
                "{}",
                node.id
            );
            let end = spells.last().unwrap()[1].as_str().unwrap();
            assert!(end >= last.as_str(), "{}", node.id);
        }
    }
}

/// The table's rows, as (entity, period, mentions, first_seen, last_seen, partners).
fn table(text: &str) -> Vec<Vec<String>> {
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("entity\tperiod\tmentions\tfirst_seen\tlast_seen\tpartners")
    );
    lines
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn timeline_rows_add_up_to_the_node_and_name_its_partners() {
    let graph = &isot().1;
    let graph_ron = out("graph.ron");
    let graph_ron = graph_ron.to_str().unwrap();
    let rows = table(&ok(&[
        "timeline", graph_ron, "Putin", "russia", "--top", "2",
    ]));
    for id in ["vladimir_putin", "russia"] {
        let node = graph.nodes.iter().find(|n| n.id == id).unwrap();
        let mine: Vec<_> = rows.iter().filter(|r| r[0] == id).collect();
        let all = mine[0];
        assert_eq!(all[1], "all");
        assert_eq!(all[2], node.mentions.to_string());
        assert_eq!(all[3], node.first_seen.unwrap().to_string());
        assert_eq!(all[4], node.last_seen.unwrap().to_string());
        let sum: u64 = mine[1..].iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
        assert_eq!(sum, node.periods.iter().map(|(_, n)| n).sum::<u64>());
        // Periods are consecutive months, the same for both entities.
        assert_eq!(
            mine.len() - 1,
            rows.iter().filter(|r| r[0] == "russia").count() - 1
        );
        for row in &mine[1..] {
            let partners: Vec<_> = row[5].split(';').filter(|p| !p.is_empty()).collect();
            assert!(partners.len() <= 2, "{row:?}");
            for partner in partners {
                let (partner, count) = partner.split_once(':').unwrap();
                let edge = graph
                    .edges
                    .iter()
                    .find(|e| {
                        e.kind == COOCCURRENCE
                            && ((e.source == id && e.target == partner)
                                || (e.target == id && e.source == partner))
                    })
                    .unwrap();
                let in_period = edge.periods.iter().find(|(p, _)| *p == row[1]).unwrap();
                assert_eq!(in_period.1.to_string(), count);
            }
        }
    }
}

#[test]
fn timeline_draws_svg_and_png_charts() {
    let dir = tempdir();
    for name in ["chart.svg", "chart.png"] {
        gazegraph()
            .arg("timeline")
            .arg(out("graph.ron"))
            .args(["russia", "vladimir_putin", "--chart"])
            .arg(dir.path().join(name))
            .assert()
            .success();
    }
    let svg = std::fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    let thick = svg.matches(r#"stroke-width="3""#).count();
    assert_eq!(thick, 4, "two lines and their two legend marks");
    assert!(svg.contains("Russia (") && svg.contains("Vladimir Putin ("));
    assert!(svg.contains("Mentions per month"));
    let png = std::fs::read(dir.path().join("chart.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 960);
}

#[test]
fn timeline_of_an_undated_graph_says_how_to_date_it() {
    let dir = tempdir();
    let graph = dir.path().join("graph.ron");
    let built = gazegraph()
        .args(["build", "-", "-q", "-f", "ron"])
        .write_stdin("Vladimir Putin spoke in Moscow about Russia and Libya.\n")
        .output()
        .unwrap();
    assert!(built.status.success());
    std::fs::write(&graph, built.stdout).unwrap();
    let output = gazegraph()
        .arg("timeline")
        .arg(&graph)
        .arg("russia")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no dated document mentions russia"),
        "{stderr}"
    );
    assert!(stderr.contains("--date"), "{stderr}");
}
