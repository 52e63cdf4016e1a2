import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Handoff benchmark: starts the application jar as child JVMs (H2 and PostgreSQL, Handoff's
 * configuration and stock Camunda settings), drives them over loopback HTTP and JDBC, and writes a
 * Markdown report. Run through {@code bench/run.sh}; see docs/benchmarks.md.
 *
 * <p>Usage: {@code java -cp <app libs> bench/Benchmark.java <jar> <work dir> <report> [--small]}
 */
public class Benchmark {

  // ---------------------------------------------------------------- sizes
  static boolean small;
  static int reps;
  // Untimed warm-up rounds before the timed ones (straight-through, incidents, one node and two),
  // the same for every variant: -Dbench.warmups (default 1).
  static int warmups;
  static int stInvoices; // straight-through invoices per repetition
  static int incidents; // incidents per repetition
  static int latencyRequests; // requests per endpoint, concurrency and repetition
  static int taskBatch; // tasks opened by one start of bench-tasks
  static int[] taskSizes;
  static int taskQueries; // queries per repetition
  static int timers;
  static int timerReps;
  static double ceilingSeconds;
  static int coldReps;
  static final int[] CONCURRENCY = {1, 8, 32};
  static final int DRIVE_CLIENTS = 8;

  static final String PG_HOST = "127.0.0.1";
  static final int PG_PORT = 5432;
  static final String PG_ADMIN = "postgres";

