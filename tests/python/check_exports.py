"""Load gazegraph's JSON and GraphML exports with networkx and describe what it read.

Usage: check_exports.py GRAPH.json GRAPH.graphml

Prints one JSON object on stdout:
  {"networkx": version,
   "json": {...}, "json_edges_key": {...} (networkx >= 3.4 only), "graphml": {...}}
where each graph is described as {"directed", "multigraph", "graph", "nodes", "edges"}:
nodes map id -> attributes, edges is a list of [source, target, key, attributes] sorted.
Exits non-zero (with a message on stderr) if networkx cannot be imported or a file cannot
be loaded: the Rust test that runs this script then fails.
"""

import json
import sys
import warnings

try:
    import networkx as nx
except ImportError as e:  # pragma: no cover - reported by the Rust test
    sys.exit(f"networkx is required for tests/exports.rs (pip install networkx): {e}")


def describe(g):
    if g.is_multigraph():
        edges = [[u, v, k, d] for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        # read_graphml returns a simple graph when no pair has parallel edges; the kind is
        # then the only key.
        edges = [[u, v, d.get("key"), d] for u, v, d in g.edges(data=True)]
    edges.sort(key=lambda e: (e[0], e[1], str(e[2])))
    graph = {k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default")}
    return {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "graph": graph,
        "nodes": {n: d for n, d in g.nodes(data=True)},
        "edges": edges,
    }


def version_tuple():
    return tuple(int(p) for p in nx.__version__.split(".")[:2] if p.isdigit())


def main():
    json_path, graphml_path = sys.argv[1:3]
    with open(json_path, encoding="utf-8") as f:
        data = json.load(f)
    out = {"networkx": nx.__version__}
    with warnings.catch_warnings():
        # networkx 3.4 and 3.5 warn that the default edge key will change; both keys are
        # in the file, so either default works.
        warnings.simplefilter("ignore", FutureWarning)
        out["json"] = describe(nx.node_link_graph(data))
    if version_tuple() >= (3, 4):
        out["json_edges_key"] = {
            key: describe(nx.node_link_graph(data, edges=key)) for key in ("edges", "links")
        }
    out["graphml"] = describe(nx.read_graphml(graphml_path))
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
