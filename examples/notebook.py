#!/usr/bin/env python3
"""A gazegraph network in Python, the way a notebook would use it.

Usage:
    gazegraph build seeds -o out
    python3 examples/notebook.py out            # explore out/graph.ron
    python3 examples/notebook.py out --check    # ... and check graph.json, graph.dot agree

Loads OUT_DIR/graph.ron with pyron (package python-ron), builds a networkx MultiDiGraph and
pandas tables of nodes and edges, and prints the most central entities and the evidence for
the Haftar–Wagner link. With --check it also loads OUT_DIR/graph.json (networkx node-link)
and OUT_DIR/graph.dot and exits with status 1, listing the differences on stderr, unless all
three exports describe the same graph.

The last line of stdout is always a JSON summary:
    {"nodes": N, "edges": M, "checked": {...}, "mismatches": K}
where "checked" names what was compared (empty without --check).

Needs: pip install python-ron networkx pandas
"""

import argparse
import json
import re
import sys
from pathlib import Path

try:
    import networkx as nx
    import pandas as pd
    import pyron
except ImportError as e:
    sys.exit(
        f"examples/notebook.py needs pyron, networkx and pandas "
        f"(pip install python-ron networkx pandas): {e}"
    )

HAFTAR, WAGNER = "khalifa_haftar", "wagner_group"
# Fields of the document that describe the graph as a whole (the JSON export's "graph"),
# the document table (each document's id, date and the date's source) among them.
HEADER = ("format", "version", "tool", "gazetteer", "options", "corpus", "documents")


# --- Cell 1: load ----------------------------------------------------------------------

def load(out_dir):
    path = out_dir / "graph.ron"
    # Kinds and relation types are plain strings in the RON file, so pyron's default
    # options give back ordinary dicts, lists, strings, ints and floats.
    try:
        doc = pyron.load(str(path))
    except (OSError, ValueError) as e:
        sys.exit(f"cannot load {path} (write it with `gazegraph build INPUT -o {out_dir}`): {e}")
    if not isinstance(doc, dict) or doc.get("format") != "gazegraph-graph":
        sys.exit(f"{path} is not a gazegraph graph")
    return doc


