#!/usr/bin/env bash
# Value network map benchmark (issue #4): our layout, SVG, PNG and PDF against Graphviz's
# `neato` and `dot` on the same graph. Keeps its report in target/bench/map.md. Arguments go to
# the benchmark, e.g.
#   bench/map.sh --runs 100 --graphviz-runs 10
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in neato dot; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench/map.sh: Graphviz's \`$tool\` is missing; install it with \`apt-get install graphviz\`" >&2
    exit 1
  fi
done
cargo build --release -p kumppani-render --example map_layout
mkdir -p target/bench
target/release/examples/map_layout --out target/bench "$@"
