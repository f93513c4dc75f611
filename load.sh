#!/usr/bin/env bash
# Drives load at a running Tally and writes a report: ./load.sh --help. Builds the harness first (skip with
# TALLY_SKIP_BUILD=1). Relative paths (--report, --stack-dir) are relative to the directory you run it from.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"

jar="$root/load/target/load-0.1.0-SNAPSHOT.jar"
if [[ -z "${TALLY_SKIP_BUILD:-}" && ( " $* " != *" --help "* || ! -f "$jar" ) ]]; then
  echo "Building the load harness (./mvnw -q -DskipTests package -pl load -am) ..." >&2
  (cd "$root" && ./mvnw -q -B -Dstyle.color=never -DskipTests package -pl load -am)
fi
if [[ ! -f "$jar" ]]; then
  echo "The load harness is not built ($jar is missing). Run: ./mvnw -q -DskipTests package -pl load -am" >&2
  exit 1
fi
# Serial GC: no concurrent GC threads competing for the cores the measured system needs; the harness allocates little.
exec java -XX:+UseSerialGC -Xms256m -Xmx1g -Djava.awt.headless=true ${LOAD_JAVA_OPTS:-} \
  -cp "$jar:$root/load/target/lib/*" io.tally.load.LoadMain "$@"