def to_networkx(doc):
    # A pair can have a co-occurrence edge and relation edges, so a multigraph keyed by
    # kind, as in the JSON export. Co-occurrence edges run from the smaller id to the larger
    # (the JSON export adds the mirror arc; this reads the RON records as they are).
    g = nx.MultiDiGraph(**{k: doc[k] for k in HEADER})
    for node in doc["nodes"]:
        g.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in doc["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        g.add_edge(edge["source"], edge["target"], key=edge["kind"], **attrs)
    return g


def to_tables(doc):
    # Columns come from the records; an empty graph still gets the ones used below.
    nodes = table(doc["nodes"], ["id", "name", "kind", "mentions", "pagerank", "community"])
    edges = table(doc["edges"], ["source", "target", "kind", "count", "documents", "npmi", "evidence"])
    edges["sentences"] = edges["evidence"].map(len)
    return nodes.set_index("id"), edges


def table(records, empty_columns):
    return pd.DataFrame(records) if records else pd.DataFrame(columns=empty_columns)


# --- Cell 2: explore -------------------------------------------------------------------

def explore(doc, g, nodes, edges):
    pd.set_option("display.width", 120)
    corpus = doc["corpus"]
    print(
        f"{g.number_of_nodes()} entities, {g.number_of_edges()} edges from "
        f"{corpus['documents']} documents, window {doc['options']['window']}"
    )
    if nodes.empty:
        return

    print("\nTop entities by PageRank:")
    top = nodes.nlargest(10, "pagerank")[["name", "kind", "mentions", "pagerank", "community"]]
    print(top.to_string())

    if not edges.empty:
        print("\nStrongest edges:")
        strongest = edges.sort_values("count", ascending=False, kind="stable").head(5)
        print(strongest[["source", "target", "kind", "count", "documents", "npmi"]].to_string(index=False))

    # Co-occurrence edges are undirected; look the pair up both ways round.
    link = g.get_edge_data(HAFTAR, WAGNER) or g.get_edge_data(WAGNER, HAFTAR)
    if not link:
        print(f"\nNo {HAFTAR} – {WAGNER} edge in this graph.")
        return
    for kind, edge in sorted(link.items()):
        print(
            f"\n{HAFTAR} – {WAGNER} ({kind}): {edge['count']} sentences in "
            f"{edge['documents']} documents, npmi {edge['npmi']:.3f}"
        )
        for ev in edge["evidence"]:
            print(f"  [{ev['document']} #{ev['sentence']}] {ev['text']}")


# --- Cell 3: check the other exports against the RON document --------------------------

def load_json_export(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    # The edge list is "edges", networkx's default from 3.6; naming it also works in 3.4
    # and 3.5, which default to "links", and older versions call the argument `link`.
    try:
        return nx.node_link_graph(data, edges="edges")
    except TypeError:
        return nx.node_link_graph(data, link="edges")


# DOT lines as gazegraph writes them: `"id"[attrs]` and `"a" -> "b" [attrs]`. Entity ids
# are [a-z0-9_]+, so they never need escaping; legend items are ids starting "legend:".
DOT_NODE = re.compile(r'^\s*"([^"\\]*)"\s*\[', re.M)
DOT_EDGE = re.compile(r'^\s*"([^"\\]*)"\s*->\s*"([^"\\]*)"\s*\[(.*)\]\s*$', re.M)
# The edge tooltip starts "source → target: kind\ncount: N" (a literal backslash-n in DOT).
DOT_TOOLTIP = re.compile(r'tooltip="[^"]*?: ([^"\\]+)\\ncount: (\d+)')


def parse_dot(text):
    """Entity node ids and {(source, target, kind): count} of a gazegraph DOT file."""
    nodes = [n for n in DOT_NODE.findall(text) if not n.startswith("legend:")]
    edges, unreadable = {}, []
    for source, target, attrs in DOT_EDGE.findall(text):
        if source.startswith("legend:"):
            continue
        m = DOT_TOOLTIP.search(attrs)
        if not m:
            unreadable.append(f"{source} -> {target}")
            continue
        key = (source, target, m.group(1))
        edges[key] = edges.get(key, []) + [int(m.group(2))]
    return nodes, edges, unreadable


class Mismatches(list):
    def add(self, what, got, want):
        self.append(f"{what}: {got!r} != {want!r} (graph.ron)")

    def differ(self, what, got, want):
        for name, items in (("missing", want - got), ("not in graph.ron", got - want)):
            if items:
                shown = ", ".join(map(str, sorted(items)[:5]))
                more = f" and {len(items) - 5} more" if len(items) > 5 else ""
                self.append(f"{what} {name}: {shown}{more}")


def check(doc, out_dir):
    bad = Mismatches()
    ron_nodes = {n["id"]: n for n in doc["nodes"]}
    ron_edges = {(e["source"], e["target"], e["kind"]): e for e in doc["edges"]}
    if len(ron_nodes) != len(doc["nodes"]) or len(ron_edges) != len(doc["edges"]):
        bad.append("graph.ron repeats a node id or a (source, target, kind) edge")

    # JSON: every attribute of every node and edge, and the header, must survive.
    g = load_json_export(out_dir / "graph.json")
    header = plain({k: doc[k] for k in HEADER})
    if dict(g.graph) != header:
        bad.add("graph.json header", dict(g.graph), header)
    if g.number_of_nodes() != len(doc["nodes"]):
        bad.add("graph.json number of nodes", g.number_of_nodes(), len(doc["nodes"]))
    bad.differ("graph.json node ids", set(g.nodes), set(ron_nodes))
    # A co-occurrence is two arcs, the record and its mirror (no evidence), so that it reads
    # as symmetric: `g.has_edge(b, a)` holds whenever `g.has_edge(a, b)` does.
    json_edges, mirrors = {}, {}
    for u, v, k, d in g.edges(keys=True, data=True):
        (mirrors if d.get("mirror") else json_edges)[(u, v, k)] = d
    if len(json_edges) != len(doc["edges"]):
        bad.add("graph.json number of edges", len(json_edges), len(doc["edges"]))
    undirected = {(e["target"], e["source"], e["kind"]): e for e in doc["edges"] if not e["directed"]}
    bad.differ("graph.json mirror arcs", set(mirrors), set(undirected))
    for key, mirror in mirrors.items():
        if key in undirected and (mirror["count"], mirror["evidence"]) != (undirected[key]["count"], []):
            bad.add(f"graph.json mirror {key} (count, evidence)", (mirror["count"], mirror["evidence"]),
                    (undirected[key]["count"], []))
    bad.differ("graph.json edges", set(json_edges), set(ron_edges))
    node_fields, edge_fields = set(), set()
    for id_, node in ron_nodes.items():
        if id_ not in g.nodes:
            continue
        want = plain({k: v for k, v in node.items() if k != "id"})
        node_fields |= want.keys()
        compare(bad, f"graph.json node {id_}", g.nodes[id_], want)
    for key, edge in ron_edges.items():
        if key not in json_edges:
            continue
        want = plain({k: v for k, v in edge.items() if k not in ("source", "target")})
        edge_fields |= want.keys()
        got = {k: v for k, v in json_edges[key].items() if k != "mirror"}
        compare(bad, f"graph.json edge {key}", got, want)

    # DOT: the same entities and edges, with the same counts.
    dot_nodes, dot_edges, unreadable = parse_dot((out_dir / "graph.dot").read_text(encoding="utf-8"))
    for edge in unreadable:
        bad.append(f"graph.dot edge {edge}: no `tooltip=\"… : kind\\ncount: N` to read")
    if len(dot_nodes) != len(ron_nodes):
        bad.add("graph.dot number of nodes", len(dot_nodes), len(ron_nodes))
    bad.differ("graph.dot node ids", set(dot_nodes), set(ron_nodes))
    bad.differ("graph.dot edges", set(dot_edges), set(ron_edges))
    for key, counts in sorted(dot_edges.items()):
        if key in ron_edges and counts != [ron_edges[key]["count"]]:
            bad.add(f"graph.dot edge {key} count", counts, [ron_edges[key]["count"]])

    checked = {
        "json": {
            "graph": sorted(HEADER),
            "node": sorted(node_fields),
            "edge": sorted(edge_fields | ({"evidence_length"} if edge_fields else set())),
        },
        "dot": {"node": ["id"], "edge": ["source", "target", "kind", "count"]},
    }
    return checked, bad


def plain(value):
    """RON's tuples (a period and its count) as the lists JSON has."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def compare(bad, what, got, want):
    """Every field equal, exactly: both files hold the same shortest round-trip decimals."""
    for field in sorted(want.keys() | got.keys()):
        if field not in got or field not in want:
            where = "graph.json" if field not in got else "graph.ron"
            bad.append(f"{what}: field {field!r} missing from {where}")
        elif field == "evidence" and len(got[field]) != len(want[field]):
            bad.add(f"{what} evidence length", len(got[field]), len(want[field]))
        elif got[field] != want[field]:
            bad.add(f"{what} {field}", got[field], want[field])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="a directory written by `gazegraph build -o`")
    parser.add_argument("--check", action="store_true", help="check graph.json and graph.dot agree")
    args = parser.parse_args()

    doc = load(args.out_dir)
    g = to_networkx(doc)
    nodes, edges = to_tables(doc)
    explore(doc, g, nodes, edges)

    try:
        checked, bad = check(doc, args.out_dir) if args.check else ({}, [])
    except (OSError, ValueError) as e:
        sys.exit(f"--check: cannot read the other exports: {e}")
    for message in bad[:50]:
        print(f"mismatch: {message}", file=sys.stderr)
    if len(bad) > 50:
        print(f"... and {len(bad) - 50} more mismatches", file=sys.stderr)
    summary = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "checked": checked,
        "mismatches": len(bad),
    }
    print(json.dumps(summary, sort_keys=True))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
