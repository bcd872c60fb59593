"""Checks that field offsets slice the records a notebook reads, as Python slices them.

Usage: check_offsets.py --inputs FILE... --mentions M.jsonl --relations R.jsonl --graph G.json

The inputs are read the way a notebook would (json, csv, open with newline=""), keyed by the
document ids gazegraph gives them (the `id` field, else `<path>#<line>` or `<path>#<row>`, and
a text file's path). Every mention, relation span and evidence span must satisfy
`record[field][char_start:char_end] == surface`, and the byte offsets into the field's UTF-8
must give the same surface. Prints how many spans were checked; exits 1 on the first mismatch.
"""

import argparse
import csv
import json
import sys


def read_records(paths):
    records = {}
    for path in paths:
        if path.endswith(".jsonl"):
            with open(path, encoding="utf-8", newline="") as f:
                for line, text in enumerate(f, start=1):
                    if text.strip():
                        record = json.loads(text)
                        records[str(record.get("id") or f"{path}#{line}")] = record
        elif path.endswith(".csv"):
            with open(path, encoding="utf-8-sig", newline="") as f:
                for row, record in enumerate(csv.DictReader(f), start=1):
                    records[record.get("id") or f"{path}#{row}"] = record
        else:
            with open(path, encoding="utf-8", newline="") as f:
                records[path] = {"text": f.read()}
    return records


def document_text(record):
    """The text gazegraph matched: the trimmed title, a blank line, and the body."""
    title = (record.get("title") or "").strip()
    body = record.get("text") or ""
    if title and body.strip():
        return f"{title}\n\n{body}"
    return title or body


checked = 0


def check(record, field, span, surface, what):
    global checked
    value = record[field]
    by_chars = value[span["char_start"]:span["char_end"]]
    by_bytes = value.encode()[span["field_start"]:span["field_end"]].decode()
    if by_chars != surface or by_bytes != surface:
        sys.exit(f"{what}: {field}[{span}] gives {by_chars!r} / {by_bytes!r}, not {surface!r}")
    checked += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", nargs="+", required=True)
    parser.add_argument("--mentions", required=True)
    parser.add_argument("--relations", required=True)
    parser.add_argument("--graph", required=True)
    args = parser.parse_args()
    records = read_records(args.inputs)

    with open(args.mentions, encoding="utf-8") as f:
        for row in map(json.loads, f):
            check(records[row["document"]], row["field"], row, row["text"], f"mention {row}")

    with open(args.relations, encoding="utf-8") as f:
        for row in map(json.loads, f):
            for part in ("subject", "object", "cue"):
                span = {
                    key: row[f"{part}_{key}"]
                    for key in ("field_start", "field_end", "char_start", "char_end")
                }
                check(records[row["document"]], row["field"], span, row[f"{part}_text"],
                      f"relation {row}")

    with open(args.graph, encoding="utf-8") as f:
        graph = json.load(f)
    for edge in graph["edges"]:
        for evidence in edge.get("evidence", []):
            record = records[evidence["document"]]
            text = document_text(record).encode()
            for name in ("source_span", "target_span", "cue_span"):
                span = evidence[name]
                if name == "cue_span" and not evidence["rule"]:
                    continue
                surface = text[span["start"]:span["end"]].decode()
                check(record, span["field"], span, surface, f"evidence {evidence}")

    if checked == 0:
        sys.exit("no span checked")
    print(f"{checked} spans checked")


if __name__ == "__main__":
    main()
