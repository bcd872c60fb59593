#!/usr/bin/env python3
"""Builds the fuzz corpora in fuzz/corpus/<target>/ from seeds/, the shipped gazetteers and a
small graph: small files, each within the -max_len of fuzz/README.md.

Usage: python3 fuzz/seed.py [GAZEGRAPH]  (the binary that builds the graph seeds; default
target/debug/gazegraph, built by `cargo build` when missing)."""

import csv
import io
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"

# Inputs that once crashed gazegraph (issue 11), kept as seeds.
REGRESSIONS = ["Aleppo, Syria, is a city in the nort\u2019s"]


def write(target, name, data):
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (directory / name).write_bytes(data)


def paragraphs():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for i, paragraph in enumerate(re.split(r"\n\s*\n", text)):
            if paragraph.strip():
                yield f"{path.stem}_{i}", paragraph.strip()


def main():
    binary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/debug/gazegraph")
    items = list(paragraphs()) + [(f"regression_{i}", t) for i, t in enumerate(REGRESSIONS)]
    for name, text in items:
        for target in ("annotate", "relations", "segment"):
            write(target, name, text)
    # Records of three paragraphs each: the first line is the title.
    for n in range(0, len(items), 3):
        records = [
            {"id": name, "title": text.split("\n")[0][:120], "text": text, "date": "2019-04-05"}
            for name, text in items[n : n + 3]
        ]
        write("jsonl", f"records_{n}", "".join(json.dumps(r) + "\n" for r in records))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "title", "text", "date"])
        writer.writeheader()
        writer.writerows(records)
        write("csv", f"records_{n}", out.getvalue())
    # Gazetteers: the first entities of each shipped file, closed as a file of their own.
    for path in sorted((ROOT / "gazetteers").glob("*.ron")):
        if path.name in ("relations.ron", "world-places.ron"):
            continue
        text = path.read_text(encoding="utf-8")
        ends = [m.end() for m in re.finditer(r"\n        \),\n", text)]
        for k in (1, 3, 8):
            if len(ends) >= k:
                write("gazetteer", f"{path.stem}_{k}", text[: ends[k - 1]] + "    ],\n)\n")
    # Graphs: built from the shortest seeds, in RON.
    if not binary.exists():
        subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)
    for path in sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)[:2]:
        for top in ("2", "4"):
            graph = subprocess.run(
                [binary, "build", "-q", "-f", "ron", "--top", top, "--evidence", "1", path],
                cwd=ROOT, check=True, capture_output=True,
            ).stdout
            write("graph_ron", f"{path.stem}_top{top}", graph)


if __name__ == "__main__":
    main()
