#!/usr/bin/env bash
# Partial graph size and merge time as the number of shards grows (BENCHMARKS.md, "Shards
# and merges"): the ISOT sample repeated 18 times as JSONL (~100 MB), cut into 1, 4, 16 and
# 64 shards by line, each shard built on one thread to a partial graph, the partials merged
# all at once and by a tree of merges of 8 (as examples/spark/gazegraph_spark.py does).
#   examples/spark/shards_bench.sh [BINARY] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-target/release/gazegraph}")
work=${2:-$(mktemp -d)}
mkdir -p "$work"
corpus=$work/isot18.jsonl
if [ ! -s "$corpus" ]; then
  python3 - "$corpus" <<'PY'
import csv, json, sys
rows = []
for name in ("True_sample.csv", "Fake_sample.csv"):
    with open(f"../shared/data/isot-sample/{name}", newline="", encoding="utf-8") as f:
        rows += [{"title": r["title"], "text": r["text"], "date": r["date"]} for r in csv.DictReader(f)]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for _ in range(18):
        for row in rows:
            out.write(json.dumps(row) + "\n")
PY
fi
seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1; }
printf 'shards\tcorpus MB\tbuild CPU s (sum)\tpartial KB (mean)\tpartials MB (sum)\tmerge all s\ttree of 8 s\tmerged MB\n'
for n in 1 4 16 64; do
  dir=$work/shards-$n
  rm -rf "$dir" && mkdir -p "$dir"
  split -n "l/$n" -d -a 3 --additional-suffix=.jsonl "$corpus" "$dir/shard-"
  cpu=0
  for shard in "$dir"/shard-*.jsonl; do
    t=$(/usr/bin/time -f "%U %S" "$bin" build "$shard" -f ron -q -j 1 2>&1 >"${shard%.jsonl}.ron" | tail -1)
    cpu=$(echo "$cpu + ${t% *} + ${t#* }" | bc)
  done
  partials=("$dir"/shard-*.ron)
  sum=$(cat "${partials[@]}" | wc -c)
  all=$(seconds "$bin" merge "${partials[@]}" -o "$dir/merged.ron")
  # The tree: merges of 8 level by level, timed as the sum of its merges (one executor).
  level=("${partials[@]}") tree=0 depth=0
  while [ ${#level[@]} -gt 1 ]; do
    next=() depth=$((depth + 1))
    for ((i = 0; i < ${#level[@]}; i += 8)); do
      out=$dir/tree-$depth-$i.ron
      tree=$(echo "$tree + $(seconds "$bin" merge "${level[@]:i:8}" -o "$out")" | bc)
      next+=("$out")
    done
    level=("${next[@]}")
  done
  [ $n -eq 1 ] || cmp -s "$dir/merged.ron" "${level[0]}" || { echo "tree and flat merge differ" >&2; exit 1; }
  printf '%s\t%.1f\t%s\t%d\t%.1f\t%s\t%s\t%.1f\n' "$n" "$(echo "$(wc -c <"$corpus") / 1000000" | bc -l)" \
    "$cpu" $((sum / n / 1000)) "$(echo "$sum / 1000000" | bc -l)" "$all" "$tree" \
    "$(echo "$(wc -c <"$dir/merged.ron") / 1000000" | bc -l)"
done
