#!/usr/bin/env bash
# Cluster test: two app JVMs on their own ports against one fresh PostgreSQL database, invoices
# (straight-through path, async payment step) and timer probes (async step, then a 3 s timer;
# .ci/cluster/cluster-timer-probe.bpmn) driven through both, one node killed with SIGKILL while it
# holds jobs; the survivor must finish everything once the dead node's job locks expire.
# Asserted from the database. Everything runs on 127.0.0.1. Tunables: CLUSTER_INVOICES (default
# 240), CLUSTER_PROBES (default 80), CLUSTER_LOCK_TIME_MS (job lock time of both nodes, default
# 20000), CLUSTER_REUSE_JAR=1 (skip the build when a jar is already in target/).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/pg-common.sh

INVOICES="${CLUSTER_INVOICES:-240}"
PROBES="${CLUSTER_PROBES:-80}"
PROBE_KEY=cluster-timer-probe
PROBE_END_EVENT=ProbeFinishedEndEvent
LOCK_MS="${CLUSTER_LOCK_TIME_MS:-20000}"
PROCESS_KEY=invoice-three-way-match
END_EVENT=InvoiceScheduledEndEvent
START_TIMEOUT=240       # seconds for a node to become ready
DRIVE_TIMEOUT=600       # seconds for the driver to submit everything
FINISH_TIMEOUT=$(( LOCK_MS / 1000 + 180 ))  # seconds for the survivor to finish after the kill

t0=$(date +%s)
elapsed() { echo $(( $(date +%s) - t0 ))s; }
log() { echo "[cluster $(elapsed)] $*"; }

work="$(mktemp -d /tmp/handoff-cluster.XXXXXX)"
db="handoff_cluster_$(date +%Y%m%d%H%M%S)_$$"
run_id="C$(date +%H%M%S)"
pids=()
status=1

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pg_drop_db "$db"
  if [ "$status" -ne 0 ]; then
    log "FAILED; node logs in $work"
    for f in "$work"/node-*.log; do
      [ -f "$f" ] && { echo "--- tail $f"; tail -n 40 "$f"; }
    done
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- build once ---------------------------------------------------------------------------------
jar="$(ls target/handoff-*.jar 2>/dev/null | grep -v original | head -1 || true)"
if [ "${CLUSTER_REUSE_JAR:-0}" != "1" ] || [ -z "$jar" ]; then
  log "building the jar"
  ./mvnw -B -ntp -q -DskipTests -Dlint.skip -Dspotless.check.skip=true package
  jar="$(ls target/handoff-*.jar | grep -v original | head -1)"
fi

pg_ensure_running
pg_create_fresh_db "$db"
log "database $db, jar $jar, $INVOICES invoices, $PROBES timer probes, job lock time ${LOCK_MS} ms"

start_node() {   # name port -> pid on stdout
  local name="$1" port="$2"
  HANDOFF_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db" \
  HANDOFF_DB_USER="$PG_ADMIN" HANDOFF_DB_PASSWORD="" \
  HANDOFF_JOB_LOCK_TIME_MS="$LOCK_MS" \
    java -Xmx512m -XX:+UseSerialGC -jar "$jar" \
      --spring.profiles.active=postgres \
      --server.address=127.0.0.1 --server.port="$port" \
      --logging.level.org.camunda.bpm.engine.jobexecutor=WARN \
      > "$work/node-$name.log" 2>&1 &
  echo $!
}

await_ready() {  # name port pid
  local name="$1" port="$2" pid="$3" deadline=$(( $(date +%s) + START_TIMEOUT ))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    if ! kill -0 "$pid" 2>/dev/null; then log "node $name died while starting"; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "node $name not ready in ${START_TIMEOUT}s"; return 1; fi
    sleep 1
  done
  log "node $name ready on port $port"
}

lock_owner() {   # port -> the node's job executor lock owner (readiness details, admin only)
  curl -fsS -u demo:demo "http://127.0.0.1:$1/actuator/health/readiness" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["components"]["jobExecutor"]["details"]["lockOwner"])'
}

