#!/usr/bin/env bash
# Live workshop benchmark (issue #4): 200 phones on one workshop, each posting a note every 5 s
# for a minute, every note timed from sending to arrival on every other live stream. Keeps its
# report in target/bench/live.md. Arguments go to the benchmark, e.g.
#   bench/live.sh --database-url postgres://postgres@127.0.0.1:5432/postgres
#   bench/live.sh --participants 300 --interval 3s
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin kumppani --example workshop_live
mkdir -p target/bench
target/release/examples/workshop_live --server target/release/kumppani "$@" | tee target/bench/live.md
