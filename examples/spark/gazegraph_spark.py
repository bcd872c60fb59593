#!/usr/bin/env python3
"""gazegraph on Apache Spark: the graph of a corpus too large for one machine.

The corpus is read as Spark partitions; every partition is piped through the gazegraph
binary into a partial graph; the partial graphs are added up by a tree of `gazegraph merge`
runs (exact, associative and commutative: document order does not matter, because evidence
keeps the smallest items in document order and every count is a sum); analytics and the
exports run once, at the end, on the driver. The output is byte-identical to
`gazegraph build INPUT... -o OUT_DIR` run in the same directory (counts.tsv aside).

    spark-submit --master local[2] examples/spark/gazegraph_spark.py seeds -o out
    spark-submit --master yarn --files target/release/gazegraph \\
        examples/spark/gazegraph_spark.py hdfs:///corpus -o out --partitions 2000

Inputs are files or directories (read recursively, hidden names skipped), local paths or
any Hadoop file system URI. JSONL files (`.jsonl`, `.ndjson`, optionally `.gz`) are split by
line into as many partitions as Spark likes, each record keeping the id `<path>#<line>`
that `build` gives it; CSV and text files are read whole, several to a partition. Document
ids are the paths as typed, so a relative path gives the ids of a local `build`; a leading
`/` and a URI's `scheme://` are dropped (a CSV or text file is named by where it is staged).

The binary is the one shipped with `spark-submit --files .../gazegraph`, else `--binary`,
else `gazegraph` on the executors' PATH.
"""

import argparse
import itertools
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

# The JSON key that carries a record's id into the binary (`--id-field`): no corpus uses it.
ID_KEY = "__gazegraph_spark_id__"
# What `build` reads as JSONL (by extension, a trailing `.gz` looked through).
JSONL_EXTENSIONS = (".jsonl", ".ndjson")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Build a gazegraph graph with Spark: partial graphs per partition, a tree of merges, exports once."
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or Hadoop URIs")
    parser.add_argument("-o", "--output", required=True, metavar="OUT_DIR",
                        help="local directory (on the driver) for graph.ron and every export")
    parser.add_argument("--partitions", type=int, default=0, metavar="N",
                        help="partitions to read the corpus in (default: Spark's default parallelism)")
    parser.add_argument("--fan-in", type=int, default=8, metavar="K",
                        help="partial graphs added up by one merge (default 8)")
    parser.add_argument("--master", metavar="URL",
                        help="Spark master when run with python3 (local[2], say); spark-submit's own --master otherwise")
    parser.add_argument("--binary", default="gazegraph", metavar="PATH",
                        help="the gazegraph binary when none is shipped with --files (default: on PATH)")
    parser.add_argument("--build-args", default="", metavar="ARGS",
                        help="options for every partial build: --window, --evidence, --weight, "
                             "--relations, --text-field, ... (gazetteer files shipped with --files)")
    parser.add_argument("--export-args", default="", metavar="ARGS",
                        help="filters for the exports: --min-count 2 --kinds person, ...")
    return parser.parse_args(argv)


# ----------------------------------------------------------------------------------------
# Naming documents as `build` does