# The first node creates the schema (Camunda and Flyway); the second starts on it.
port_a="$(free_port)"
pid_a="$(start_node a "$port_a")"; pids+=("$pid_a")
await_ready a "$port_a" "$pid_a"
port_b="$(free_port)"
pid_b="$(start_node b "$port_b")"; pids+=("$pid_b")
await_ready b "$port_b" "$pid_b"
owner_a="$(lock_owner "$port_a")"
owner_b="$(lock_owner "$port_b")"
log "lock owners: a=$owner_a b=$owner_b"

# The timer probe goes in like a Modeler deployment, through the engine REST API.
curl -fsS -o /dev/null -u demo:demo -F deployment-name=cluster-timer-probe \
  -F "cluster-timer-probe.bpmn=@.ci/cluster/cluster-timer-probe.bpmn" \
  "http://127.0.0.1:$port_a/engine-rest/deployment/create"

# --- drive both nodes; kill node a while it holds jobs -------------------------------------------
progress="$work/progress"
echo 0 > "$progress"
timeout "$DRIVE_TIMEOUT" java .ci/cluster/ClusterDriver.java "$run_id" "$INVOICES" "$PROBES" "$progress" \
  "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" > "$work/driver.log" 2>&1 &
driver_pid=$!; pids+=("$driver_pid")

half=$(( (INVOICES + PROBES) / 2 )); deadline=$(( $(date +%s) + DRIVE_TIMEOUT ))
until [ "$(cat "$progress")" -ge "$half" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { log "driver did not reach $half items"; exit 1; }
  kill -0 "$driver_pid" 2>/dev/null || { log "driver ended early"; cat "$work/driver.log"; exit 1; }
  sleep 0.2
done

locked_sql="select count(*) from act_ru_job where lock_owner_ = '$owner_a' and lock_exp_time_ > now()"
# Freeze node a (SIGSTOP) when it holds job locks, preferably several; what it holds while frozen
# is exactly what the kill orphans. Then kill -9. If it held none at the freeze, let it run again.
busy_until=$(( $(date +%s) + 10 )); deadline=$(( $(date +%s) + 60 ))
while :; do
  [ "$(date +%s)" -lt "$deadline" ] || { log "node a never held a job lock"; exit 1; }
  held="$(pg_sql "$db" "$locked_sql")"
  if [ "$held" -ge 4 ] || { [ "$held" -ge 1 ] && [ "$(date +%s)" -ge "$busy_until" ]; }; then
    kill -STOP "$pid_a"
    pg_sql "$db" "select id_ from act_ru_job where lock_owner_ = '$owner_a'" > "$work/jobs-of-a"
    if [ -s "$work/jobs-of-a" ]; then
      break
    fi
    kill -CONT "$pid_a"
  fi
  sleep 0.05
done
kill -9 "$pid_a"
kill_time=$(date +%s)
log "killed node a (kill -9) after $(cat "$progress") items, holding $(wc -l < "$work/jobs-of-a") job(s)"

if ! wait "$driver_pid"; then
  log "driver failed"; cat "$work/driver.log"; exit 1
fi
cat "$work/driver.log"
log "all $INVOICES invoices and $PROBES probes submitted"

# --- wait for the survivor to finish everything ----------------------------------------------------
ended_sql="select count(*) from act_hi_procinst where proc_def_key_ = '$PROCESS_KEY'
           and end_time_ is not null and end_act_id_ = '$END_EVENT'"
probes_ended_sql="select count(*) from act_hi_procinst where proc_def_key_ = '$PROBE_KEY'
           and end_time_ is not null and end_act_id_ = '$PROBE_END_EVENT'"
deadline=$(( $(date +%s) + FINISH_TIMEOUT ))
while :; do
  ended="$(pg_sql "$db" "$ended_sql")"
  probes_ended="$(pg_sql "$db" "$probes_ended_sql")"
  jobs_left="$(pg_sql "$db" "select count(*) from act_ru_job
                             where process_def_key_ in ('$PROCESS_KEY', '$PROBE_KEY')")"
  [ "$ended" -ge "$INVOICES" ] && [ "$probes_ended" -ge "$PROBES" ] && [ "$jobs_left" -eq 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] \
    || { log "timed out: ended=$ended probes_ended=$probes_ended jobs_left=$jobs_left"; break; }
  sleep 1
done
finish_time=$(date +%s)

# --- assert from the database ---------------------------------------------------------------------
invoices="$(pg_sql "$db" "select count(*) from invoice where invoice_number like 'INV-$run_id-%'")"
started="$(pg_sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = '$PROCESS_KEY'")"
ended="$(pg_sql "$db" "$ended_sql")"
probes_started="$(pg_sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = '$PROBE_KEY'")"
probes_ended="$(pg_sql "$db" "$probes_ended_sql")"
probes_distinct="$(pg_sql "$db" "select count(distinct business_key_) from act_hi_procinst
  where proc_def_key_ = '$PROBE_KEY'")"
