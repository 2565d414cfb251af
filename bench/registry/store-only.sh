#!/usr/bin/env bash
# Isolation experiment for the listing latency: the embedded store alone (no Karaf, no HTTP, no
# registry code), the same mongo-java-server build the distribution ships, with its H2 MVStore file
# backend (what the server uses) and the same MVStore without a file. Inserts seeded devices, times
# the listing queries and samples stacks inside mongo-java-server while they run.
#
#   bench/registry/store-only.sh [COUNT (10000)] [BACKENDS ("h2file h2mem")]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
main=$(cd "$here/../.." && pwd)
count=${1:-10000}
backends=${2:-h2file h2mem}
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$main/pom.xml" | head -n 1)
distribution="$main/karaf-assembly/target/p2pvps-server-${version}.tar.gz"
[[ -f "$distribution" ]] || (cd "$main" && ./mvnw -B -q install -DskipTests -pl karaf-assembly -am)

work=$(mktemp -d /tmp/p2pvps-storeonly.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -xzf "$distribution" -C "$work" --wildcards '*/system/org/mongodb/*' '*/system/org/p2pvps/p2pvps-store-mongo/*' \
  '*/system/org/ops4j/pax/logging/pax-logging-api/*'
jars=$(find "$work" -name '*.jar' -path '*org/mongodb*' | sort | tr '\n' ':')
jars+=$(find "$work" -name 'p2pvps-store-mongo-*.jar' | head -n 1)
# the store bundle imports org.slf4j; outside OSGi take slf4j-api from the local Maven repository if
# there is one, else the pax-logging-api jar of the distribution (which carries the slf4j API)
slf4j=$(find "$HOME/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' 2>/dev/null | sort -V | tail -n 1)
jars+=":${slf4j:-$(find "$work" -name 'pax-logging-api-*.jar' | head -n 1)}"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$jars" "$here/Seed.java" "$here/Probe.java" "$here/StoreOnly.java"

echo "nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in $backends; do
  python3 "$here/cpu.py" run 0 -- java -cp "$work/classes:$jars" StoreOnly "$backend" "$count" 3600 2>&1 \
    | grep -v 'SLF4J'
done