def document_name(typed, relative=""):
    """The id `build` gives a file: the path as typed, normalised (no `./`, no doubled or
    trailing slash), then the file's path below it; a scheme or leading `/` is dropped."""
    path = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:/*", "", typed).lstrip("/")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if relative:
        parts += relative.split("/")
    return "/".join(parts)


def list_files(spark, inputs):
    """(qualified URI, document name, size) of every file under `inputs`, each file once
    (under its shortest name, as `build` does), hidden files and directories skipped."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    files = {}
    for typed in inputs:
        path = jvm.org.apache.hadoop.fs.Path(typed)
        fs = path.getFileSystem(conf)
        root = fs.makeQualified(path)
        if not fs.exists(root):
            raise SystemExit(f"error: {typed}: no such file or directory")
        statuses = fs.listFiles(root, True)
        root_uri = root.toString().rstrip("/")
        while statuses.hasNext():
            status = statuses.next()
            uri = status.getPath().toString()
            relative = uri[len(root_uri):].lstrip("/")
            if any(part.startswith(".") for part in relative.split("/") if part):
                continue
            name = document_name(typed, relative)
            rank = (name.count("/"), name)
            if uri not in files or rank < files[uri][0]:
                files[uri] = (rank, name, status.getLen())
    return [(uri, name, size) for uri, (_, name, size) in sorted(files.items())]


def is_jsonl(name):
    lower = name.lower()
    lower = lower[:-3] if lower.endswith(".gz") else lower
    return lower.endswith(JSONL_EXTENSIONS)


def with_id(line, doc_id):
    """A JSONL line with its record id added as the first key, the rest untouched: the
    binary parses it as `build` would. A line that is no JSON object stays as it is and is
    skipped as `build` skips it."""
    stripped = line.lstrip(b" \t\r\n")
    if not stripped.startswith(b"{"):
        return line
    rest = stripped[1:]
    key = json.dumps(ID_KEY).encode() + b":" + json.dumps(doc_id, ensure_ascii=False).encode()
    separator = b"" if rest.lstrip(b" \t\r\n").startswith(b"}") else b","
    return b"{" + key + separator + rest


def jsonl_records(spark, uri, name, partitions):
    """A JSONL file as an RDD of lines carrying `<name>#<line>` ids (blank lines are no
    records, but count as lines, as in `build`)."""
    lines = spark.sparkContext.textFile(uri, max(partitions, 1), use_unicode=False)

    def name_line(item):
        line, index = item
        if index == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip(b" \t\n\r\x0c"):
            return []
        return [with_id(line, f"{name}#{index + 1}")]

    return lines.zipWithIndex().flatMap(name_line)


# ----------------------------------------------------------------------------------------
# Running the binary on executors

def binary(default):
    """The gazegraph binary: shipped with --files, else `default` (a path or a name on PATH)."""
    from pyspark import SparkFiles

    try:
        shipped = SparkFiles.get("gazegraph")
    except Exception:  # no SparkContext files directory
        shipped = None
    if shipped and os.path.isfile(shipped):
        os.chmod(shipped, 0o755)
        return shipped
    found = shutil.which(default)
    if found is None:
        raise RuntimeError(f"gazegraph binary `{default}` not found: ship it with --files or put it on PATH")
    return os.path.abspath(found)  # builds run in a staging directory


def run(command, chunks=(), cwd=None, success=(0,)):
    """Runs the binary with `chunks` streamed to its stdin (never held whole): its stdout, or
    an error carrying its stderr when its exit status is not in `success`. gazegraph writes
    its graph only once stdin has ended."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=errors, cwd=cwd)
        try:
            for chunk in chunks:
                process.stdin.write(chunk)
            process.stdin.close()
        except BrokenPipeError:
            pass  # it failed early: its stderr says why
        out = process.stdout.read()
        if process.wait() not in success:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            raise RuntimeError(f"{shlex.join(command)} failed ({process.returncode}): {message}")
        return out


# A partition whose documents were all skipped exits 3 (nothing read) and still writes its
# empty graph, which carries the skip count into the merge.
PARTIAL = (0, 3)


def build_records(exe, build_args):
    """A partition of JSONL lines (ids added) to one partial graph (RON)."""

    def build(lines):
        lines = iter(lines)
        first = next(lines, None)
        if first is None:
            return []  # an empty stdin would count as one skipped input
        chunks = (line + b"\n" for line in itertools.chain([first], lines))
        command = [binary(exe), "build", "-", "--input-format", "jsonl", "--id-field", ID_KEY,
                   "-f", "ron", "-q", "-j", "1", *build_args]
        return [run(command, chunks, success=PARTIAL)]

    return build


def build_files(exe, build_args):
    """A partition of whole files (name, bytes) to one partial graph (RON): each is staged
    under its document name and `build` reads them as it would read the originals."""

    def build(files):
        with tempfile.TemporaryDirectory(prefix="gazegraph-") as stage:
            names = []
            for name, content in files:
                path = os.path.join(stage, *name.split("/"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as out:
                    out.write(content)
                names.append(name)
            if not names:
                return []
            command = [binary(exe), "build", *names, "-f", "ron", "-q", "-j", "1", *build_args]
            return [run(command, cwd=stage, success=PARTIAL)]

    return build


def merge_partials(exe):
    """Partial graphs (RON) of one partition to their sum."""

    def merge(partials):
        with tempfile.TemporaryDirectory(prefix="gazegraph-") as stage:
            paths = []
            for i, ron in enumerate(partials):
                path = os.path.join(stage, f"{i}.ron")
                with open(path, "wb") as out:
                    out.write(ron)
                paths.append(path)
            if len(paths) <= 1:
                return [open(p, "rb").read() for p in paths]
            return [run([binary(exe), "merge", *paths])]

    return merge


# ----------------------------------------------------------------------------------------
# The job

def partial_graphs(spark, args):
    """Every partition of the corpus as a partial graph."""
    sc = spark.sparkContext
    partitions = args.partitions or sc.defaultParallelism
    build_args = shlex.split(args.build_args)
    files = list_files(spark, args.inputs)
    # An empty JSONL file is read whole, so that it is counted as skipped, as `build` does.
    jsonl = [(uri, name, size) for uri, name, size in files if is_jsonl(name) and size > 0]
    whole = [(uri, name, size) for uri, name, size in files if not (is_jsonl(name) and size > 0)]
    parts = []
    if jsonl:
        total = sum(size for _, _, size in jsonl) or 1
        records = sc.union([
            jsonl_records(spark, uri, name, math.ceil(partitions * size / total))
            for uri, name, size in jsonl
        ])
        parts.append(records.mapPartitions(build_records(args.binary, build_args)))
    if whole:
        names = dict((uri, name) for uri, name, _ in whole)
        slices = min(partitions, len(whole))
        contents = sc.binaryFiles(",".join(names), slices)
        if contents.getNumPartitions() < slices:
            # Small files are packed into few splits: deal them out (repartition would keep
            # a batch of Python objects together).
            contents = (contents.zipWithIndex().map(lambda item: (item[1], item[0]))
                        .partitionBy(slices, lambda index: index).values())
        contents = contents.map(lambda item: (names[item[0]], item[1]))
        parts.append(contents.mapPartitions(build_files(args.binary, build_args)))
    if not parts:
        raise SystemExit("error: no input files")
    return sc.union(parts)


def merge_tree(partials, exe, fan_in):
    """Adds up partial graphs by merges of `fan_in` at a time, level by level, until one is
    left. Merge is exact, associative and commutative, so the tree's shape does not matter."""
    partials = partials.cache()
    count = partials.count()
    if count == 0:
        raise SystemExit("error: the inputs hold no document")
    print(f"gazegraph-spark: {count} partial graphs from {partials.getNumPartitions()} partitions",
          file=sys.stderr)
    levels = 0
    while count > 1:
        groups = math.ceil(count / fan_in)
        merged = partials.coalesce(groups).mapPartitions(merge_partials(exe)).cache()
        count = merged.count()
        partials.unpersist()
        partials = merged
        levels += 1
    print(f"gazegraph-spark: merged in {levels} levels of at most {fan_in}", file=sys.stderr)
    return partials.collect()[0]


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    from pyspark.sql import SparkSession

    # Progress bars would garble the counts printed on stderr.
    builder = SparkSession.builder.appName("gazegraph").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        graph = merge_tree(partial_graphs(spark, args), args.binary, max(args.fan_in, 2))
    finally:
        spark.stop()
    # The last merge ran analytics on the whole graph; the exports need nothing else.
    exe = os.path.abspath(shutil.which(args.binary) or args.binary)
    os.makedirs(args.output, exist_ok=True)
    merged = os.path.join(args.output, "graph.ron")
    with tempfile.NamedTemporaryFile(dir=args.output, prefix=".graph-", suffix=".ron", delete=False) as out:
        out.write(graph)
    os.replace(out.name, merged)
    export_args = shlex.split(args.export_args)
    for format, file_name in [("dot", "graph.dot"), ("json", "graph.json"), ("graphml", "graph.graphml"),
                              ("nodes-csv", "nodes.csv"), ("edges-csv", "edges.csv"), ("ron", "graph.ron")]:
        run([exe, "export", merged, "-f", format, "-o", os.path.join(args.output, file_name), *export_args])


if __name__ == "__main__":
    main()