lost="$(pg_sql "$db" "select ($INVOICES - (select count(*) from invoice))
  + (select count(*) from invoice i where not exists (
       select 1 from act_hi_procinst p where p.id_ = i.process_instance_id
       and p.end_time_ is not null and p.end_act_id_ = '$END_EVENT'))
  + (select count(*) from invoice i where not exists (
       select 1 from invoice_payment p where p.invoice_id = i.invoice_id))
  + ($PROBES - $probes_ended)")"
duplicated="$(pg_sql "$db" "select (select count(*) - count(distinct invoice_id) from invoice_payment)
  + ((select count(*) from act_hi_procinst where proc_def_key_ = '$PROCESS_KEY')
     - (select count(*) from invoice))
  + ($probes_started - $probes_distinct)")"
stuck="$(pg_sql "$db" "select (select count(*) from act_ru_job
                                 where process_def_key_ in ('$PROCESS_KEY', '$PROBE_KEY'))
  + (select count(*) from act_ru_job where lock_owner_ = '$owner_a')
  + (select count(*) from act_ru_execution
     where proc_def_id_ like '$PROCESS_KEY:%' or proc_def_id_ like '$PROBE_KEY:%')")"
incidents="$(pg_sql "$db" "select count(*) from act_ru_incident")"
payments="$(pg_sql "$db" "select count(*) from invoice_payment")"
taken_over=0
while read -r job; do
  [ -n "$job" ] || continue
  n="$(pg_sql "$db" "select count(*) from act_ru_job where id_ = '$job'")"
  [ "$n" -eq 0 ] && taken_over=$((taken_over + 1))
done < "$work/jobs-of-a"

echo "invoices: started=$started ended=$ended invoices=$invoices payments=$payments"
echo "timer probes: started=$probes_started ended=$probes_ended"
echo "started=$(( started + probes_started )) ended=$(( ended + probes_ended )) lost=$lost duplicated=$duplicated stuck=$stuck incidents=$incidents"
echo "jobs locked by the killed node: $(wc -l < "$work/jobs-of-a"), finished by the survivor: $taken_over"
echo "timings: survivor finished $(( finish_time - kill_time ))s after the kill (lock time $(( LOCK_MS / 1000 ))s); total $(elapsed)"

if [ "$invoices" -eq "$INVOICES" ] && [ "$started" -eq "$INVOICES" ] && [ "$ended" -eq "$INVOICES" ] \
   && [ "$payments" -eq "$INVOICES" ] && [ "$probes_started" -eq "$PROBES" ] \
   && [ "$probes_ended" -eq "$PROBES" ] && [ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ] \
   && [ "$stuck" -eq 0 ] && [ "$incidents" -eq 0 ] \
   && [ "$taken_over" -eq "$(wc -l < "$work/jobs-of-a")" ]; then
  status=0
  log "PASSED"
else
  log "FAILED"
fi
exit "$status"
