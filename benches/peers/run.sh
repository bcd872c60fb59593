#!/usr/bin/env bash
# gazegraph against Python dictionary matchers (flashtext, pyahocorasick, spaCy) on the ISOT
# sample repeated to 100 MB, with the same aliases; plus gazegraph's memory and scaling.
#
#   benches/peers/run.sh [--runs N] [--target-mb MB] [--spacy-passes N] > peers.md
#
# Needs ../shared/data (isot-sample, geonames), python3 with venv, /usr/bin/time and network
# access for pip on the first run. Environment:
#   GAZEGRAPH_DATA  data folder (default: <repo>/../shared/data)
#   PEERS_VENV      virtualenv for the peers (default: ~/.cache/gazegraph-peers-venv)
#   PEERS_WORK      folder for the corpora (~300 MB; default: a temporary folder, removed)
# Takes about 10 minutes on 2 cores.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${GAZEGRAPH_DATA:-$root/../shared/data}
venv=${PEERS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gazegraph-peers-venv}

for need in "$data/isot-sample" "$data/geonames/cities15000.json" /usr/bin/time; do
    [[ -e $need ]] || { echo "missing: $need" >&2; exit 2; }
done

if [[ -n ${PEERS_WORK:-} ]]; then
    work=$PEERS_WORK
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/gazegraph-peers.XXXXXX")
    trap 'rm -rf -- "$work"' EXIT
fi

cargo build --release --quiet --manifest-path "$root/Cargo.toml"

if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    flashtext==2.7 pyahocorasick==2.3.1 spacy==3.8.18 >&2

"$venv/bin/python" "$here/peers.py" \
    --gazegraph "$root/target/release/gazegraph" --data "$data" --work "$work" "$@"
