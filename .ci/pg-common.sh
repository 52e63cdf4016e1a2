# Shared by the PostgreSQL scripts: the machine's PostgreSQL on 127.0.0.1:5432 (trust auth).
PG_HOST=127.0.0.1
PG_PORT=5432
PG_ADMIN=postgres

pg_ensure_running() {
  if pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    return 0
  fi
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && return 0
    sleep 1
  done
  echo "PostgreSQL did not start on $PG_HOST:$PG_PORT" >&2
  return 1
}

pg_create_fresh_db() {
  createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" "$1"
}

pg_drop_db() {
  dropdb --if-exists --force -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" "$1" || true
}

pg_sql() {
  local db="$1"
  shift
  psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d "$db" -c "$@"
}
