#!/bin/sh
# Runs the input-file benchmark (a generated 1 GiB PDB by default; give a size in bytes) with a 64 MB heap against
# the template bundle's jar and the built product's plugins (build first). Results: see docs/BENCHMARKS.md.
# Usage: benchmarks/template/run-inputs.sh [BYTES] [PRODUCT_DIR]
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/select-jdk.sh
bytes=${1:-1073741824}
product=${2:-releng/org.namdrunner.product/target/products/org.namdrunner.product/linux/gtk/x86_64}
if [ ! -d "$product/plugins" ]; then
  echo "run-inputs.sh: no built product at $product (run ./mvnw -B verify first)" >&2
  exit 2
fi
exec "$JAVA_HOME/bin/java" -Xmx64m -cp "$product/plugins/*" benchmarks/template/InputsBenchmark.java "$bytes"
