#!/usr/bin/env bash
# Runs Tally on this machine with only a JDK 17+: Kafka (KRaft), PostgreSQL, the schema-registry stand-in, the
# auth-server (development identity provider) and both services. Builds what it needs first.
# Options: ./run-local.sh --help (e.g. --seed, --wipe, --infra-only, --only=...).
set -euo pipefail
cd "$(dirname "$0")"

if [[ " $* " != *" --help "* && -z "${TALLY_SKIP_BUILD:-}" ]]; then
  echo "Building (./mvnw -q -DskipTests package) ..."
  ./mvnw -q -B -Dstyle.color=never -DskipTests package -pl local-stack,invoice-service,revenue-service,auth-server,dashboard -am
fi

jar=local-stack/target/local-stack-0.1.0-SNAPSHOT.jar
if [[ ! -f "$jar" ]]; then
  echo "The launcher is not built ($jar is missing). Run: ./mvnw -q -DskipTests package -pl local-stack -am" >&2
  exit 1
fi
exec java -cp "$jar:local-stack/target/lib/*" io.tally.localstack.LocalStackMain --project-root="$PWD" "$@"
