#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty volume: one database per service, owned by the app user.
set -euo pipefail
for db in invoices revenue; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER \"$POSTGRES_USER\""
done
