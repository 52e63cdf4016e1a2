package io.handoff.platform.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import io.handoff.platform.insights.ElementInsights.Element;
import io.handoff.platform.insights.ProcessInsights.AgentFigures;
import io.handoff.platform.insights.ProcessInsights.Breaches;
import io.handoff.platform.insights.ProcessInsights.IncidentFigures;
import io.handoff.platform.insights.ProcessInsights.Instances;
import io.handoff.platform.insights.ProcessInsights.LevelLeadTime;
import io.handoff.platform.insights.ProcessInsights.PriorityFigures;
import io.handoff.platform.insights.ProcessInsights.ReasonCount;
import io.handoff.platform.insights.ProcessInsights.SlaPauses;
import io.handoff.platform.insights.ProcessInsights.StraightThrough;
import io.handoff.platform.insights.ProcessInsights.TierLeadTime;
import io.handoff.platform.insights.ProcessInsights.Week;
import io.handoff.platform.insights.ProcessInsights.WeekBreaches;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes the process insights from the database only: the engine's history ({@code ACT_HI_*},
 * written at history level audit and above), the decision ledger, the processes' own tables
 * (read-only) and the first claims of user tasks ({@link TaskClaims}). Nothing is kept in memory
 * between two calls, so every node, and a node after a restart, answers the same. Durations are
 * computed in Java from the timestamps read (the same on H2 and PostgreSQL); every query is bounded
 * by the period and {@link InsightsProperties#maxInstances()}.
 */
@Service
public class InsightsService {

  static final String INVOICE_PROCESS = "invoice-three-way-match";
  static final String VENDOR_PROCESS = "vendor-onboarding";
  static final String INCIDENT_PROCESS = "incident-escalation";

  static final String EXCEPTION_TASK = "ResolveMatchExceptionTask";
  static final String INVOICE_APPROVAL_TASK = "ApproveInvoiceTask";
  static final String SLA_TARGETS_DECISION = "incident-sla-targets";

  /** Element types whose time is waiting for something outside the process. */
  static final Set<String> WAIT_STATES =
      Set.of(
          "intermediateTimer",
          "intermediateMessageCatch",
          "intermediateSignalCatch",
          "intermediateConditional",
          "receiveTask",
          "eventBasedGateway");

  private static final Set<String> CONTAINERS = Set.of("subProcess", "multiInstanceBody");

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final InsightsProperties props;

  public InsightsService(JdbcClient jdbc, ObjectMapper json, InsightsProperties props) {
    this.jdbc = jdbc;
    this.json = json;
    this.props = props;
  }

  /** A period {@code [from, to)}. */
  public record Period(Instant from, Instant to) {

    Timestamp fromTs() {
      return Timestamp.from(from);
    }

    Timestamp toTs() {
      return Timestamp.from(to);
    }

    boolean holds(Instant t) {
      return t != null && !t.isBefore(from) && t.isBefore(to);
    }
  }

  /** The deployed processes, latest version first per key: key and name. */
  public Map<String, String> processes() {
    Map<String, String> processes = new TreeMap<>();
    jdbc.sql("SELECT KEY_, NAME_, VERSION_ FROM ACT_RE_PROCDEF ORDER BY KEY_, VERSION_")
        .query(
            (rs, i) -> {
              processes.put(rs.getString(1), rs.getString(2));
              return null;
            })
        .list();
    return processes;
  }

  public Optional<String> processName(String processKey) {
    return jdbc
        .sql("SELECT NAME_ FROM ACT_RE_PROCDEF WHERE KEY_ = ? ORDER BY VERSION_ DESC")
        .param(processKey)
        .query((rs, i) -> Optional.ofNullable(rs.getString(1)).orElse(processKey))
        .list()
        .stream()
        .findFirst();
  }

  public ProcessInsights insights(String processKey, Period period) {
    String name = processName(processKey).orElse(processKey);
    refuseTooMany(countInstances(processKey, period), "instances");
    List<InstanceRow> rows = instances(processKey, period);
    long started = rows.stream().filter(r -> period.holds(r.start())).count();
    List<InstanceRow> ended = rows.stream().filter(r -> period.holds(r.end())).toList();
    long completed = ended.stream().filter(InstanceRow::completed).count();
    long open =
        rows.stream()
            .filter(r -> r.start().isBefore(period.to()))
            .filter(r -> r.end() == null || !r.end().isBefore(period.to()))
            .count();
    Durations cycle =
        Durations.of(
            ended.stream().filter(InstanceRow::completed).map(InstanceRow::durationMs).toList());
    Instances instances = new Instances(started, completed, ended.size() - completed, open);

    boolean invoice = INVOICE_PROCESS.equals(processKey);
    boolean vendor = VENDOR_PROCESS.equals(processKey);
    boolean incident = INCIDENT_PROCESS.equals(processKey);
    return new ProcessInsights(
        processKey,
        name,
        period.from(),
        period.to(),
        instances,
        cycle,
        invoice ? straightThrough(processKey, period, ended) : null,
        invoice ? exceptionsByReason(processKey, period) : null,
        invoice ? approvalLeadTime(processKey, period) : null,
        vendor ? leadTimeByRiskTier(processKey, period) : null,
        incident ? incidents(processKey, period) : null,
        agents(processKey, period));
  }

  // --- instances -------------------------------------------------------------------------------

  record InstanceRow(String id, Instant start, Instant end, String state) {
    boolean completed() {
      return end != null && "COMPLETED".equals(state);
    }

    long durationMs() {
      return Duration.between(start, end).toMillis();
    }
  }

  private static final String INSTANCES_OF_PERIOD =
      " FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND START_TIME_ < ?"
          + " AND (END_TIME_ IS NULL OR END_TIME_ >= ?)";

  private long countInstances(String processKey, Period period) {
    return jdbc.sql("SELECT COUNT(*)" + INSTANCES_OF_PERIOD)
        .params(processKey, period.toTs(), period.fromTs())
        .query(Long.class)
        .single();
  }

  private List<InstanceRow> instances(String processKey, Period period) {
    return jdbc.sql("SELECT ID_, START_TIME_, END_TIME_, STATE_" + INSTANCES_OF_PERIOD)
        .params(processKey, period.toTs(), period.fromTs())
        .query(
            (rs, i) ->
                new InstanceRow(
                    rs.getString(1),
                    instant(rs.getTimestamp(2)),
                    instant(rs.getTimestamp(3)),
                    rs.getString(4)))
        .list();
  }

  private void refuseTooMany(long count, String what) {
    if (count > props.maxInstances()) {
      String message =
          "the period holds "
              + count
              + " "
              + what
              + ", more than the "
              + props.maxInstances()
              + " one request reads; choose a shorter period";
      throw new InvalidRequestException(
          List.of(new FieldProblem("from", message), new FieldProblem("to", message)));
    }
  }

  // --- invoices --------------------------------------------------------------------------------

  private StraightThrough straightThrough(
      String processKey, Period period, List<InstanceRow> ended) {
    Set<String> touched =
        new HashSet<>(
            jdbc.sql(
                    "SELECT DISTINCT l.process_instance_id FROM decision_ledger l"
                        + " JOIN ACT_HI_PROCINST p ON p.ID_ = l.process_instance_id"
                        + " WHERE p.PROC_DEF_KEY_ = ? AND p.END_TIME_ >= ? AND p.END_TIME_ < ?"
                        + " AND l.decided_by LIKE 'person:%'")
                .params(processKey, period.fromTs(), period.toTs())
                .query(String.class)
                .list());
    long completed = 0;
    long straight = 0;
    Map<LocalDate, long[]> weeks = new TreeMap<>();
    for (LocalDate week = weekOf(period.from()); week.isBefore(dayAfter(period.to())); ) {
      weeks.put(week, new long[2]);
      week = week.plusWeeks(1);
    }
    for (InstanceRow row : ended) {
      if (!row.completed()) {
        continue;
      }
      boolean noPerson = !touched.contains(row.id());
      completed++;
      long[] week = weeks.computeIfAbsent(weekOf(row.end()), w -> new long[2]);
      week[0]++;
      if (noPerson) {
        straight++;
        week[1]++;
      }
    }
    List<Week> weekly = new ArrayList<>();
    weeks.forEach((start, n) -> weekly.add(new Week(start, n[0], n[1], rate(n[1], n[0]))));
    return new StraightThrough(completed, straight, rate(straight, completed), weekly);
  }

  private List<ReasonCount> exceptionsByReason(String processKey, Period period) {
    String exceptions =
        "SELECT a.PROC_INST_ID_ FROM ACT_HI_ACTINST a WHERE a.PROC_DEF_KEY_ = ?"
            + " AND a.ACT_ID_ = ? AND a.START_TIME_ >= ? AND a.START_TIME_ < ?";
    Object[] params = {processKey, EXCEPTION_TASK, period.fromTs(), period.toTs()};
    List<String> raised = jdbc.sql(exceptions).params(params).query(String.class).list();
    Map<String, Set<String>> reasons = new HashMap<>();
    jdbc.sql(
            "SELECT DISTINCT i.process_instance_id, l.match_result FROM invoice i"
                + " JOIN invoice_line l ON l.invoice_id = i.invoice_id"
                + " WHERE l.match_result IS NOT NULL AND l.match_result <> 'MATCHED'"
                + " AND i.process_instance_id IN ("
                + exceptions
                + ")")
        .params(params)
        .query(
            (rs, i) ->
                reasons
                    .computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                    .add(rs.getString(2)))
        .list();
    jdbc.sql(
            "SELECT DISTINCT e.PROC_INST_ID_, e.ACT_ID_ FROM ACT_HI_ACTINST e"
                + " WHERE e.ACT_ID_ IN ('PurchaseOrderProblemEvent', 'GoodsWaitTimeoutEvent')"
                + " AND e.PROC_INST_ID_ IN ("
                + exceptions
                + ")")
        .params(params)
        .query(
            (rs, i) ->
                reasons
                    .computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                    .add(
                        "PurchaseOrderProblemEvent".equals(rs.getString(2))
                            ? "PURCHASE_ORDER_PROBLEM"
                            : "GOODS_NOT_RECEIVED"))
        .list();
    Map<String, Long> counts = new TreeMap<>();
    for (String instance : raised) {
      Set<String> of = reasons.getOrDefault(instance, Set.of("OTHER"));
      of.forEach(r -> counts.merge(r, 1L, Long::sum));
    }
    return counts.entrySet().stream().map(e -> new ReasonCount(e.getKey(), e.getValue())).toList();
  }

  private List<LevelLeadTime> approvalLeadTime(String processKey, Period period) {
    record Task(String instance, Instant start, Instant end, String deleteReason) {}
    List<Task> tasks =
        jdbc.sql(
                "SELECT t.PROC_INST_ID_, t.START_TIME_, t.END_TIME_, t.DELETE_REASON_"
                    + " FROM ACT_HI_TASKINST t WHERE t.TASK_DEF_KEY_ = ? AND t.PROC_INST_ID_ IN ("
                    + "SELECT d.PROC_INST_ID_ FROM ACT_HI_TASKINST d WHERE d.PROC_DEF_KEY_ = ?"
                    + " AND d.TASK_DEF_KEY_ = ? AND d.END_TIME_ >= ? AND d.END_TIME_ < ?)"
                    + " ORDER BY t.PROC_INST_ID_, t.START_TIME_, t.ID_")
            .params(
                INVOICE_APPROVAL_TASK,
                processKey,
                INVOICE_APPROVAL_TASK,
                period.fromTs(),
                period.toTs())
            .query(
                (rs, i) ->
                    new Task(
                        rs.getString(1),
                        instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3)),
                        rs.getString(4)))
            .list();
    Map<Integer, List<Long>> perLevel = new TreeMap<>();
    String instance = null;
    int level = 0;
    for (Task t : tasks) {
      level = t.instance().equals(instance) ? level + 1 : 1;
      instance = t.instance();
      if (period.holds(t.end()) && "completed".equals(t.deleteReason())) {
        perLevel
            .computeIfAbsent(level, l -> new ArrayList<>())
            .add(Duration.between(t.start(), t.end()).toMillis());
      }
    }
    return perLevel.entrySet().stream()
        .map(e -> new LevelLeadTime(e.getKey(), Durations.of(e.getValue())))
        .toList();
  }

  // --- vendors ---------------------------------------------------------------------------------

  private List<TierLeadTime> leadTimeByRiskTier(String processKey, Period period) {
    Map<String, List<Long>> perTier = new TreeMap<>();
    jdbc.sql(
            "SELECT a.risk_tier, p.START_TIME_, p.END_TIME_ FROM vendor_application a"
                + " JOIN ACT_HI_PROCINST p ON p.ID_ = a.process_instance_id"
                + " WHERE p.PROC_DEF_KEY_ = ? AND p.STATE_ = 'COMPLETED'"
                + " AND p.END_TIME_ >= ? AND p.END_TIME_ < ?")
        .params(processKey, period.fromTs(), period.toTs())
        .query(
            (rs, i) ->
                perTier
                    .computeIfAbsent(
                        rs.getString(1) == null ? "UNASSESSED" : rs.getString(1),
                        t -> new ArrayList<>())
                    .add(
                        Duration.between(instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)))
                            .toMillis()))
        .list();
    return perTier.entrySet().stream()
        .map(e -> new TierLeadTime(e.getKey(), Durations.of(e.getValue())))
        .toList();
  }

  // --- incidents -------------------------------------------------------------------------------

  record IncidentRow(
      String instance, Instant reported, String priority, Duration respondWithin, Instant claim) {}

  private IncidentFigures incidents(String processKey, Period period) {
    List<IncidentRow> recent = incidentRows(processKey, period);
    Map<String, List<Instant>> escalations = escalationsOf(processKey, period);

    Map<String, long[]> perPriority = new TreeMap<>();
    Map<String, Long> response = new TreeMap<>();
    Map<LocalDate, long[]> weeks = new TreeMap<>();
    List<Long> firstResponse = new ArrayList<>();
    Instant now = io.handoff.platform.engine.EngineClock.now();
    for (IncidentRow r : recent) {
      String priority = r.priority() == null ? "NONE" : r.priority();
      if (period.holds(r.reported())) {
        perPriority.computeIfAbsent(priority, p -> new long[3])[0]++;
        if (r.claim() != null) {
          firstResponse.add(Duration.between(r.reported(), r.claim()).toMillis());
        }
      }
      if (r.respondWithin() == null) {
        continue;
      }
      Instant deadline = r.reported().plus(r.respondWithin());
      boolean missed = r.claim() != null ? r.claim().isAfter(deadline) : !deadline.isAfter(now);
      if (missed && period.holds(deadline)) {
        int level =
            1
                + (int)
                    escalations.getOrDefault(r.instance(), List.of()).stream()
                        .filter(e -> !e.isAfter(deadline))
                        .count();
        response.merge(priority + "\u0000" + level, 1L, Long::sum);
        perPriority.computeIfAbsent(priority, p -> new long[3])[1]++;
        weeks.computeIfAbsent(weekOf(deadline), w -> new long[2])[0]++;
      }
    }
    Map<String, Long> resolution = new TreeMap<>();
    jdbc.sql(
            "SELECT e.priority, e.from_level, e.escalated_at FROM incident_escalation e"
                + " WHERE e.escalated_at >= ? AND e.escalated_at < ?")
        .params(period.fromTs(), period.toTs())
        .query(
            (rs, i) -> {
              String priority = rs.getString(1);
              resolution.merge(priority + "\u0000" + rs.getInt(2), 1L, Long::sum);
              perPriority.computeIfAbsent(priority, p -> new long[3])[2]++;
              weeks.computeIfAbsent(weekOf(instant(rs.getTimestamp(3))), w -> new long[2])[1]++;
              return null;
            })
        .list();
    for (LocalDate week = weekOf(period.from()); week.isBefore(dayAfter(period.to())); ) {
      weeks.computeIfAbsent(week, w -> new long[2]);
      week = week.plusWeeks(1);
    }
    List<WeekBreaches> weekly = new ArrayList<>();
    weeks.forEach((w, n) -> weekly.add(new WeekBreaches(w, n[0], n[1])));
    return new IncidentFigures(
        perPriority.entrySet().stream()
            .map(
                e ->
                    new PriorityFigures(
                        e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
            .toList(),
        breaches(response),
        breaches(resolution),
        Durations.of(firstResponse),
        weekly,
        slaPauses(period));
  }

  /** The SLA pauses (incident_pause) that overlap the period. */
  private SlaPauses slaPauses(Period period) {
    String overlapping =
        " FROM incident_pause WHERE paused_at < ? AND (ended_at IS NULL OR ended_at >= ?)";
    refuseTooMany(
        jdbc.sql("SELECT COUNT(*)" + overlapping)
            .params(period.toTs(), period.fromTs())
            .query(Long.class)
            .single(),
        "SLA pauses");
    long[] counts = new long[4];
    List<Long> pausedFor = new ArrayList<>();
    jdbc.sql("SELECT paused_at, ended_at, outcome" + overlapping)
        .params(period.toTs(), period.fromTs())
        .query(
            (rs, i) -> {
              Instant paused = instant(rs.getTimestamp(1));
              Instant ended = instant(rs.getTimestamp(2));
              if (period.holds(paused)) {
                counts[0]++;
              }
              if (period.holds(ended)) {
                counts["ANSWERED".equals(rs.getString(3)) ? 1 : 2]++;
                pausedFor.add(Duration.between(paused, ended).toMillis());
              } else if (ended == null || !ended.isBefore(period.to())) {
                counts[3]++;
              }
              return null;
            })
        .list();
    return new SlaPauses(counts[0], counts[1], counts[2], counts[3], Durations.of(pausedFor));
  }

  private static List<Breaches> breaches(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(
            e -> {
              String[] key = e.getKey().split("\u0000");
              return new Breaches(key[0], Integer.parseInt(key[1]), e.getValue());
            })
        .toList();
  }

  /**
   * Incidents reported in the period or within {@code responseLookback} before it (their response
   * deadline may fall into the period), with priority, response target (the first evaluation of the
   * SLA table in the instance) and first claim of any of their tasks.
   */
  private List<IncidentRow> incidentRows(String processKey, Period period) {
    Timestamp since = Timestamp.from(period.from().minus(props.responseLookback()));
    refuseTooMany(
        jdbc.sql(
                "SELECT COUNT(*) FROM ACT_HI_PROCINST p WHERE p.PROC_DEF_KEY_ = ?"
                    + " AND p.START_TIME_ >= ? AND p.START_TIME_ < ?")
            .params(processKey, since, period.toTs())
            .query(Long.class)
            .single(),
        "incidents");
    Map<String, IncidentRow> rows = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT p.ID_, p.START_TIME_, i.priority,"
                + " (SELECT MIN(c.claimed_at) FROM insight_task_claim c"
                + "   WHERE c.process_instance_id = p.ID_)"
                + " FROM ACT_HI_PROCINST p LEFT JOIN incident i ON i.process_instance_id = p.ID_"
                + " WHERE p.PROC_DEF_KEY_ = ? AND p.START_TIME_ >= ? AND p.START_TIME_ < ?"
                + " ORDER BY p.START_TIME_, p.ID_")
        .params(processKey, since, period.toTs())
        .query(
            (rs, i) ->
                rows.put(
                    rs.getString(1),
                    new IncidentRow(
                        rs.getString(1),
                        instant(rs.getTimestamp(2)),
                        rs.getString(3),
                        null,
                        instant(rs.getTimestamp(4)))))
        .list();
    Set<String> seen = new HashSet<>();
    jdbc.sql(
            "SELECT l.process_instance_id, l.outcome FROM decision_ledger l"
                + " JOIN ACT_HI_PROCINST p ON p.ID_ = l.process_instance_id"
                + " WHERE p.PROC_DEF_KEY_ = ? AND p.START_TIME_ >= ? AND p.START_TIME_ < ?"
                + " AND l.decision = ? ORDER BY l.entry_id")
        .params(processKey, since, period.toTs(), SLA_TARGETS_DECISION)
        .query(
            (rs, i) -> {
              String instance = rs.getString(1);
              IncidentRow row = rows.get(instance);
              if (row != null && seen.add(instance)) {
                rows.put(
                    instance,
                    new IncidentRow(
                        row.instance(),
                        row.reported(),
                        row.priority(),
                        respondWithin(rs.getString(2)),
                        row.claim()));
              }
              return null;
            })
        .list();
    return new ArrayList<>(rows.values());
  }

  private Map<String, List<Instant>> escalationsOf(String processKey, Period period) {
    Map<String, List<Instant>> escalations = new HashMap<>();
    jdbc.sql(
            "SELECT i.process_instance_id, e.escalated_at FROM incident_escalation e"
                + " JOIN incident i ON i.id = e.incident_id"
                + " JOIN ACT_HI_PROCINST p ON p.ID_ = i.process_instance_id"
                + " WHERE p.PROC_DEF_KEY_ = ? AND p.START_TIME_ >= ? AND p.START_TIME_ < ?")
        .params(
            processKey,
            Timestamp.from(period.from().minus(props.responseLookback())),
            period.toTs())
        .query(
            (rs, i) ->
                escalations
                    .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(instant(rs.getTimestamp(2))))
        .list();
    return escalations;
  }

  private Duration respondWithin(String outcome) {
    try {
      JsonNode node = json.readTree(outcome);
      JsonNode value =
          node.isArray() ? node.path(0).path("respondWithin") : node.path("respondWithin");
      return value.isTextual() ? Duration.parse(value.asText()) : null;
    } catch (Exception unreadable) {
      return null;
    }
  }

  // --- agents ----------------------------------------------------------------------------------

  private List<AgentFigures> agents(String processKey, Period period) {
    return jdbc.sql(
            "SELECT a.task, a.activity_id, COUNT(*),"
                + " SUM(CASE WHEN a.agrees IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN a.agrees = TRUE THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN a.agrees = FALSE THEN 1 ELSE 0 END)"
                + " FROM agent_action a JOIN ACT_HI_PROCINST p ON p.ID_ = a.process_instance_id"
                + " WHERE p.PROC_DEF_KEY_ = ? AND p.START_TIME_ >= ? AND p.START_TIME_ < ?"
                + " GROUP BY a.task, a.activity_id ORDER BY a.task, a.activity_id")
        .params(processKey, period.fromTs(), period.toTs())
        .query(
            (rs, i) -> {
              long reviewed = rs.getLong(4);
              long agreed = rs.getLong(5);
              long overridden = rs.getLong(6);
              return new AgentFigures(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  reviewed,
                  agreed,
                  overridden,
                  rate(agreed, reviewed),
                  rate(overridden, reviewed));
            })
        .list();
  }

  // --- elements --------------------------------------------------------------------------------

  public ElementInsights elements(String processKey, Period period) {
    String where = " WHERE a.PROC_DEF_KEY_ = ? AND a.START_TIME_ >= ? AND a.START_TIME_ < ?";
    Object[] params = {processKey, period.fromTs(), period.toTs()};
    long count =
        jdbc.sql("SELECT COUNT(*) FROM ACT_HI_ACTINST a" + where)
            .params(params)
            .query(Long.class)
            .single();
    if (count > (long) props.maxInstances() * 50) {
      refuseTooMany(count, "element instances");
    }
    record Acc(
        String id,
        String type,
        String[] name,
        long[] entered,
        List<Long> duration,
        List<Long> waiting,
        List<Long> working) {}
    Map<String, Acc> acc = new TreeMap<>();
    jdbc.sql(
            "SELECT a.ACT_ID_, a.ACT_NAME_, a.ACT_TYPE_, a.START_TIME_, a.END_TIME_, c.claimed_at"
                + " FROM ACT_HI_ACTINST a LEFT JOIN insight_task_claim c ON c.task_id = a.TASK_ID_"
                + where)
        .params(params)
        .query(
            (rs, i) -> {
              String id = rs.getString(1);
              String type = rs.getString(3);
              Acc a =
                  acc.computeIfAbsent(
                      id,
                      k ->
                          new Acc(
                              id,
                              type,
                              new String[1],
                              new long[1],
                              new ArrayList<>(),
                              new ArrayList<>(),
                              new ArrayList<>()));
              if (a.name()[0] == null) {
                a.name()[0] = rs.getString(2);
              }
              a.entered()[0]++;
              Instant start = instant(rs.getTimestamp(4));
              Instant end = instant(rs.getTimestamp(5));
              Instant claimed = instant(rs.getTimestamp(6));
              if (end != null) {
                a.duration().add(Duration.between(start, end).toMillis());
              }
              if ("userTask".equals(type)) {
                if (claimed != null) {
                  a.waiting().add(Duration.between(start, claimed).toMillis());
                  if (end != null) {
                    a.working().add(Duration.between(claimed, end).toMillis());
                  }
                } else if (end != null) {
                  a.waiting().add(Duration.between(start, end).toMillis());
                }
              }
              return null;
            })
        .list();
    long total =
        acc.values().stream()
            .filter(a -> !CONTAINERS.contains(a.type()))
            .flatMap(a -> a.duration().stream())
            .mapToLong(Long::longValue)
            .sum();
    List<Element> elements = new ArrayList<>();
    for (Acc a : acc.values()) {
      boolean userTask = "userTask".equals(a.type());
      boolean waitState = WAIT_STATES.contains(a.type());
      long time = a.duration().stream().mapToLong(Long::longValue).sum();
      elements.add(
          new Element(
              a.id(),
              a.name()[0],
              a.type(),
              a.entered()[0],
              a.duration().size(),
              Durations.of(a.duration()),
              userTask ? Durations.of(a.waiting()) : null,
              userTask ? Durations.of(a.working()) : null,
              waitState ? Durations.of(a.duration()) : null,
              CONTAINERS.contains(a.type()) ? null : rate(time, total)));
    }
    return new ElementInsights(processKey, period.from(), period.to(), total, elements);
  }

  // --- for the gauges --------------------------------------------------------------------------

  /** Open user tasks per candidate group and the creation time of the oldest. */
  public record OpenWork(String group, long open, Instant oldestCreated) {}

  public List<OpenWork> openWork() {
    return jdbc.sql(
            "SELECT i.GROUP_ID_, COUNT(DISTINCT t.ID_), MIN(t.CREATE_TIME_) FROM ACT_RU_TASK t"
                + " JOIN ACT_RU_IDENTITYLINK i ON i.TASK_ID_ = t.ID_"
                + " WHERE i.TYPE_ = 'candidate' AND i.GROUP_ID_ IS NOT NULL GROUP BY i.GROUP_ID_")
        .query((rs, i) -> new OpenWork(rs.getString(1), rs.getLong(2), instant(rs.getTimestamp(3))))
        .list();
  }

  /** Response and resolution breaches of incidents that happened in the period. */
  public long[] slaBreaches(Period period) {
    IncidentFigures figures = incidents(INCIDENT_PROCESS, period);
    long response = figures.responseBreaches().stream().mapToLong(Breaches::count).sum();
    long resolution = figures.resolutionBreaches().stream().mapToLong(Breaches::count).sum();
    return new long[] {response, resolution};
  }

  /** The straight-through rate of invoices completed in the period; absent when none did. */
  public StraightThrough invoiceStraightThrough(Period period) {
    List<InstanceRow> ended =
        instances(INVOICE_PROCESS, period).stream().filter(r -> period.holds(r.end())).toList();
    return straightThrough(INVOICE_PROCESS, period, ended);
  }

  // --- helpers ---------------------------------------------------------------------------------

  static BigDecimal rate(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  static LocalDate weekOf(Instant instant) {
    return instant
        .atOffset(ZoneOffset.UTC)
        .toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static LocalDate dayAfter(Instant instant) {
    return instant.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  /** An ISO 8601 instant, or a date meaning its start in UTC. */
  static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }
}
