#!/usr/bin/env bash
# Cluster test: two app JVMs on their own ports against one fresh PostgreSQL database, invoices
# (straight-through path, async payment step) and IT incidents (SLA targets of seconds deployed as
# a new version of the incident-sla-targets decision, so reminder and escalation timers fire
# during the run; async remediation, paging, announcement and reporter steps) driven through both,
# one node killed with SIGKILL while it holds jobs; the survivor must finish everything once the
# dead node's job locks expire. Asserted from the database. The nodes' e-mails, chat posts and pages
# go to receivers on loopback (.ci/cluster/receivers.py: an SMTP server and a webhook endpoint)
# that record them; every notification the steps wrote must arrive, once per key.
# Everything runs on 127.0.0.1.
# Tunables: CLUSTER_INVOICES (default 240), CLUSTER_INCIDENTS (default 80), CLUSTER_LOCK_TIME_MS
# (job lock time of both nodes, default 20000), CLUSTER_REUSE_JAR=1 (skip the build when a jar is
# already in target/).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/pg-common.sh

INVOICES="${CLUSTER_INVOICES:-240}"
INCIDENTS="${CLUSTER_INCIDENTS:-80}"
INCIDENT_KEY=incident-escalation
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
log "database $db, jar $jar, $INVOICES invoices, $INCIDENTS incidents, job lock time ${LOCK_MS} ms"

# The outside world: SMTP server, chat webhook and pager endpoint, each recording what arrives.
smtp_port="$(free_port)"
hooks_port="$(free_port)"
python3 .ci/cluster/receivers.py "$smtp_port" "$hooks_port" "$work" > "$work/receivers.log" 2>&1 &
pids+=("$!")
until curl -s -o /dev/null "http://127.0.0.1:$hooks_port/"; do sleep 0.2; done
log "receivers: SMTP on $smtp_port, chat and pager webhooks on $hooks_port"

start_node() {   # name port job-threads -> pid on stdout
  local name="$1" port="$2" threads="$3"
  HANDOFF_JOB_THREADS="$threads" HANDOFF_JOB_MAX_THREADS="$threads" \
  HANDOFF_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$db" \
  HANDOFF_DB_USER="$PG_ADMIN" HANDOFF_DB_PASSWORD="" \
  HANDOFF_JOB_LOCK_TIME_MS="$LOCK_MS" \
    java -Xmx512m -XX:+UseSerialGC -jar "$jar" \
      --spring.profiles.active=postgres \
      --server.address=127.0.0.1 --server.port="$port" \
      --logging.level.org.camunda.bpm.engine.jobexecutor=WARN \
      --handoff.notifications.mail-catcher.enabled=false \
      --spring.mail.host=127.0.0.1 --spring.mail.port="$smtp_port" \
      --handoff.notifications.chat.webhook-url="http://127.0.0.1:$hooks_port/chat" \
      --handoff.notifications.pager.webhook-url="http://127.0.0.1:$hooks_port/pager" \
      --handoff.notifications.pager.routing-key=cluster-test \
      --handoff.notifications.delivery.lease="${LOCK_MS}ms" \
      > "$work/node-$name.log" 2>&1 &
  echo $!
}

await_ready() {  # name port pid
  local name="$1" port="$2" pid="$3" deadline=$(( $(date +%s) + START_TIMEOUT ))
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    if ! kill -0 "$pid" 2>/dev/null; then log "node $name died while starting"; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "node $name not ready in ${START_TIMEOUT}s"; return 1; fi
    sleep 1
  done
  log "node $name ready on port $port"
}

lock_owner() {   # port -> the node's job executor lock owner (readiness details, admin only)
  local owner="" tries=0
  until [ -n "$owner" ]; do
    tries=$((tries + 1))
    [ "$tries" -le 30 ] || { log "no job executor lock owner from port $1" >&2; return 1; }
    owner="$(curl -sS -u demo:demo "http://127.0.0.1:$1/actuator/health/readiness" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["components"]["jobExecutor"]["details"].get("lockOwner", ""))' \
      2>/dev/null || true)"
    [ -n "$owner" ] || sleep 1
  done
  echo "$owner"
}

