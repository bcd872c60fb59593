//! The Russia–Haftar–Wagner story as a picture: the seeds' co-occurrence network cut down to
//! Khalifa Haftar and the entities that share a sentence with him.
//!
//! ```text
//! cargo run --release --example ego_network -- [OUT_DIR]    # default: target/ego
//! ```
//!
//! Writes `ego.ron` (lossless, for notebooks), `ego.dot` and, when Graphviz is installed,
//! `ego.svg`; prints the size of the network and its strongest edges.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use gazegraph::corpus::Corpus;
use gazegraph::export::{Format, render};
use gazegraph::gazetteer::Gazetteer;
use gazegraph::graph::{Filter, GraphBuilder, Network};

const EGO: &str = "khalifa_haftar";

fn main() -> Result<()> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| manifest.join("target/ego"), PathBuf::from);

    // The shipped gazetteers know Haftar, Wagner, Putin and the places of the story.
    let gazetteer = Gazetteer::builtin()?;

    // Count which entities share a sentence, over every seed article.
    let corpus = Corpus::open(&[manifest.join("seeds")], Default::default())?;
    let complete = GraphBuilder::new(&gazetteer).build(&corpus)?.document;

    // Haftar and his direct neighbours; edges among the neighbours stay, which is what shows
    // how Moscow, Wagner and the Libyan places hang together.
    let filter = Filter {
        ego: Some((EGO.into(), 1)),
        min_count: 1,
        ..Default::default()
    };
    let mut network = Network::from_document(complete)?.filter(&filter)?;
    // Centrality computed on the ego network itself, not on the whole corpus.
    network.analyse();
    let document = network.into_document();

    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let dot_source = Format::Dot.render(&document);
    let write = |name: &str, contents: &str| {
        let path = out_dir.join(name);
        std::fs::write(&path, contents).with_context(|| format!("cannot write {}", path.display()))
    };
    write("ego.ron", &Format::Ron.render(&document))?;
    write("ego.dot", &dot_source)?;

    println!(
        "ego network of {EGO}: {} entities, {} edges",
        document.nodes.len(),
        document.edges.len()
    );
    // A stable sort: equally strong edges stay in the document's (source, target) order.
    let mut strongest: Vec<_> = document.edges.iter().collect();
    strongest.sort_by_key(|e| std::cmp::Reverse(e.count));
    println!("strongest edges (sentences shared):");
    for edge in strongest.iter().take(5) {
        println!("  {:>3}  {} – {}", edge.count, edge.source, edge.target);
    }

    // The picture is a bonus: without Graphviz the DOT file can still be drawn elsewhere.
    let svg = out_dir.join("ego.svg");
    match render::render(&dot_source, "svg", &svg, &render::Options::default()) {
        Ok(warnings) => {
            for warning in warnings {
                eprintln!("graphviz: {warning}");
            }
            println!(
                "wrote ego.ron, ego.dot and ego.svg to {}",
                out_dir.display()
            );
        }
        Err(e) => {
            eprintln!("not drawing {}: {e}", svg.display());
            println!("wrote ego.ron and ego.dot to {}", out_dir.display());
        }
    }
    Ok(())
}
