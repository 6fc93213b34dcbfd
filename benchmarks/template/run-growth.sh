#!/bin/sh
# How parse + validate grows with the size of a config, on the built product's plugins (build first: ./mvnw -B verify).
# Usage: benchmarks/template/run-growth.sh [SIZES] [PRODUCT_DIR] [CLASSES...]
#   SIZES: comma-separated line counts (default 500,1000,2000,5000,10000,20000); CLASSES: folders put in front of the
#   product's plugins, e.g. bundles/org.namdrunner.template/target/classes to compare a change without a product build.
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/select-jdk.sh
sizes=${1:-500,1000,2000,5000,10000,20000}
product=${2:-releng/org.namdrunner.product/target/products/org.namdrunner.product/linux/gtk/x86_64}
if [ ! -d "$product/plugins" ]; then
  echo "run-growth.sh: no built product at $product (run ./mvnw -B verify first)" >&2
  exit 2
fi
shift $(( $# < 2 ? $# : 2 ))
cp=""
for c in "$@"; do cp="$cp$c:"; done
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp$product/plugins/*" benchmarks/template/GrowthBenchmark.java testdata/namd/corpus "$sizes"
