#!/usr/bin/env bash
# Builds the fuzz targets, then runs each in turn, up to RUNS executions or SECONDS_EACH seconds
# (0: no limit), whichever comes first, at the lowest priority; logs to fuzz/logs/<target>.log.
# RUNS -1 runs until SECONDS_EACH. Fails, showing the log's end, if any target found a crash
# (saved in fuzz/artifacts/<target>/).
# Seed first with `python3 fuzz/seed.py`. Usage: fuzz/run.sh [RUNS] [SECONDS_EACH] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
runs=${1:-10000000}
seconds=${2:-0}
shift 2 2>/dev/null || shift $#
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(annotate relations segment gazetteer graph_ron jsonl csv)
RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -O || exit 1
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
mkdir -p logs
failed=0
for target in "${targets[@]}"; do
  case $target in
    graph_ron) max_len=12288 ;;
    *) max_len=4096 ;;
  esac
  mkdir -p "corpus/$target" "artifacts/$target"
  start=$(date +%s)
  nice -n 19 "$bin/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
    -runs="$runs" -max_len=$max_len -max_total_time="$seconds" -print_final_stats=1 \
    >"logs/$target.log" 2>&1
  status=$?
  echo "$target exit=$status seconds=$(( $(date +%s) - start ))" >>logs/summary.txt
  if [ $status -ne 0 ]; then
    failed=1
    tail -n 30 "logs/$target.log" >&2
  fi
done
exit $failed