  static Path jar;
  static Path work;
  static Path report;
  static final Report R = new Report();
  static final List<Node> LIVE = Collections.synchronizedList(new ArrayList<>());
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newCachedThreadPool())
          .build();
  static final String RUN = "B" + DateTimeFormatter.ofPattern("HHmmss").format(java.time.LocalTime.now());
  static final long T0 = System.nanoTime();
  static long deadlineEpoch = Long.MAX_VALUE;
  /** Scenarios to run ({@code -Dbench.only=pg,timers,h2,cold}; all by default). */
  static List<String> only;
  /** Parts of the per-database scenarios to leave out ({@code -Dbench.skip=latency,tasks}). */
  static List<String> skip;

  /** False (and a note in the report) once the run's time budget is used up. */
  static boolean inBudget(String step) {
    if (Instant.now().getEpochSecond() < deadlineEpoch) {
      return true;
    }
    R.note("Skipped for lack of time (budget set with BENCH_DEADLINE): " + step);
    log("skipped (time budget): " + step);
    return false;
  }

  // ---------------------------------------------------------------- variants

  /**
   * Handoff's configuration: application.yaml as shipped (plus the postgres profile on PG). {@code
   * -Dbench.handoffArgs="--a=b --c=d"} adds settings, e.g. to measure a setting before it is tuned.
   */
  static List<String> handoffArgs() {
    String extra = System.getProperty("bench.handoffArgs", "").trim();
    return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
  }

  /** Stock Camunda: history FULL, the starter's default job executor, Hikari's default pool. */
  static List<String> stockArgs() {
    return STOCK;
  }

  static final List<String> STOCK =
      List.of(
        "--camunda.bpm.history-level=full",
        "--camunda.bpm.job-execution.core-pool-size=3",
        "--camunda.bpm.job-execution.max-pool-size=10",
        "--camunda.bpm.job-execution.queue-capacity=3",
        "--camunda.bpm.job-execution.max-jobs-per-acquisition=3",
        "--camunda.bpm.job-execution.lock-time-in-millis=300000",
        "--camunda.bpm.job-execution.wait-time-in-millis=5000",
        "--camunda.bpm.job-execution.max-wait=60000",
        "--camunda.bpm.job-execution.backoff-time-in-millis=0",
        "--camunda.bpm.job-execution.max-backoff=0",
        "--camunda.bpm.job-execution.backoff-decrease-threshold=100",
        "--camunda.bpm.generic-properties.properties.jobExecutorAcquireByPriority=true",
        "--spring.datasource.hikari.maximum-pool-size=10",
        "--spring.datasource.hikari.minimum-idle=10",
        // PostgreSQL's own default (JIT on) and the driver's (one statement per batched insert),
        // not the postgres profile's connection options.
        "--spring.datasource.hikari.data-source-properties.options=",
        "--spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=false");

  static final List<String> JVM = List.of("-Xms256m", "-Xmx1g");

  // ---------------------------------------------------------------- main

  public static void main(String[] args) throws Exception {
    jar = Path.of(args[0]).toAbsolutePath();
    work = Path.of(args[1]).toAbsolutePath();
    report = Path.of(args[2]).toAbsolutePath();
    small = Arrays.asList(args).contains("--small");
    reps = small ? 1 : 5;
    stInvoices = small ? 10 : 300;
    latencyRequests = small ? 16 : 160;
    taskBatch = small ? 250 : 1000;
    taskSizes = small ? new int[] {500, 1_000} : new int[] {10_000, 100_000};
    taskQueries = small ? 10 : 60;
    timers = small ? 200 : 10_000;
    timerReps = small ? 1 : Integer.getInteger("bench.timerReps", 5);
    deadlineEpoch = Long.getLong("bench.deadline", Long.MAX_VALUE);
    ceilingSeconds = small ? 1.0 : 4.0;
    coldReps = small ? 1 : Integer.getInteger("bench.coldReps", 5);
    warmups = Math.max(1, Integer.getInteger("bench.warmups", 1));
    stInvoices = Integer.getInteger("bench.invoices", stInvoices);
    incidents = Integer.getInteger("bench.incidents", small ? 10 : 200);
    latencyRequests = Integer.getInteger("bench.latencyRequests", latencyRequests);
    taskQueries = Integer.getInteger("bench.taskQueries", taskQueries);
    timers = Integer.getInteger("bench.timers", timers);
    only = List.of(System.getProperty("bench.only", "pg,timers,h2,cold").split(","));
    skip = List.of(System.getProperty("bench.skip", "").split(","));
    Files.createDirectories(work);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Node::kill)));
    R.machine();
    log("run " + RUN + (small ? " (small)" : "") + ", work dir " + work);
    try {
      // PostgreSQL first: three of the four goals are measured there.
      if (only.contains("pg")) {
        guarded("PostgreSQL scenarios", () -> database(true));
      }
      if (only.contains("timers") && inBudget("timer storm")) {
        guarded("timer storm", Benchmark::timerStorm);
      }
      if (only.contains("h2")) {
        guarded("H2 scenarios", () -> database(false));
      }
      if (only.contains("cold")) {
        guarded("cold starts", Benchmark::coldStarts);
      }
    } catch (Throwable t) {
      R.note("The run stopped early: " + t);
      log("FAILED: " + t);
      t.printStackTrace();
    } finally {
      LIVE.forEach(Node::kill);
      R.write(report);
      log("report written to " + report);
    }
  }

  /** Runs one scenario; a failure is reported and the run goes on with the next one. */
  static void guarded(String scenario, Call call) {
    if (!attempt(scenario, call)) {
      List.copyOf(LIVE).forEach(Node::kill);
      LIVE.clear();
    }
  }

  static boolean attempt(String scenario, Call call) {
    try {
      call.run();
      return true;
    } catch (Throwable t) {
      R.note(scenario + " failed: " + t.getMessage());
      log(scenario + " FAILED: " + t);
      t.printStackTrace(System.out);
      return false;
    }
  }

  static void log(String message) {
    long s = (System.nanoTime() - T0) / 1_000_000_000L;
    System.out.printf("[bench %4ds] %s%n", s, message);
  }

  // ---------------------------------------------------------------- one database

  static void database(boolean pg) throws Exception {
    String db = pg ? "PostgreSQL" : "H2";
    Target handoff = Target.fresh(pg, "handoff");
    Target stock = Target.fresh(pg, "stock");
    try {
      // (2) the ceiling, on Handoff's database and pool size, before the nodes load the machine.
      int poolSize = pg ? 20 : 10;
      for (int r = 0; r < reps; r++) {
        R.add(db, "ceiling", "Single-row insert-and-commit transactions/s (pool " + poolSize + ")",
            ceiling(handoff, poolSize), "tx/s");
      }
      Node a = Node.start(db + "-handoff", handoff, handoffArgs());
      R.coldStart(db, a);
      Node b = Node.start(db + "-stock", stock, stockArgs());
      R.settings(db, a, b);

      if (!skip.contains("straight")) {
        attempt(db + " straight-through", () -> straightThrough(db, a, b, handoff, stock));
      }
      if (!skip.contains("incidents")) {
        attempt(db + " incidents", () -> incidentRounds(db, a, b, handoff, stock));
      }
      if (pg && !skip.contains("nodes") && inBudget(db + " straight-through on two nodes")) {
        attempt(db + " two nodes", () -> twoNodes(db, a, handoff));
      }
      if (!skip.contains("latency")) {
        attempt(db + " REST latency", () -> latency(db, a));
      }
      if (!skip.contains("tasks")) {
        attempt(db + " task query", () -> taskQuery(db, a, handoff));
      }

      R.rss(db + ", Handoff configuration, after the runs", a.rssMb());
      R.rss(db + ", stock Camunda, after the runs", b.rssMb());
      a.stop();
      b.stop();
    } finally {
      handoff.drop();
      stock.drop();
    }
  }

  // ---------------------------------------------------------------- (2) database ceiling

  static double ceiling(Target target, int poolSize) throws Exception {
    try (HikariDataSource ds = target.pool(poolSize)) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS bench_ceiling (id BIGINT GENERATED BY DEFAULT AS IDENTITY"
                + " PRIMARY KEY, payload VARCHAR(100), created TIMESTAMP)");
      }
      AtomicLong done = new AtomicLong();
      long end = System.nanoTime() + (long) (ceilingSeconds * 1e9);
      ExecutorService pool = Executors.newFixedThreadPool(poolSize);
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < poolSize; t++) {
        futures.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    try (Connection c = ds.getConnection()) {
                      c.setAutoCommit(false);
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "INSERT INTO bench_ceiling (payload, created) VALUES (?, ?)")) {
                        ps.setString(1, "invoice line payload");
                        ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                        ps.executeUpdate();
                      }
                      c.commit();
                      done.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      return done.get() / seconds;
    }
  }

  // ---------------------------------------------------------------- (1) straight-through

  static void straightThrough(String db, Node a, Node b, Target ta, Target tb) throws Exception {
    log(db + ": straight-through, " + stInvoices + " invoices per repetition, " + reps + " + "
        + warmups + " warm-up");
    int rounds = reps + warmups;
    // Purchase orders and goods receipts for every round first; not timed.
    for (Node n : List.of(a, b)) {
      parallel(DRIVE_CLIENTS, rounds * stInvoices, i -> n.purchaseOrder("ST" + i, i));
    }
    Map<Node, Counters> rowsBefore = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      if (round == warmups && ta.pg) {
        Target.settle();
        rowsBefore.put(a, ta.counters());
        rowsBefore.put(b, tb.counters());
      }
      List<Node> order = round % 2 == 0 ? List.of(a, b) : List.of(b, a);
      Map<Node, Double> rate = new LinkedHashMap<>();
      Map<Node, Cpu> cpu = new LinkedHashMap<>();
      for (Node n : order) {
        Target t = n == a ? ta : tb;
        int first = round * stInvoices;
        Cpu c = Cpu.start(List.of(n), t);
        long start = System.nanoTime();
        parallel(DRIVE_CLIENTS, stInvoices, i -> n.invoice("ST" + (first + i), first + i));
        awaitNoRunning(n, t, "invoice-three-way-match");
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.put(n, c.stop(stInvoices));
        rate.put(n, stInvoices / seconds);
      }
      if (round < warmups) {
        continue; // warm-up
      }
      R.add(db, "straight", "Handoff configuration (a), instances/s", rate.get(a), "/s");
      R.add(db, "straight", "stock Camunda (b), instances/s", rate.get(b), "/s");
      R.add(db, "straight", "ratio a/b", rate.get(a) / rate.get(b), "x");
      R.add(db, "straight", "(a) ÷ database ceiling", rate.get(a) / R.median(db, "ceiling"), "%");
      cpu.get(a).report(db, "cost", "straight-through invoice, Handoff configuration (a)", pg(db));
      cpu.get(b).report(db, "cost", "straight-through invoice, stock Camunda (b)", pg(db));
      R.add(db, "memory", "after each straight-through round, Handoff configuration (a)", a.rssMb(), "MB");
      R.add(db, "memory", "after each straight-through round, stock Camunda (b)", b.rssMb(), "MB");
      log(db + String.format(": round %d  a=%.1f/s  b=%.1f/s", round, rate.get(a), rate.get(b)));
    }
    if (ta.pg) {
      Target.settle();
      Counters ca = ta.counters().minus(rowsBefore.get(a));
      Counters cb = tb.counters().minus(rowsBefore.get(b));
      ca.report(db, "straight-through invoice, Handoff configuration (a)", reps * stInvoices);
      cb.report(db, "straight-through invoice, stock Camunda (b)", reps * stInvoices);
      long ra = ca.written;
      long rb = cb.written;
      double perInvoiceA = ra / (double) (reps * stInvoices);
      double rowsPerSecond =
          Report.median(R.figures.get(db + "|straight").get("Handoff configuration (a), instances/s"))
              * perInvoiceA;
      R.note(String.format("PostgreSQL straight-through: rows written (inserted, updated and deleted,"
          + " from pg_stat_database) per invoice over the %d timed rounds: %.1f with Handoff's"
          + " configuration (a), %.1f with stock Camunda (b). At the measured rate (a) wrote %.0f"
          + " rows/s, %.1f %% of the single-row ceiling.", reps, perInvoiceA,
          rb / (double) (reps * stInvoices), rowsPerSecond,
          100 * rowsPerSecond / R.median(db, "ceiling")));
    }
    for (Node n : List.of(a, b)) {
      long scheduled = n.historyActivityCount("InvoiceScheduledEndEvent");
      if (scheduled != (long) rounds * stInvoices) {
        R.note(db + " " + n.name + ": " + scheduled + " of " + rounds * stInvoices
            + " invoices reached InvoiceScheduledEndEvent (expected all straight through)");
      }
    }
  }

  static boolean pg(String db) {
    return db.equals("PostgreSQL");
  }

  /**
   * Waits until no instance of the process is running. On PostgreSQL it asks the database over a
   * connection of the driver's own (whose server process the CPU figures leave out), so the
   * waiting costs the node nothing; H2's file belongs to the node, so there it asks the node's
   * engine REST API every 200 ms, which the node's CPU figure then includes.
   */
  static void awaitNoRunning(Node n, Target t, String key) throws Exception {
    if (!t.pg) {
      n.awaitNoRunning(key, Duration.ofMinutes(10));
      return;
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (t.count("SELECT count(*) FROM act_ru_execution WHERE id_ = proc_inst_id_"
        + " AND proc_def_id_ LIKE '" + key + ":%'") > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(n.name + ": " + key + " instances still running after 10 min");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Incidents: N reported incidents without a category (so the agent step classifies them), each
   * through priority and assignment decision tables to a user task, in the same request. Nodes
   * (a) and (b) take turns round by round as in the straight-through rounds.
   */
  static void incidentRounds(String db, Node a, Node b, Target ta, Target tb) throws Exception {
    log(db + ": incidents, " + incidents + " per repetition, " + reps + " + " + warmups
        + " warm-up");
    Map<Node, Counters> before = new LinkedHashMap<>();
    for (int round = 0; round < reps + warmups; round++) {
      if (round == warmups && ta.pg) {
        Target.settle();
        before.put(a, ta.counters());
        before.put(b, tb.counters());
      }
      List<Node> order = round % 2 == 0 ? List.of(a, b) : List.of(b, a);
      Map<Node, Cpu> cpu = new LinkedHashMap<>();
      Map<Node, Double> rate = new LinkedHashMap<>();
      for (Node n : order) {
        Target t = n == a ? ta : tb;
        int first = round * incidents;
        Cpu c = Cpu.start(List.of(n), t);
        long start = System.nanoTime();
        parallel(DRIVE_CLIENTS, incidents, i -> n.classifiedIncident(first + i));
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.put(n, c.stop(incidents));
        rate.put(n, incidents / seconds);
      }
      if (round < warmups) {
        continue;
      }
      R.add(db, "incidents", "Handoff configuration (a), incidents/s", rate.get(a), "/s");
      R.add(db, "incidents", "stock Camunda (b), incidents/s", rate.get(b), "/s");
      cpu.get(a).report(db, "cost", "incident to its user task, Handoff configuration (a)", pg(db));
      cpu.get(b).report(db, "cost", "incident to its user task, stock Camunda (b)", pg(db));
    }
    if (ta.pg) {
      Target.settle();
      ta.counters().minus(before.get(a))
          .report(db, "incident to its user task, Handoff configuration (a)", reps * incidents);
      tb.counters().minus(before.get(b))
          .report(db, "incident to its user task, stock Camunda (b)", reps * incidents);
    }
    for (Node n : List.of(a, b)) {
      long resolve = n.count("/engine-rest/task/count?processDefinitionKey=incident-escalation"
          + "&taskDefinitionKey=ResolveIncidentTask");
      long triage = n.count("/engine-rest/task/count?processDefinitionKey=incident-escalation"
          + "&taskDefinitionKey=TriageIncidentTask");
      R.note(String.format("%s incidents, %s: %d waiting at ResolveIncidentTask (classified by the"
          + " agent, assigned by DMN), %d at TriageIncidentTask (agent below its confidence"
          + " threshold), of %d reported (the latency scenario adds its own later).", db, n.name,
          resolve, triage, (reps + warmups) * incidents));
    }
  }

  /**
   * Straight-through invoices on one node of Handoff's configuration, then on two nodes of it
   * sharing the database (the 8 clients split between them), taking turns round by round.
   */
  static void twoNodes(String db, Node a, Target ta) throws Exception {
    Node a2 = Node.start(db + "-handoff-2", ta, handoffArgs());
    try {
      int rounds = reps + warmups;
      log(db + ": one node against two, " + stInvoices + " invoices per repetition");
      parallel(DRIVE_CLIENTS, 2 * rounds * stInvoices, i -> a.purchaseOrder("TN" + i, i));
      for (int round = 0; round < rounds; round++) {
        for (int nodes = 1; nodes <= 2; nodes++) {
          List<Node> serving = nodes == 1 ? List.of(a) : List.of(a, a2);
          int first = (2 * round + nodes - 1) * stInvoices;
          Cpu c = Cpu.start(serving, ta);
          long start = System.nanoTime();
          parallel(DRIVE_CLIENTS, stInvoices,
              i -> serving.get(i % serving.size()).invoice("TN" + (first + i), first + i));
          awaitNoRunning(a, ta, "invoice-three-way-match");
          double seconds = (System.nanoTime() - start) / 1e9;
          Cpu done = c.stop(stInvoices);
          if (round < warmups) {
            continue;
          }
          String label = nodes == 1 ? "one node" : "two nodes";
          R.add(db, "nodes", "Handoff configuration, " + label + ", instances/s",
              stInvoices / seconds, "/s");
          done.report(db, "cost", "straight-through invoice, Handoff configuration, " + label
              + " (CPU of all its nodes)", true);
        }
      }
    } finally {
      a2.stop();
    }
  }

  /** Rows and transactions of one database from PostgreSQL's statistics, and rows per table. */
  record Counters(long written, long fetched, long transactions, Map<String, Long> perTable) {
    Counters minus(Counters o) {
      Map<String, Long> d = new LinkedHashMap<>();
      perTable.forEach((k, v) -> d.put(k, v - o.perTable.getOrDefault(k, 0L)));
      return new Counters(written - o.written, fetched - o.fetched, transactions - o.transactions, d);
    }

    void report(String db, String what, int instances) {
      R.add(db, "rows", "rows written (inserted, updated, deleted) per " + what,
          written / (double) instances, "rows");
      R.add(db, "rows", "rows read (fetched) per " + what, fetched / (double) instances, "rows");
      R.add(db, "rows", "transactions (commits and rollbacks) per " + what,
          transactions / (double) instances, "tx");
      StringBuilder top = new StringBuilder();
      perTable.entrySet().stream().filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> top.append(top.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
              .append(Report.fmt(e.getValue() / (double) instances)));
      R.note(db + " rows written per " + what + ", by table: " + top);
    }
  }

  /**
   * CPU used by application nodes (utime + stime of the JVM process, /proc/<pid>/stat) and by the
   * PostgreSQL server processes serving their database (the backends pg_stat_activity lists for
   * it, without the driver's own connection) over one round.
   */
  static final class Cpu {
    static final double MS_PER_TICK = 1000.0 / Long.parseLong(shQuiet("100", "getconf", "CLK_TCK"));
    final List<Node> nodes;
    final Target target;
    final long appTicks;
    final Map<String, Long> jitTicks;
    final Map<Long, Long> serverTicks;
    double appMsPer = Double.NaN;
    double jitMsPer = Double.NaN;
    double serverMsPer = Double.NaN;

    Cpu(List<Node> nodes, Target target) throws Exception {
      this.nodes = nodes;
      this.target = target;
      this.appTicks = appTicks();
      this.jitTicks = jitTicks();
      this.serverTicks = target.pg ? target.serverTicks() : null;
    }

    /**
     * utime + stime of each JIT compiler thread of the nodes ("C1/C2 CompilerThre…" in
     * /proc/<pid>/task/<tid>/comm), by pid/tid. A compiler thread that ends during the round takes
     * its time out of this part (not out of the process's): the JIT share is then a lower bound.
     */
    Map<String, Long> jitTicks() throws IOException {
      Map<String, Long> ticks = new HashMap<>();
      for (Node n : nodes) {
        Path tasks = Path.of("/proc", Long.toString(n.process.pid()), "task");
        try (var threads = Files.list(tasks)) {
          for (Path t : (Iterable<Path>) threads::iterator) {
            try {
              if (Files.readString(t.resolve("comm")).trim().matches("C\\d CompilerThre.*")) {
                String stat = Files.readString(t.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(n.process.pid() + "/" + t.getFileName(),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]));
              }
            } catch (IOException gone) {
              // the thread ended between the listing and the read
            }
          }
        }
      }
      return ticks;
    }

    static Cpu start(List<Node> nodes, Target target) throws Exception {
      return new Cpu(nodes, target);
    }

    long appTicks() throws IOException {
      long sum = 0;
      for (Node n : nodes) {
        sum += ticks(n.process.pid());
      }
      return sum;
    }

    Cpu stop(int instances) throws Exception {
      appMsPer = (appTicks() - appTicks) * MS_PER_TICK / instances;
      long jit = 0;
      for (Map.Entry<String, Long> e : jitTicks().entrySet()) {
        jit += e.getValue() - jitTicks.getOrDefault(e.getKey(), 0L);
      }
      jitMsPer = jit * MS_PER_TICK / instances;
      if (serverTicks != null) {
        Map<Long, Long> after = target.serverTicks();
        if (after != null && serverTicks != null) {
          long sum = 0;
          for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - serverTicks.getOrDefault(e.getKey(), 0L);
          }
          serverMsPer = sum * MS_PER_TICK / instances;
        }
      }
      return this;
    }

    void report(String db, String section, String what, boolean pg) {
      R.add(db, section, "app CPU ms per " + what, appMsPer, "ms");
      R.add(db, section, "of which the JIT compiler threads, ms per " + what, jitMsPer, "ms");
      if (pg) {
        R.add(db, section, "PostgreSQL server CPU ms per " + what, serverMsPer, "ms");
      }
    }

    /** utime + stime of a process in clock ticks; -1 when it cannot be read. */
    static long ticks(long pid) throws IOException {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
  }

  static String shQuiet(String fallback, String... command) {
    try {
      return sh(command);
    } catch (Exception e) {
      return fallback;
    }
  }

  // ---------------------------------------------------------------- (3) REST start latency

  static void latency(String db, Node n) throws Exception {
    log(db + ": REST start latency, " + latencyRequests + " requests per repetition");
    int invoicesNeeded = CONCURRENCY.length * reps * latencyRequests + 8;
    parallel(DRIVE_CLIENTS, invoicesNeeded, i -> n.purchaseOrder("LT" + i, i));
    AtomicInteger nextInvoice = new AtomicInteger();
    AtomicInteger nextIncident = new AtomicInteger();
    // Warm-up, not recorded.
    parallel(4, 8, i -> n.invoice("LT" + nextInvoice.getAndIncrement(), i));
    parallel(4, 8, i -> n.incident(nextIncident.getAndIncrement()));
    for (int c : CONCURRENCY) {
      for (int r = 0; r < reps; r++) {
        double[] inv = latencies(c, () -> {
          int i = nextInvoice.getAndIncrement();
          n.invoice("LT" + i, i);
        });
        double[] inc = latencies(c, () -> n.incident(nextIncident.getAndIncrement()));
        for (int[] q : new int[][] {{50}, {95}, {99}}) {
          R.add(db, "latency", "POST /api/invoices, " + c + " clients, p" + q[0],
              percentile(inv, q[0]), "ms");
          R.add(db, "latency", "POST /api/incidents, " + c + " clients, p" + q[0],
              percentile(inc, q[0]), "ms");
        }
      }
      log(db + ": latency at " + c + " clients done");
    }
  }

  interface Call {
    void run() throws Exception;
  }

  static double[] latencies(int clients, Call call) throws Exception {
    double[] ms = new double[latencyRequests];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      futures.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < latencyRequests) {
          long s = System.nanoTime();
          call.run();
          ms[i] = (System.nanoTime() - s) / 1e6;
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return ms;
  }

  // ---------------------------------------------------------------- (4) task query

  static void taskQuery(String db, Node n, Target target) throws Exception {
    n.deploy("bench-tasks", Path.of("bench/bench-tasks.bpmn"));
    int open = 0;
    for (int size : taskSizes) {
      if (!inBudget(db + " task query at " + label(size) + " open tasks")) {
        return;
      }
      if (db.equals("H2") && size > Integer.getInteger("bench.h2TaskLimit", Integer.MAX_VALUE)) {
        R.note("H2 task query at " + label(size) + " open tasks not run (bench.h2TaskLimit)");
        return;
      }
      long seedStart = System.nanoTime();
      int batches = (size - open) / taskBatch;
      parallel(2, batches, i -> n.startTasks(taskBatch));
      open = size;
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      target.analyze();
      long count = n.openTaskCount();
      log(String.format("%s: %d open tasks (seeded in %.1f s)", db, count, seedSeconds));
      R.note(String.format("%s task query: seeded to %s open tasks in %.1f s (%.0f tasks/s, %d per"
          + " start of bench-tasks)", db, label(size), seedSeconds, batches * taskBatch / seedSeconds,
          taskBatch));
      String user = n.taskQueryUser();
      double[] warm = new double[3];
      for (int w = 0; w < warm.length; w++) {
        long s = System.nanoTime();
        n.taskPage(user);
        warm[w] = (System.nanoTime() - s) / 1e9;
      }
      // A slow query gets fewer samples, so the run stays within its time (the n column shows it).
      double budget = Double.parseDouble(System.getProperty("bench.taskQuerySeconds", "60"));
      int allowed = (int) Math.max(3, budget / Math.max(0.001, percentile(warm, 50)));
      int queryReps = Math.min(reps, allowed);
      int perRep = Math.max(1, Math.min(taskQueries, allowed / queryReps));
      if (perRep < taskQueries) {
        R.note(String.format("%s task query at %s open tasks: a query took %.2f s while warming up, so"
            + " %d repetition(s) of %d queries were run instead of %d of %d", db, label(size),
            percentile(warm, 50), queryReps, perRep, reps, taskQueries));
      }
      for (int r = 0; r < queryReps; r++) {
        double[] ms = new double[perRep];
        for (int q = 0; q < perRep; q++) {
          long s = System.nanoTime();
          n.taskPage(user);
          ms[q] = (System.nanoTime() - s) / 1e6;
        }
        R.add(db, "tasks", "first page of 15 at " + label(size) + " open tasks, p95 (as " + user
            + ")", percentile(ms, 95), "ms");
        R.add(db, "tasks", "first page of 15 at " + label(size) + " open tasks, p50 (as " + user
            + ")", percentile(ms, 50), "ms");
      }
    }
  }

  static String label(int size) {
    return size % 1000 == 0 ? (size / 1000) + "k" : Integer.toString(size);
  }

  // ---------------------------------------------------------------- (5) timer storm

  static void timerStorm() throws Exception {
    String db = "PostgreSQL";
    Target target = Target.fresh(true, "timers");
    try {
      Node a = Node.start("timers-node-1", target, handoffArgs());
      R.coldStart("PostgreSQL", a);
      a.deploy("bench-timer", Path.of("bench/bench-timer.bpmn"));
      // The instances are started once; each timer sets itself again after firing (rearm), so every
      // repetition and both node counts fire the same 10,000 timers.
      long seedStart = System.nanoTime();
      AtomicInteger seq = new AtomicInteger();
      parallel(DRIVE_CLIENTS, timers, i -> a.startTimer(RUN + "-" + seq.incrementAndGet()));
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      target.analyze();
      R.note(String.format("Timer storm: %d instances started in %.1f s (%.0f/s) through the engine"
          + " REST API before the first storm.", timers, seedSeconds, timers / seedSeconds));
      stormRounds(target, List.of(a), "one node");
      Node b = Node.start("timers-node-2", target, handoffArgs());
      R.coldStart("PostgreSQL", b);
      stormRounds(target, List.of(a, b), "two nodes");
      R.rss("PostgreSQL, timer node 1, after the storms", a.rssMb());
      R.rss("PostgreSQL, timer node 2, after the storms", b.rssMb());
      a.stop();
      b.stop();
    } finally {
      target.drop();
    }
  }

  /** Timer jobs still due: a fired timer sets itself again far in the future (2099). */
  static final String DUE_TIMERS = "SELECT count(*) FROM act_ru_job WHERE process_def_key_ ="
      + " 'bench-timer' AND duedate_ < TIMESTAMP '2090-01-01 00:00:00'";

  static void stormRounds(Target target, List<Node> nodes, String label) throws Exception {
    for (int r = 0; r < timerReps; r++) {
      if (!inBudget("timer storm, " + label + ", repetition " + (r + 1))) {
        return;
      }
      try (HikariDataSource ds = target.pool(2); Connection c = ds.getConnection()) {
        // Let the job executors go idle first, as on a quiet night before the morning's SLAs.
        Thread.sleep(Long.getLong("bench.timerIdleMillis", 5_000));
        Instant due = Instant.now().plusSeconds(1);
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE act_ru_job SET duedate_ = ? WHERE process_def_key_ = 'bench-timer'")) {
          ps.setTimestamp(1, Timestamp.from(due));
          int updated = ps.executeUpdate();
          if (updated != timers) {
            R.note("timer storm " + label + ": " + updated + " timer jobs found, " + timers + " expected");
          }
        }
        double first = -1;
        double all;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
          long left = count(c, DUE_TIMERS);
          double since = (Instant.now().toEpochMilli() - due.toEpochMilli()) / 1000.0;
          if (first < 0 && left < timers) {
            first = since;
          }
          if (left == 0) {
            all = since;
            break;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timer storm " + label + ": " + left + " timers left after 10 min");
          }
          Thread.sleep(100);
        }
        R.add(db(), "timers", timers + " timers, " + label + ": seconds until all fired", all, "s");
        R.add(db(), "timers", timers + " timers, " + label + ": seconds until the first fired", first, "s");
        R.add(db(), "timers", timers + " timers, " + label + ": timers fired per second of firing",
            timers / Math.max(0.001, all - Math.max(0, first)), "/s");
        for (int n = 0; n < nodes.size(); n++) {
          R.add(db(), "memory", "after each timer storm, " + label + ", node " + (n + 1),
              nodes.get(n).rssMb(), "MB");
        }
        log(String.format("timer storm %s round %d: first %.1f s, all %.1f s", label, r, first, all));
      }
    }
  }

  static String db() {
    return "PostgreSQL";
  }

  static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- (6) cold start

  static void coldStarts() throws Exception {
    for (boolean pg : new boolean[] {false, true}) {
      String db = pg ? "PostgreSQL" : "H2";
      while (R.coldStarts(db) < coldReps && inBudget(db + " cold start " + (R.coldStarts(db) + 1))) {
        Target t = Target.fresh(pg, "cold");
        try {
          Node n = Node.start(db + "-cold", t, handoffArgs());
          R.coldStart(db, n);
          n.stop();
        } finally {
          t.drop();
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  interface IndexedTask {
    void run(int i) throws Exception;
  }

  static void parallel(int threads, int count, IndexedTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit((Callable<Void>) () -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          task.run(i);
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static double percentile(double[] values, int p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, idx))];
  }

  static Path logs() throws IOException {
    return Files.createDirectories(Path.of("target/bench/logs").toAbsolutePath());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  // ---------------------------------------------------------------- database targets

  /** A fresh database: an H2 file directory, or a PostgreSQL database made with createdb. */
  static final class Target {
    final boolean pg;
    final String name;
    final Path dir;

    Target(boolean pg, String name, Path dir) {
      this.pg = pg;
      this.name = name;
      this.dir = dir;
    }

    static Target fresh(boolean pg, String role) throws Exception {
      String name = ("handoff_bench_" + RUN + "_" + role + "_" + System.nanoTime() % 100000).toLowerCase();
      if (pg) {
        sh("createdb", "-h", PG_HOST, "-p", Integer.toString(PG_PORT), "-U", PG_ADMIN, name);
        return new Target(true, name, null);
      }
      Path dir = work.resolve(name);
      Files.createDirectories(dir);
      return new Target(false, name, dir);
    }

    String jdbcUrl() {
      return pg
          ? "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name
          : "jdbc:h2:file:" + dir.resolve("handoff") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    HikariDataSource pool(int size) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg ? jdbcUrl() : "jdbc:h2:file:" + dir.resolve("ceiling")
          + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
      config.setUsername(pg ? PG_ADMIN : "sa");
      config.setPassword("");
      config.setMaximumPoolSize(size);
      config.setMinimumIdle(size);
      return new HikariDataSource(config);
    }

    /**
     * PostgreSQL: refreshes the planner statistics after seeding, as autovacuum does within a minute
     * or two on a running system; without it the planner sees the seeded tables as nearly empty.
     */
    void analyze() throws Exception {
      if (pg) {
        try (HikariDataSource ds = pool(1); Connection c = ds.getConnection();
            Statement s = c.createStatement()) {
          s.execute("ANALYZE");
        }
      }
    }

    /** Waits until every connection's statistics have reached the server's counters. */
    static void settle() throws InterruptedException {
      Thread.sleep(11_000);
    }

    /** The driver's own connection to this database (its server process is not counted). */
    Connection probe;
    long probePid;

    synchronized long count(String sql) throws Exception {
      if (probe == null) {
        probe = java.sql.DriverManager.getConnection(jdbcUrl(), PG_ADMIN, "");
        probePid = Benchmark.count(probe, "SELECT pg_backend_pid()");
      }
      return Benchmark.count(probe, sql);
    }

    /**
     * CPU ticks of each server process serving this database, other than the driver's probe; null
     * when /proc of the server's processes cannot be read (another user's server, a remote one).
     */
    Map<Long, Long> serverTicks() throws Exception {
      count("SELECT 1");
      Map<Long, Long> ticks = new LinkedHashMap<>();
      try (Statement s = probe.createStatement();
          ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = '" + name
              + "' AND pid <> pg_backend_pid()")) {
        while (rs.next()) {
          long pid = rs.getLong(1);
          try {
            ticks.put(pid, Cpu.ticks(pid));
          } catch (IOException | RuntimeException e) {
            if (Files.exists(Path.of("/proc", Long.toString(pid)))) {
              return null; // there, but not readable for us (another user's server)
            }
            // Ended since pg_stat_activity listed it (a connection closed): its time is lost.
          }
        }
      }
      return ticks;
    }

    /**
     * PostgreSQL: rows written and read and transactions in this database so far, and rows written
     * per table. The server publishes these counters from each connection when it goes idle, at
     * the latest about 10 s later: call {@link #settle} first.
     */
    Counters counters() throws Exception {
      try (HikariDataSource ds = pool(1); Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        long written;
        long fetched;
        long tx;
        try (ResultSet rs = s.executeQuery("SELECT tup_inserted + tup_updated + tup_deleted,"
            + " tup_fetched, xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
            + name + "'")) {
          rs.next();
          written = rs.getLong(1);
          fetched = rs.getLong(2);
          tx = rs.getLong(3);
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del"
            + " FROM pg_stat_user_tables")) {
          while (rs.next()) {
            perTable.put(rs.getString(1), rs.getLong(2));
          }
        }
        return new Counters(written, fetched, tx, perTable);
      }
    }

    void drop() {
      try {
        if (probe != null) {
          probe.close();
        }
        if (pg) {
          sh("dropdb", "--if-exists", "--force", "-h", PG_HOST, "-p", Integer.toString(PG_PORT),
              "-U", PG_ADMIN, name);
        } else {
          try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
          }
        }
      } catch (Exception e) {
        log("could not drop " + name + ": " + e);
      }
    }
  }

  // ---------------------------------------------------------------- application nodes

  static final class Node {
    static final String INTEGRATION = basic("integration", "integration");
    static final String ADMIN = basic("demo", "demo");
    static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    final String name;
    final Process process;
    final String base;
    final List<String> args;
    long readyMillis;

    Node(String name, Process process, String base, List<String> args) {
      this.name = name;
      this.process = process;
      this.base = base;
      this.args = args;
    }

    static String basic(String user, String password) {
      return "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Node start(String name, Target target, List<String> variant) throws Exception {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM);
      // bench.handoffJvm: extra JVM options for nodes of Handoff's configuration, e.g. a flight
      // recording (docs/benchmark-method.md); {name} becomes the node's name.
      String extraJvm = System.getProperty("bench.handoffJvm", "").trim();
      if (variant != STOCK && !extraJvm.isEmpty()) {
        for (String option : extraJvm.split("\\s+")) {
          command.add(option.replace("{name}", name));
        }
      }
      command.add("-jar");
      command.add(jar.toString());
      command.add("--server.address=127.0.0.1");
      command.add("--server.port=" + port);
      // bench.h2PassUrl: give (a) the plain H2 URL too, for a jar whose configuration predates
      // HANDOFF_H2_FILE (a before-and-after run against an older build).
      boolean plainH2Url = variant == STOCK || Boolean.getBoolean("bench.h2PassUrl");
      if (target.pg) {
        command.add("--spring.profiles.active=postgres");
      } else if (plainH2Url) {
        // Stock: H2's own defaults, only the file location and the lock timeout set.
        command.add("--spring.datasource.url=" + target.jdbcUrl());
      }
      command.addAll(variant);
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(logs().resolve(name + ".log").toFile());
      // Several nodes run at once: each embedded mail catcher on a port of its own.
      pb.environment().put("HANDOFF_MAIL_CATCHER_PORT", "0");
      if (!target.pg && !plainH2Url) {
        // Handoff: application.yaml's H2 URL with its options, pointed at this run's file.
        pb.environment().put("HANDOFF_H2_FILE", target.dir.resolve("handoff").toString());
      }
      if (target.pg) {
        pb.environment().put("HANDOFF_DB_URL", target.jdbcUrl());
        pb.environment().put("HANDOFF_DB_USER", PG_ADMIN);
        pb.environment().put("HANDOFF_DB_PASSWORD", "");
      }
      long start = System.nanoTime();
      Node node = new Node(name, pb.start(), "http://127.0.0.1:" + port, variant);
      LIVE.add(node);
      long deadline = start + Duration.ofMinutes(4).toNanos();
      while (true) {
        if (!node.process.isAlive()) {
          throw new IllegalStateException(name + " exited while starting; see " + work.resolve(name + ".log"));
        }
        try {
          HttpResponse<String> r = HTTP.send(
              HttpRequest.newBuilder(URI.create(node.base + "/actuator/health/readiness"))
                  .timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + " not ready within 4 minutes");
        }
        Thread.sleep(50);
      }
      // Ready means serving: the integration user authenticates on the domain API.
      while (node.send(INTEGRATION, "GET", "/api/invoices/bench/none", null).statusCode() == 401) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + ": integration user refused for 4 minutes");
        }
        Thread.sleep(50);
      }
      node.readyMillis = (System.nanoTime() - start) / 1_000_000;
      log(String.format("%s ready in %.1f s on %s", name, node.readyMillis / 1000.0, node.base));
      return node;
    }

    double rssMb() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
      return -1;
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      LIVE.remove(this);
    }

    void kill() {
      process.destroyForcibly();
    }

    HttpResponse<String> send(String auth, String method, String path, String body) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofMinutes(3))
          .header("Authorization", auth)
          .header("Accept", "application/json");
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String expect(String auth, String method, String path, String body, int... ok) throws Exception {
      HttpResponse<String> r = send(auth, method, path, body);
      for (int s : ok) {
        if (r.statusCode() == s) {
          return r.body();
        }
      }
      throw new IllegalStateException(
          name + " " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }

    long count(String path) throws Exception {
      Matcher m = COUNT.matcher(expect(ADMIN, "GET", path, null, 200));
      if (!m.find()) {
        throw new IllegalStateException("no count in answer to " + path);
      }
      return Long.parseLong(m.group(1));
    }

    static String po(String key) {
      return "PO-" + RUN + "-" + key;
    }

    static int quantity(int i) {
      return 1 + i % 9;
    }

    static String unitPrice(int i) {
      return (10 + i % 40) + ".50";
    }

    void purchaseOrder(String key, int i) throws Exception {
      String vendor = "VENDOR-" + (i % 7);
      expect(INTEGRATION, "POST", "/api/purchase-orders", """
          {"poNumber":"%s","vendorId":"%s","currency":"EUR","requestedBy":"paul",
           "category":"office-supplies",
           "lines":[{"line":1,"sku":"SKU-%d","description":"Benchmark item",
                     "quantity":%d,"unitPrice":%s}]}
          """.formatted(po(key), vendor, i, quantity(i), unitPrice(i)), 200, 201);
      expect(INTEGRATION, "POST", "/api/goods-receipts", """
          {"receiptId":"GR-%s-%s","poNumber":"%s","lines":[{"line":1,"quantity":%d}]}
          """.formatted(RUN, key, po(key), quantity(i)), 200, 201);
    }

    void invoice(String key, int i) throws Exception {
      String amount = new BigDecimal(unitPrice(i)).multiply(BigDecimal.valueOf(quantity(i)))
          .setScale(2).toPlainString();
      expect(INTEGRATION, "POST", "/api/invoices", """
          {"vendorId":"VENDOR-%d","invoiceNumber":"INV-%s-%s","invoiceDate":"%s","currency":"EUR",
           "poNumber":"%s","paymentTerms":"NET30",
           "lines":[{"line":1,"quantity":%d,"unitPrice":%s,"amount":%s}],
           "tax":0.00,"total":%s}
          """.formatted(i % 7, RUN, key, LocalDate.now(), po(key), quantity(i), unitPrice(i),
              amount, amount), 201);
    }

    void incident(int i) throws Exception {
      String[] categories = {"network", "hardware", "application", "database"};
      expect(INTEGRATION, "POST", "/api/incidents", """
          {"title":"Benchmark incident %s-%d","description":"Service slow for some users",
           "reporter":"erin","service":"bench","impact":"LOW","urgency":"LOW",
           "category":"%s"}
          """.formatted(RUN, i, categories[i % categories.length]), 201);
    }

    void awaitNoRunning(String key, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (count("/engine-rest/process-instance/count?processDefinitionKey=" + key) > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + ": " + key + " instances still running after " + timeout);
        }
        Thread.sleep(200);
      }
    }

    static final String[] INCIDENT_TEXTS = {
        "the VPN client shows connected but I can't open any intranet page",
        "we lost the WAN link at the Rotterdam site, the ISP router is blinking orange",
        "the server fans run at full speed and the iLO reports a temperature sensor failure",
        "the document management system can't open DOCX files since this morning",
        "transaction log is full on the finance database, no more inserts possible"};

    /** An incident without a category: the agent step classifies it. */
    void classifiedIncident(int i) throws Exception {
      expect(INTEGRATION, "POST", "/api/incidents", """
          {"title":"Benchmark incident %s-C%d","description":"%s",
           "reporter":"erin","service":"bench","impact":"LOW","urgency":"LOW"}
          """.formatted(RUN, i, INCIDENT_TEXTS[i % INCIDENT_TEXTS.length]), 201);
    }

    long historyActivityCount(String activityId) throws Exception {
      return count("/engine-rest/history/activity-instance/count?activityId=" + activityId
          + "&finished=true");
    }

    void deploy(String deploymentName, Path model) throws Exception {
      String boundary = "----handoffbench" + System.nanoTime();
      String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
          + deploymentName + "\r\n--" + boundary
          + "\r\nContent-Disposition: form-data; name=\"" + model.getFileName() + "\"; filename=\""
          + model.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
          + Files.readString(model) + "\r\n--" + boundary + "--\r\n";
      HttpResponse<String> r = HTTP.send(
          HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
              .header("Authorization", ADMIN)
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("deployment of " + model + " answered " + r.statusCode() + ": " + r.body());
      }
    }

    void startTasks(int count) throws Exception {
      expect(ADMIN, "POST", "/engine-rest/process-definition/key/bench-tasks/start",
          "{\"variables\":{\"count\":{\"value\":" + count + ",\"type\":\"Integer\"}}}", 200);
    }

    void startTimer(String businessKey) throws Exception {
      expect(ADMIN, "POST", "/engine-rest/process-definition/key/bench-timer/start",
          "{\"businessKey\":\"" + businessKey + "\",\"variables\":{\"dueAt\":{\"value\":"
              + "\"2099-01-01T00:00:00\",\"type\":\"String\"},\"rearm\":{\"value\":true,"
              + "\"type\":\"Boolean\"}}}", 200);
    }

    long openTaskCount() throws Exception {
      return count("/engine-rest/task/count?processDefinitionKey=bench-tasks");
    }

    static final String PAGE =
        "/engine-rest/task?candidateGroup=accounts-payable&sortBy=created&sortOrder=desc"
            + "&firstResult=0&maxResults=15";

    /** A member of accounts-payable if the engine shows them the page, else the administrator. */
    String taskQueryUser() throws Exception {
      String body = expect(basic("alice", "alice"), "GET", PAGE, null, 200);
      return body.split("\"id\"").length - 1 == 15 ? "alice" : "demo";
    }

    void taskPage(String user) throws Exception {
      String body = expect(basic(user, user), "GET", PAGE, null, 200);
      if (body.split("\"id\"").length - 1 != 15) {
        throw new IllegalStateException("task page for " + user + " did not hold 15 tasks: " + body);
      }
    }
  }

  // ---------------------------------------------------------------- report

  static final class Report {
    final Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
    final Map<String, String> units = new LinkedHashMap<>();
    final Map<String, List<Double>> cold = new LinkedHashMap<>();
    final Map<String, Double> rss = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, String> settings = new LinkedHashMap<>();
    final Map<String, String> machine = new LinkedHashMap<>();

    synchronized void add(String db, String section, String label, double value, String unit) {
      String key = db + "|" + section;
      figures.computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(label, k -> new ArrayList<>()).add(unit.equals("%") ? value * 100 : value);
      units.put(key + "|" + label, unit);
    }

    double median(String db, String section) {
      List<Double> v = figures.get(db + "|" + section).values().iterator().next();
      return median(v);
    }

    static double median(List<Double> values) {
      List<Double> v = new ArrayList<>(values);
      Collections.sort(v);
      int n = v.size();
      return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** A Handoff-configured node that has just become ready: its start time and memory. */
    void coldStart(String db, Node node) throws IOException {
      cold.computeIfAbsent(db, k -> new ArrayList<>()).add(node.readyMillis / 1000.0);
      add(db, "cold", "resident memory when ready, Handoff configuration", node.rssMb(), "MB");
    }

    int coldStarts(String db) {
      return cold.getOrDefault(db, List.of()).size();
    }

    void rss(String label, double mb) {
      rss.put(label, mb);
    }

    void note(String note) {
      notes.add(note);
    }

    void settings(String db, Node a, Node b) {
      settings.put(db + ", Handoff configuration (a)", a.args.isEmpty()
          ? "application.yaml as shipped" + (db.equals("H2") ? "" : " with profile `postgres`")
          : String.join(" ", a.args));
      settings.put(db + ", stock Camunda (b)", (db.equals("H2") ? "" : "profile `postgres`, then ")
          + "`" + String.join(" ", b.args) + "`");
    }

    void machine() {
      try {
        machine.put("CPU", Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll(".*:\\s*", ""))
            .orElse("?"));
        machine.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", Files.readAllLines(Path.of("/proc/meminfo")).get(0)
            .replaceAll("MemTotal:\\s*", "").trim());
        machine.put("load average at start (1/5/15 min)",
            Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1"));
        machine.put("OS", sh("uname", "-srm"));
        machine.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + ", app JVM options `" + String.join(" ", JVM) + "`");
        machine.put("application", jar.getFileName().toString());
        try (var libs = Files.list(Path.of(System.getProperty("bench.libs", ".")))) {
          libs.map(p -> p.getFileName().toString())
              .filter(f -> f.matches("(h2|postgresql|camunda-engine|spring-boot|HikariCP)-\\d.*\\.jar"))
              .sorted().forEach(f -> machine.put(f.replaceAll("-\\d.*", ""), f.replaceAll("^.*?-(\\d.*)\\.jar", "$1")));
        }
        machine.put("PostgreSQL server", sh("psql", "-X", "-t", "-A", "-h", PG_HOST, "-U", PG_ADMIN,
            "-d", "postgres", "-c", "SHOW server_version"));
        machine.put("PostgreSQL settings", sh("psql", "-X", "-t", "-A", "-h", PG_HOST, "-U", PG_ADMIN,
            "-d", "postgres", "-c",
            "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)"
                + " FROM pg_settings WHERE name IN ('shared_buffers','synchronous_commit','fsync',"
                + "'max_connections','work_mem','effective_cache_size')"));
      } catch (Exception e) {
        machine.put("machine details", "incomplete: " + e);
      }
    }

    void goal(StringBuilder s, String goal, String db, String section, String label, double limit,
        boolean atLeast, String unit) {
      List<Double> v = figures.getOrDefault(db + "|" + section, Map.of()).get(label);
      if (v == null || v.isEmpty()) {
        s.append("| ").append(goal).append(" | not measured | no |\n");
        return;
      }
      double m = median(v);
      boolean met = atLeast ? m >= limit : m <= limit;
      s.append("| ").append(goal).append(" | ").append(fmt(m)).append(" ").append(unit).append(" | ")
          .append(met ? "yes" : "**no**").append(" |\n");
    }

    static String fmt(double v) {
      double a = Math.abs(v);
      return a >= 100 ? String.format("%.0f", v) : a >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    static String cell(List<Double> v) {
      if (v == null || v.isEmpty()) {
        return "not measured";
      }
      if (v.stream().anyMatch(d -> d.isNaN())) {
        List<Double> read = v.stream().filter(d -> !d.isNaN()).toList();
        return read.isEmpty() ? "n/a" : cell(read) + " (" + read.size() + " of " + v.size() + " read)";
      }
      return fmt(median(v)) + " (" + fmt(Collections.min(v)) + "–" + fmt(Collections.max(v)) + ")";
    }

    void write(Path out) throws IOException {
      StringBuilder s = new StringBuilder();
      s.append("# Benchmarks\n\n");
      s.append("Measured with `bench/run.sh").append(small ? " --small" : "").append("` on ")
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(java.time.LocalDateTime.now(ZoneOffset.UTC)).substring(0, 16))
          .append(" UTC. Every figure is the median of ").append(reps)
          .append(reps == 1 ? " repetition" : " repetitions")
          .append(" with the minimum–maximum in brackets; the n column says how many there were. Method,"
              + " goals and tuning are described in [benchmark-method.md](benchmark-method.md). The"
              + " load average below shows what else the machine was running: figures from a shared"
              + " machine are noisy, which is why variants are compared side by side in one run.\n\n");
      s.append("## Machine\n\n| | |\n|---|---|\n");
      machine.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
      s.append("\n## Settings per variant\n\n| variant | settings |\n|---|---|\n");
      settings.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
      s.append("| sizes | straight-through ").append(stInvoices).append(" invoices per repetition (+").append(warmups).append(warmups == 1 ? " warm-up round), " : " warm-up rounds), ")
          .append(DRIVE_CLIENTS).append(" clients; latency ").append(latencyRequests)
          .append(" requests per endpoint, concurrency and repetition; task batches of ").append(taskBatch)
          .append(", ").append(taskQueries).append(" queries per repetition; ").append(timers)
          .append(" timers, ").append(timerReps).append(" repetition(s) per node count; database ceiling ")
          .append(ceilingSeconds).append(" s per repetition |\n");
      String[][] sections = {
          {"ceiling", "Database ceiling"},
          {"straight", "Straight-through invoices, end to end"},
          {"cost", "Cost per instance: CPU milliseconds per completed instance"},
          {"rows", "Cost per instance: database work (PostgreSQL's statistics, over all timed rounds)"},
          {"incidents", "Incidents, reported to their user task"},
          {"nodes", "Straight-through on one and two nodes (PostgreSQL, one machine)"},
          {"latency", "REST start latency (ms)"},
          {"tasks", "Tasklist query: candidate group accounts-payable, newest first, first page of 15"},
          {"timers", "Timer storm (PostgreSQL)"},
          {"memory", "Resident memory (VmRSS) under load"},
          {"cold", "Cold start"}};
      for (String[] section : sections) {
        s.append("\n## ").append(section[1]).append("\n\n| database | figure | median (min–max) | unit | n |\n|---|---|---|---|---|\n");
        for (String db : List.of("H2", "PostgreSQL")) {
          Map<String, List<Double>> m = figures.get(db + "|" + section[0]);
          if (section[0].equals("cold") && cold.containsKey(db)) {
            s.append("| ").append(db).append(" | start to serving: readiness UP and the integration user accepted (Handoff configuration;"
                + " on PostgreSQL includes the timer-storm nodes, the second of which finds the schema in place) | ")
                .append(cell(cold.get(db))).append(" | s | ").append(cold.get(db).size()).append(" |\n");
          }
          if (m == null) {
            continue;
          }
          m.forEach((label, v) -> s.append("| ").append(db).append(" | ").append(label).append(" | ")
              .append(cell(v)).append(" | ").append(units.get(db + "|" + section[0] + "|" + label))
              .append(" | ").append(v.size()).append(" |\n"));
        }
      }
      s.append("\n## Goals\n\n| goal | measured (median) | met |\n|---|---|---|\n");
      for (String db : List.of("H2", "PostgreSQL")) {
        goal(s, "straight-through ≥ 2× stock Camunda, " + db, db, "straight", "ratio a/b", 2.0, true, "x");
        goal(s, "straight-through ≥ 25 % of the database ceiling, " + db, db, "straight",
            "(a) ÷ database ceiling", 25.0, true, "%");
      }
      String biggest = label(taskSizes[taskSizes.length - 1]);
      for (String db : List.of("H2", "PostgreSQL")) {
        Map<String, List<Double>> m = figures.getOrDefault(db + "|tasks", Map.of());
        m.keySet().stream().filter(k -> k.startsWith("first page of 15 at " + biggest) && k.contains("p95"))
            .findFirst().ifPresent(k -> goal(s, "task query p95 ≤ 50 ms at " + biggest + " open tasks, " + db
                + (db.equals("H2") ? " (the goal names PostgreSQL)" : ""), db, "tasks", k, 50.0, false, "ms"));
      }
      goal(s, timers + " timers all fired within 60 s on two nodes", "PostgreSQL", "timers",
          timers + " timers, two nodes: seconds until all fired", 60.0, false, "s");
      s.append("\n## Resident memory at the end of each node's runs (one reading per node)\n\n| node | RSS (MB) |\n|---|---|\n");
      rss.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(fmt(v)).append(" |\n"));
      if (!notes.isEmpty()) {
        s.append("\n## Notes from the run\n\n");
        notes.forEach(n -> s.append("- ").append(n).append("\n"));
      }
      Files.createDirectories(out.getParent());
      Files.writeString(out, s.toString());
    }
  }
}
