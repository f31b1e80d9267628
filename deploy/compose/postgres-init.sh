#!/bin/sh
# Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d):
# one role and one database per Agora process; no role can connect to another's database.
set -eu

# DATABASE_NAMES overrides the list for tests (tests/deploy/test_compose.py).
for name in ${DATABASE_NAMES:-actors funding evaluation gateway}; do
  upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
  eval "password=\${${upper}_DB_PASSWORD:?${upper}_DB_PASSWORD is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