# The first node creates the schema (Camunda and Flyway); the second starts on it.
# Node a runs a single job thread, so the jobs it acquires queue up on it while locked: the kill
# then orphans several jobs, not just the one in progress. Node b has the default threads.
port_a="$(free_port)"
pid_a="$(start_node a "$port_a" 1)"; pids+=("$pid_a")
await_ready a "$port_a" "$pid_a"
port_b="$(free_port)"
pid_b="$(start_node b "$port_b" 4)"; pids+=("$pid_b")
await_ready b "$port_b" "$pid_b"
owner_a="$(lock_owner "$port_a")"
owner_b="$(lock_owner "$port_b")"
log "lock owners: a=$owner_a b=$owner_b"

# SLA targets of seconds go in as a process owner deploys a changed table from the Modeler: a new
# version of the decision incident-sla-targets through the engine REST API. Incidents reported from
# now on get a reminder after 6 s and escalate every 8 s (level 1 -> 2 -> 3).
curl -fsS -o /dev/null -u demo:demo -F deployment-name=incident-sla-targets-seconds \
  -F "incident-sla-targets.dmn=@.ci/cluster/incident-sla-targets.dmn" \
  "http://127.0.0.1:$port_a/engine-rest/deployment/create"

# --- drive both nodes; kill node a while it holds jobs -------------------------------------------
progress="$work/progress"
echo 0 > "$progress"
plan="$work/plan"
timeout "$DRIVE_TIMEOUT" java .ci/cluster/ClusterDriver.java "$run_id" "$INVOICES" "$INCIDENTS" "$progress" "$plan" \
  "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" > "$work/driver.log" 2>&1 &
driver_pid=$!; pids+=("$driver_pid")

half=$(( (INVOICES + INCIDENTS) / 2 )); deadline=$(( $(date +%s) + DRIVE_TIMEOUT ))
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
log "all $INVOICES invoices and $INCIDENTS incidents submitted, incidents resolved and confirmed"
source "$plan"

# --- wait for the survivor to finish everything ----------------------------------------------------
ended_sql="select count(*) from act_hi_procinst where proc_def_key_ = '$PROCESS_KEY'
           and end_time_ is not null and end_act_id_ = '$END_EVENT'"
# An incident ended where it should: closed in our table and its instance at the end event for
# how it closed (confirmed by the reporter, automatic remediations too; confirmed and reviewed, P1).
incidents_ended_sql="select count(*) from incident i join act_hi_procinst p on p.id_ = i.process_instance_id
  where i.status = 'CLOSED' and p.end_time_ is not null and p.end_act_id_ = case
    when i.close_reason = 'CONFIRMED' and i.priority = 'P1' then 'IncidentReviewedEndEvent'
    when i.close_reason = 'CONFIRMED' then 'IncidentClosedEndEvent' end"
deadline=$(( $(date +%s) + FINISH_TIMEOUT ))
while :; do
  ended="$(pg_sql "$db" "$ended_sql")"
  incidents_ended="$(pg_sql "$db" "$incidents_ended_sql")"
  jobs_left="$(pg_sql "$db" "select count(*) from act_ru_job
                             where process_def_key_ in ('$PROCESS_KEY', '$INCIDENT_KEY')")"
  [ "$ended" -ge "$INVOICES" ] && [ "$incidents_ended" -ge "$INCIDENTS" ] && [ "$jobs_left" -eq 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] \
    || { log "timed out: ended=$ended incidents_ended=$incidents_ended jobs_left=$jobs_left"; break; }
  sleep 1
done
finish_time=$(date +%s)

