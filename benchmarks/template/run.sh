#!/bin/sh
# Runs the template-language benchmark against the built product's plugins (build first: ./mvnw -B verify).
# Usage: benchmarks/template/run.sh [PRODUCT_DIR]   (results: see docs/BENCHMARKS.md)
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/select-jdk.sh
product=${1:-releng/org.namdrunner.product/target/products/org.namdrunner.product/linux/gtk/x86_64}
if [ ! -d "$product/plugins" ]; then
  echo "run.sh: no built product at $product (run ./mvnw -B verify first)" >&2
  exit 2
fi
"$JAVA_HOME/bin/java" -Xmx1g -cp "$product/plugins/*" benchmarks/template/TemplateBenchmark.java testdata/namd/corpus
# growth: 500 to 20,000 lines of the same kind of text (parse + validate, node counts, allocation)
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$product/plugins/*" benchmarks/template/GrowthBenchmark.java testdata/namd/corpus
