#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty volume: one database per service and one for Keycloak.
# Each service's database is owned by its owner role (<db>_owner: Flyway migrates as it and then grants the service's
# role its rows) and used by its application role (<db>_app: rows only, no DDL); only these two may connect to it.
# Passwords come from the container's environment (.env), never from this file.
set -euo pipefail
service_database() {
  local db=$1 owner_password=$2 app_password=$3
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$owner_password" -v app_password="$app_password" <<SQL
CREATE ROLE ${db}_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE ${db}_app LOGIN PASSWORD :'app_password';
CREATE DATABASE $db OWNER ${db}_owner;
REVOKE CONNECT, TEMPORARY ON DATABASE $db FROM PUBLIC;
GRANT CONNECT ON DATABASE $db TO ${db}_app;
SQL
}
service_database invoices "$INVOICES_DB_OWNER_PASSWORD" "$INVOICES_DB_APP_PASSWORD"
service_database revenue "$REVENUE_DB_OWNER_PASSWORD" "$REVENUE_DB_APP_PASSWORD"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -c "CREATE DATABASE keycloak OWNER \"$POSTGRES_USER\""
