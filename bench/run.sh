#!/usr/bin/env bash
# Builds the release server and the benchmark, runs the benchmark and keeps its report in
# target/bench/results.md. Arguments go to the benchmark, e.g.
#   bench/run.sh --actors 100000 --duration 20s --concurrency 32
#   bench/run.sh --database-url postgres://postgres@127.0.0.1:5432/postgres
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin kumppani --example bench
mkdir -p target/bench
target/release/examples/bench --server target/release/kumppani "$@" | tee target/bench/results.md
