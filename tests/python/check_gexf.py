"""Reads a GEXF export as Gephi's users' tools do and prints what it found, as JSON.

usage: check_gexf.py GRAPH.gexf SCHEMA.rng

Validates the file against the RELAX NG grammar (and checks that a copy with an edge type
GEXF does not know is rejected, so the grammar is known to bite), then loads it with
networkx's read_gexf.
"""

import json
import sys

import networkx as nx
from lxml import etree

path, schema = sys.argv[1], sys.argv[2]
grammar = etree.RelaxNG(etree.parse(schema))
tree = etree.parse(path)
valid = grammar.validate(tree)
errors = [str(e) for e in grammar.error_log][:5]
broken = etree.fromstring(etree.tostring(tree))
edge = broken.find(".//{http://gexf.net/1.3}edge")
if edge is not None:
    edge.set("type", "sideways")
rejects_broken = edge is not None and not grammar.validate(etree.ElementTree(broken))

G = nx.read_gexf(path)
nodes = {}
for node, data in G.nodes(data=True):
    nodes[node] = {
        "mentions": data.get("mentions"),
        "first_seen": data.get("first_seen"),
        "last_seen": data.get("last_seen"),
        "period_sum": sum(v for v, _, _ in data.get("period_mentions", [])),
        "spells": [list(s) for s in data.get("spells", [])],
    }
cooccurrence = [
    (u, v) for u, v, d in G.edges(data=True) if d.get("kind") == "cooccurrence"
]
print(
    json.dumps(
        {
            "valid": valid,
            "errors": errors,
            "rejects_broken": rejects_broken,
            "mode": G.graph.get("mode"),
            "directed": G.is_directed(),
            "nodes": nodes,
            "edges": G.number_of_edges(),
            "cooccurrence_arcs": len(cooccurrence),
            "cooccurrence_symmetric": all(G.has_edge(v, u) for u, v in cooccurrence),
        }
    )
)
