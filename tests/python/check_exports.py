"""Load gazegraph's JSON and GraphML exports with networkx and describe what it read.

Usage: check_exports.py GRAPH.json GRAPH.graphml

Prints one JSON object on stdout:
  {"networkx": version, "json_call": how the JSON was read, "json": {...}, "graphml": {...}}
where each graph is described as {"directed", "multigraph", "graph", "nodes", "edges"}:
nodes map id -> attributes, edges is a list of [source, target, key, attributes] sorted.
Exits non-zero (with a message on stderr) if networkx cannot be imported or a file cannot
be loaded: the Rust test that runs this script then fails.
"""

import json
import sys

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


def read_node_link(data):
    """The JSON export as networkx reads it, and the call used. The edge list is "edges":
    the default from networkx 3.6; 3.4 and 3.5 default to "links" and must be told, and
    older versions call the argument `link`."""
    version = version_tuple()
    if version >= (3, 6):
        return nx.node_link_graph(data), "node_link_graph(data)"
    if version >= (3, 4):
        return nx.node_link_graph(data, edges="edges"), 'node_link_graph(data, edges="edges")'
    return nx.node_link_graph(data, link="edges"), 'node_link_graph(data, link="edges")'


def main():
    json_path, graphml_path = sys.argv[1:3]
    with open(json_path, encoding="utf-8") as f:
        data = json.load(f)
    graph, call = read_node_link(data)
    out = {"networkx": nx.__version__, "json_call": call, "json": describe(graph)}
    out["graphml"] = describe(nx.read_graphml(graphml_path))
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
