#!/bin/sh
# Sync benchmark (see SyncBenchmark.java). Needs the test cluster (scripts/test-cluster start) and a build of the
# bundles (./mvnw -B verify ... or scripts/run-tests) so their jars exist in bundles/*/target.
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/select-jdk.sh
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
jar() { ls "$m2"/$1 2>/dev/null | sort -V | tail -1; }
cp=""
for b in core remote cluster cluster.slurm; do
  cp="$cp:$(ls bundles/org.namdrunner.$b/target/org.namdrunner.$b-*.jar | grep -v sources | head -1)"
done
cp="$cp:$(jar 'com/github/mwiede/jsch/*/jsch-*.jar'):$(jar 'org/eclipse/platform/org.eclipse.equinox.common/*/*.jar')"
cp="$cp:$(jar 'org/eclipse/platform/org.eclipse.osgi/*/org.eclipse.osgi-*.jar'):$(jar 'org/eclipse/platform/org.eclipse.jsch.core/*/*.jar')"
exec "$JAVA_HOME/bin/java" -cp "${cp#:}" benchmarks/sync/SyncBenchmark.java "$@"
