#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty volume: one database per service and one for Keycloak,
# owned by the app user.
set -euo pipefail
for db in invoices revenue keycloak; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER \"$POSTGRES_USER\""
done