# --- notifications: every row delivered (the dead node's leases end like its job locks) ----------
deadline=$(( $(date +%s) + LOCK_MS / 1000 + 60 ))
until [ "$(pg_sql "$db" "select count(*) from notification_outbox where status = 'PENDING'")" -eq 0 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { log "notifications still pending"; break; }
  sleep 1
done
pg_sql "$db" "select kind || '|' || notification_key || '|' || status from notification_outbox" > "$work/outbox-rows"
notifications_ok=0
python3 .ci/cluster/count-notifications.py "$work" "$work/outbox-rows" > "$work/notifications" || notifications_ok=1

# --- assert from the database ---------------------------------------------------------------------
invoices="$(pg_sql "$db" "select count(*) from invoice where invoice_number like 'INV-$run_id-%'")"
started="$(pg_sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = '$PROCESS_KEY'")"
ended="$(pg_sql "$db" "$ended_sql")"
incidents_started="$(pg_sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = '$INCIDENT_KEY'")"
incidents_ended="$(pg_sql "$db" "$incidents_ended_sql")"
incident_rows="$(pg_sql "$db" "select count(*) from incident")"
incident_titles="$(pg_sql "$db" "select count(distinct title) from incident")"
incidents_closed="$(pg_sql "$db" "select count(*) from incident where status = 'CLOSED'")"
remediated="$(pg_sql "$db" "select count(*) from incident where resolution_code = 'AUTO_REMEDIATED'
  and close_reason = 'CONFIRMED'")"
confirmed="$(pg_sql "$db" "select count(*) from incident where close_reason = 'CONFIRMED'")"
reviewed="$(pg_sql "$db" "select count(*) from act_hi_procinst where proc_def_key_ = '$INCIDENT_KEY'
  and end_act_id_ = 'IncidentReviewedEndEvent'")"
escalations="$(pg_sql "$db" "select count(*) from incident_escalation")"
# A missed resolution is reminded before it escalates; a missed response escalates at once.
resolution_escalations="$(pg_sql "$db" "select count(*) from incident_escalation where kind = 'RESOLUTION'")"
announced="$(pg_sql "$db" "select count(*) from act_hi_actinst
  where act_id_ in ('AnnounceEscalationTask', 'AnnounceResponseEscalationTask')
  and end_time_ is not null")"
reminders="$(pg_sql "$db" "select count(*) from act_hi_actinst
  where act_id_ = 'RemindResolverTask' and end_time_ is not null")"
reached_2="$(pg_sql "$db" "select count(*) from incident where escalation_level >= 2")"
reached_3="$(pg_sql "$db" "select count(*) from incident where escalation_level = 3 and assigned_group = 'it-managers'")"
# Each escalation once: an incident's escalation rows match the level it reached, one per level.
escalations_off="$(pg_sql "$db" "select (select count(*) from incident i
    where coalesce(i.escalation_level, 1) - 1
      <> (select count(*) from incident_escalation e where e.incident_id = i.id))
  + (select count(*) - count(distinct incident_id || ':' || to_level) from incident_escalation)")"
lost="$(pg_sql "$db" "select ($INVOICES - (select count(*) from invoice))
  + (select count(*) from invoice i where not exists (
       select 1 from act_hi_procinst p where p.id_ = i.process_instance_id
       and p.end_time_ is not null and p.end_act_id_ = '$END_EVENT'))
  + (select count(*) from invoice i where not exists (
       select 1 from invoice_payment p where p.invoice_id = i.invoice_id))
  + ($INCIDENTS - $incidents_ended)")"
duplicated="$(pg_sql "$db" "select (select count(*) - count(distinct invoice_id) from invoice_payment)
  + ((select count(*) from act_hi_procinst where proc_def_key_ = '$PROCESS_KEY')
     - (select count(*) from invoice))
  + ($incidents_started - $INCIDENTS) + ($incident_rows - $incident_titles) + $escalations_off")"
stuck="$(pg_sql "$db" "select (select count(*) from act_ru_job
                                 where process_def_key_ in ('$PROCESS_KEY', '$INCIDENT_KEY'))
  + (select count(*) from act_ru_job where lock_owner_ = '$owner_a')
  + (select count(*) from act_ru_execution
     where proc_def_id_ like '$PROCESS_KEY:%' or proc_def_id_ like '$INCIDENT_KEY:%')")"
incidents="$(pg_sql "$db" "select count(*) from act_ru_incident")"
payments="$(pg_sql "$db" "select count(*) from invoice_payment")"
# One outbox row per step run that notifies: chat per reminder and announcement, a page per P1,
# an e-mail per reporter notice.
asked="$(pg_sql "$db" "select count(*) from act_hi_actinst where act_id_ = 'AskReporterToConfirmTask' and end_time_ is not null")"
paged="$(pg_sql "$db" "select count(*) from act_hi_actinst where act_id_ = 'NotifyOnCallTask' and end_time_ is not null")"
chat_rows="$(pg_sql "$db" "select count(*) from notification_outbox where kind = 'CHAT'")"
page_rows="$(pg_sql "$db" "select count(*) from notification_outbox where kind = 'PAGE'")"
# A P1's page triggers an alert at the paging service; its claim acknowledges and its resolution
# resolves that alert (one row each, at most one per trigger).
page_triggers="$(pg_sql "$db" "select count(*) from notification_outbox where kind = 'PAGE'
  and (page_event is null or page_event like 'trigger%')")"
