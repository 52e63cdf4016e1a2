#!/usr/bin/env bash
# The whole test suite on PostgreSQL: a fresh database per run on the machine's PostgreSQL
# (127.0.0.1:5432, trust auth), dropped afterwards. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/pg-common.sh

pg_ensure_running
db="handoff_ci_$(date +%Y%m%d%H%M%S)_$$"
pg_create_fresh_db "$db"
trap 'pg_drop_db "$db"' EXIT
echo "PostgreSQL suite on database $db"

# The H2 run has already checked formatting and the models; this run is about the database.
HANDOFF_TEST_DB_NAME="$db" ./mvnw -B -ntp -Ppostgres-tests -Dlint.skip -Dspotless.check.skip=true "$@" verify