page_follow_ups_off="$(pg_sql "$db" "select (select count(*) from notification_outbox
    where kind = 'PAGE' and page_event = 'acknowledge') > $page_triggers
  or (select count(*) from notification_outbox where kind = 'PAGE' and page_event = 'resolve')
    > $page_triggers")"
mail_rows="$(pg_sql "$db" "select count(*) from notification_outbox where kind = 'MAIL'")"
notifications_off=$(( (chat_rows - reminders - announced) + (page_triggers - paged) + (mail_rows - asked) ))
taken_over=0
while read -r job; do
  [ -n "$job" ] || continue
  n="$(pg_sql "$db" "select count(*) from act_ru_job where id_ = '$job'")"
  [ "$n" -eq 0 ] && taken_over=$((taken_over + 1))
done < "$work/jobs-of-a"

echo "invoices: started=$started ended=$ended invoices=$invoices payments=$payments"
echo "incidents: started=$incidents_started closed=$incidents_closed ended=$incidents_ended escalations=$escalations remediated=$remediated confirmed=$confirmed reviewed=$reviewed"
echo "incident timers and async steps: reminders=$reminders (resolution escalations $resolution_escalations) escalations announced=$announced reached level 2=$reached_2 level 3=$reached_3 (planned at least $PLAN_LEVEL2 / $PLAN_LEVEL3)"
echo "started=$(( started + incidents_started )) ended=$(( ended + incidents_ended )) lost=$lost duplicated=$duplicated stuck=$stuck incidents=$incidents"
echo "notifications: chat=$chat_rows (reminders + announcements $(( reminders + announced ))) pages=$page_rows (triggers $page_triggers, P1 $paged) mails=$mail_rows (reporter notices $asked)"
cat "$work/notifications"
echo "jobs locked by the killed node: $(wc -l < "$work/jobs-of-a"), finished by the survivor: $taken_over"
echo "timings: survivor finished $(( finish_time - kill_time ))s after the kill (lock time $(( LOCK_MS / 1000 ))s); total $(elapsed)"

if [ "$invoices" -eq "$INVOICES" ] && [ "$started" -eq "$INVOICES" ] && [ "$ended" -eq "$INVOICES" ] \
   && [ "$payments" -eq "$INVOICES" ] && [ "$incidents_started" -eq "$INCIDENTS" ] \
   && [ "$incidents_ended" -eq "$INCIDENTS" ] && [ "$incidents_closed" -eq "$INCIDENTS" ] \
   && [ "$remediated" -eq "$PLAN_REMEDIATED" ] && [ "$confirmed" -eq $((PLAN_ROUTED + PLAN_REMEDIATED)) ] \
   && [ "$reviewed" -eq "$PLAN_P1" ] && [ "$reached_2" -ge "$PLAN_LEVEL2" ] \
   && [ "$reached_3" -ge "$PLAN_LEVEL3" ] && [ "$escalations" -ge $(( PLAN_LEVEL2 + PLAN_LEVEL3 )) ] \
   && [ "$announced" -ge 1 ] && [ "$announced" -le "$escalations" ] && [ "$reminders" -ge "$resolution_escalations" ] && [ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ] \
   && [ "$stuck" -eq 0 ] && [ "$incidents" -eq 0 ] \
   && [ "$notifications_ok" -eq 0 ] && [ "$notifications_off" -eq 0 ] && [ "$mail_rows" -ge 1 ] \
   && [ "$page_rows" -ge 1 ] && [ "$chat_rows" -ge 1 ] && [ "$page_follow_ups_off" = "f" ] \
   && [ "$taken_over" -eq "$(wc -l < "$work/jobs-of-a")" ]; then
  status=0
  log "PASSED"
else
  log "FAILED"
fi
exit "$status"
