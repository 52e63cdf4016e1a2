import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the cluster test, spread over the nodes given.
 *
 * <ul>
 *   <li>Invoices through the straight-through path of the procure-to-pay process, through the
 *       domain REST API: a purchase order, its full goods receipt, then a matching invoice under
 *       the automatic approval limit (one async step, payment scheduling).
 *   <li>Incidents through {@code POST /api/incidents}, interleaved with the invoices. Every fourth
 *       is a forgotten password in plain text: the classification step labels it, and the reset,
 *       closing and reporter notice run as async steps with no person. The others carry a category
 *       (and some are P1, which pages on-call asynchronously and asks for a review). With the
 *       cluster test's SLA targets (seconds) their reminder and escalation timers fire on the job
 *       executors of both nodes. Each routed incident is resolved once it has reached its planned
 *       level (1, 2 or 3): a user of the group it is assigned to then claims and completes "Resolve
 *       incident" through the engine REST API; the reporter confirms through {@code POST
 *       /api/incidents/{id}/confirm} once asked (an async step); P1 reviews are completed by an IT
 *       manager.
 * </ul>
 *
 * <p>A call that fails because its node is gone (connection refused or reset, 5xx) is repeated on
 * the next node. The domain API for invoices is idempotent (the same request again answers 200 with
 * the same record); incident intake is not, so before a repeated report the client looks the
 * incident up by its title, as an integrator would. Resolving and confirming re-read the incident
 * first, so a step the dead node had committed is not repeated.
 *
 * <p>Usage: {@code java ClusterDriver.java <run-id> <invoices> <incidents> <progress-file>
 * <plan-file> <base-url>...}. Writes the number of items accepted so far to the progress file and
 * the planned outcome counts to the plan file (shell variables); exits non-zero if any item could
 * not be submitted or an incident did not reach its end in time.
 */
public class ClusterDriver {

  static final int ATTEMPTS = 12;
  static final Duration INCIDENT_DEADLINE = Duration.ofSeconds(200);
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  static final String PROCESS_KEY = "incident-escalation";
  static final List<String> CATEGORIES =
      List.of("network", "hardware", "access", "application", "database", "security");
  static final Map<String, String> MEMBER_OF_GROUP =
      Map.of(
          "service-desk", "sam",
          "network-ops", "nina",
          "app-support", "adam",
          "database-ops", "dora",
          "security-ops", "sofia",
          "it-managers", "ian");

  static final AtomicInteger accepted = new AtomicInteger();
  static final AtomicInteger failovers = new AtomicInteger();
  static final AtomicInteger resolvedIncidents = new AtomicInteger();

  record Planned(int index, boolean passwordReset, String category, boolean p1, int targetLevel) {
    String title(String runId) {
      return passwordReset
          ? "Forgot my password " + runId + "-" + index
          : "Cluster " + category + " fault " + runId + "-" + index;
    }
  }

  static Planned plan(int i) {
    if (i % 4 == 3) {
      return new Planned(i, true, null, false, 0);
    }
    int routed = i - i / 4;
    return new Planned(
        i, false, CATEGORIES.get(routed % CATEGORIES.size()), i % 10 == 0, routed % 3 + 1);
  }

  public static void main(String[] args) throws Exception {
    String runId = args[0];
    int invoices = Integer.parseInt(args[1]);
    int incidents = Integer.parseInt(args[2]);
    Path progress = Path.of(args[3]);
    Path planFile = Path.of(args[4]);
    List<String> nodes = List.of(args).subList(5, args.length);
    writePlan(planFile, incidents);

    ExecutorService intake = Executors.newFixedThreadPool(6);
    ExecutorService lifecycle = Executors.newFixedThreadPool(Math.max(1, incidents));
    List<Future<?>> submitted = new ArrayList<>();
    List<Future<?>> lifecycles = Collections.synchronizedList(new ArrayList<>());
    // One incident after every few invoices, so both kinds arrive over the whole run.
    int every = Math.max(1, invoices / Math.max(1, incidents));
    int nextIncident = 0;
    for (int i = 0; i < invoices || nextIncident < incidents; i++) {
      int n = i;
      if (n < invoices) {
        submitted.add(
            intake.submit(
                () -> {
                  submitInvoice(runId, n, nodes);
                  writeProgress(progress, accepted.incrementAndGet());
                  return null;
                }));
      }
      if (nextIncident < incidents && (n % every == 0 || n >= invoices)) {
        Planned planned = plan(nextIncident++);
        submitted.add(
            intake.submit(
                () -> {
                  String incidentId = reportIncident(runId, planned, nodes);
                  writeProgress(progress, accepted.incrementAndGet());
                  lifecycles.add(
                      lifecycle.submit(
                          () -> {
                            workIncident(planned, incidentId, nodes);
                            return null;
                          }));
                  return null;
                }));
      }
    }
    int failed = awaitAll(submitted);
    System.out.printf(
        "driver: submitted=%d failed=%d failovers=%d%n", accepted.get(), failed, failovers.get());
    failed += awaitAll(lifecycles);
    intake.shutdown();
    lifecycle.shutdown();
    System.out.printf(
        "driver: incidents resolved and confirmed=%d failed=%d failovers=%d%n",
        resolvedIncidents.get(), failed, failovers.get());
    System.exit(failed == 0 ? 0 : 1);
  }

  static int awaitAll(List<Future<?>> futures) {
    int failed = 0;
    for (Future<?> future : List.copyOf(futures)) {
      try {
        future.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        failed++;
        System.err.println("item failed: " + (e.getCause() == null ? e : e.getCause()));
      }
    }
    return failed;
  }

  static void writePlan(Path planFile, int incidents) throws IOException {
    int remediated = 0, p1 = 0, routed = 0, level2 = 0, level3 = 0;
    for (int i = 0; i < incidents; i++) {
      Planned planned = plan(i);
      if (planned.passwordReset()) {
        remediated++;
      } else {
        routed++;
        p1 += planned.p1() ? 1 : 0;
        level2 += planned.targetLevel() >= 2 ? 1 : 0;
        level3 += planned.targetLevel() == 3 ? 1 : 0;
      }
    }
    Files.writeString(
        planFile,
        "PLAN_REMEDIATED=%d%nPLAN_ROUTED=%d%nPLAN_P1=%d%nPLAN_LEVEL2=%d%nPLAN_LEVEL3=%d%n"
            .formatted(remediated, routed, p1, level2, level3));
  }

  static synchronized void writeProgress(Path progress, int done) {
    try {
      Path tmp = progress.resolveSibling(progress.getFileName() + ".tmp");
      Files.writeString(tmp, Integer.toString(done));
      Files.move(
          tmp,
          progress,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void submitInvoice(String runId, int i, List<String> nodes) throws Exception {
    String po = "PO-" + runId + "-" + i;
    String vendor = "VENDOR-" + (i % 7);
    int quantity = 1 + i % 9;
    String unitPrice = (10 + i % 40) + ".50";
    String lineAmount =
        new java.math.BigDecimal(unitPrice)
            .multiply(java.math.BigDecimal.valueOf(quantity))
            .setScale(2)
            .toPlainString();
    post(
        nodes,
        i,
        "/api/purchase-orders",
        """
        {"poNumber":"%s","vendorId":"%s","currency":"EUR","requestedBy":"paul",
         "category":"office-supplies",
         "lines":[{"line":1,"sku":"SKU-%d","description":"Cluster test item",
                   "quantity":%d,"unitPrice":%s}]}
        """
            .formatted(po, vendor, i, quantity, unitPrice));
    post(
        nodes,
        i,
        "/api/goods-receipts",
        """
        {"receiptId":"GR-%s-%d","poNumber":"%s","lines":[{"line":1,"quantity":%d}]}
        """
            .formatted(runId, i, po, quantity));
    post(
        nodes,
        i,
        "/api/invoices",
        """
        {"vendorId":"%s","invoiceNumber":"INV-%s-%d","invoiceDate":"%s","currency":"EUR",
         "poNumber":"%s","paymentTerms":"NET30",
         "lines":[{"line":1,"quantity":%d,"unitPrice":%s,"amount":%s}],
         "tax":0.00,"total":%s}
        """
            .formatted(
                vendor,
                runId,
                i,
                LocalDate.now(),
                po,
                quantity,
                unitPrice,
                lineAmount,
                lineAmount));
  }

  /** Reports the incident (once, even across a failover) and answers its id. */
  static String reportIncident(String runId, Planned planned, List<String> nodes) throws Exception {
    String title = planned.title(runId);
    String json;
    if (planned.passwordReset()) {
      json =
          """
          {"variables":{"title":{"value":"%s"},
           "description":{"value":"I forgot my password and need a reset for my Windows login"},
           "impact":{"value":"LOW"},"urgency":{"value":"MEDIUM"}}}
          """
              .formatted(title);
    } else {
      String[] levels =
          planned.p1()
              ? new String[] {"HIGH", "HIGH"}
              : List.of(
                      new String[] {"MEDIUM", "MEDIUM"},
                      new String[] {"LOW", "MEDIUM"},
                      new String[] {"HIGH", "LOW"})
                  .get(planned.index() % 3);
      json =
          """
          {"title":"%s","description":"Reported by the cluster test","reporter":"erin",
           "service":"cluster-%s","impact":"%s","urgency":"%s","category":"%s"}
          """
              .formatted(title, planned.category(), levels[0], levels[1], planned.category());
    }
    String lastProblem = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String node = nodes.get((planned.index() + attempt) % nodes.size());
      try {
        if (attempt > 0) {
          String existing = incidentByTitle(node, title);
          if (existing != null) {
            return existing;
          }
        }
        // A reset acts only for a reporter who asked under their own login: erin reports it
        // herself from the start form, as in the Tasklist. The others come from integration.
        Answer answer =
            planned.passwordReset()
                ? call(
                    node,
                    "erin",
                    "POST",
                    "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form",
                    json)
                : call(node, "integration", "POST", "/api/incidents", json);
        if (planned.passwordReset() && answer.status() == 200) {
          String id = incidentByTitle(node, title);
          if (id == null) {
            throw new IllegalStateException("reported incident not found: " + title);
          }
          return id;
        }
        if (!planned.passwordReset() && answer.status() == 201) {
          return field(answer.body(), "incidentId");
        }
        lastProblem = answer.status() + " " + answer.body();
        if (answer.status() < 500) {
          throw new IllegalStateException("incident report answered " + lastProblem);
        }
      } catch (IOException e) {
        lastProblem = node + ": " + e;
      }
      failovers.incrementAndGet();
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "incident report failed " + ATTEMPTS + " times: " + lastProblem);
  }

  /** The incident id (business key) of the instance reported with this title, or null. */
  static String incidentByTitle(String node, String title)
      throws IOException, InterruptedException {
    String query =
        URLEncoder.encode("title_eq_" + title, StandardCharsets.UTF_8).replace("+", "%20");
    Answer answer =
        call(
            node,
            "demo",
            "GET",
            "/engine-rest/history/process-instance?processDefinitionKey="
                + PROCESS_KEY
                + "&variables="
                + query,
            null);
    if (answer.status() != 200) {
      throw new IOException("history query answered " + answer.status() + " " + answer.body());
    }
    return field(answer.body(), "businessKey");
  }

  /**
   * Follows an incident to its end: resolves a routed one once it has reached its planned level (as
   * a member of the group it is assigned to), confirms it as the reporter once asked (an automatic
   * remediation too: it is resolved, not closed), completes the review of a P1 as an IT manager.
   * Re-reads the incident before every step.
   */
  static void workIncident(Planned planned, String incidentId, List<String> nodes)
      throws Exception {
    long deadline = System.nanoTime() + INCIDENT_DEADLINE.toNanos();
    // The SLA window is 8 s per level (cluster test SLA targets): no need to look earlier.
    Thread.sleep(planned.targetLevel() <= 1 ? 500 : (planned.targetLevel() - 1) * 8000L);
    int node = planned.index();
    String lastSeen = "";
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "incident "
                + incidentId
                + " did not end within "
                + INCIDENT_DEADLINE
                + "; last seen: "
                + lastSeen);
      }
      String base = nodes.get(node % nodes.size());
      try {
        Answer incident = call(base, "integration", "GET", "/api/incidents/" + incidentId, null);
        lastSeen = incident.status() + " " + incident.body();
        if (incident.status() != 200) {
          throw new IOException(lastSeen);
        }
        String status = field(incident.body(), "status");
        String instance = field(incident.body(), "processInstanceId");
        switch (status) {
          case "IN_PROGRESS" -> {
            if (intField(incident.body(), "escalationLevel") >= planned.targetLevel()) {
              resolve(base, instance, field(incident.body(), "assignedGroup"));
            }
          }
          case "RESOLVED" ->
              call(base, "integration", "POST", "/api/incidents/" + incidentId + "/confirm", null);
          case "CLOSED" -> {
            if (!planned.p1() || reviewed(base, instance)) {
              resolvedIncidents.incrementAndGet();
              return;
            }
          }
          default -> {}
        }
      } catch (IOException e) {
        lastSeen = base + ": " + e;
        node++;
        failovers.incrementAndGet();
      }
      Thread.sleep(1000);
    }
  }

  /** Claims and completes "Resolve incident" as a member of the assigned group, if it is there. */
  static void resolve(String node, String instance, String group)
      throws IOException, InterruptedException {
    String user = MEMBER_OF_GROUP.get(group);
    if (user == null) {
      throw new IllegalStateException("no member known for group " + group);
    }
    String taskId = openTask(node, user, instance, "ResolveIncidentTask");
    if (taskId == null) {
      return;
    }
    Answer claim =
        call(
            node,
            user,
            "POST",
            "/engine-rest/task/" + taskId + "/claim",
            "{\"userId\":\"" + user + "\"}");
    if (claim.status() != 204) {
      return; // escalated meanwhile, or claimed by another: the caller looks again
    }
    call(
        node,
        user,
        "POST",
        "/engine-rest/task/" + taskId + "/complete",
        """
        {"variables":{"resolutionCode":{"value":"FIXED","type":"String"},
                      "resolutionNotes":{"value":"Fixed by %s","type":"String"}}}
        """
            .formatted(user));
  }

  /**
   * True once the P1 instance has ended; completes its review as an IT manager while it is open.
   */
  static boolean reviewed(String node, String instance) throws IOException, InterruptedException {
    String taskId = openTask(node, "ian", instance, "PostIncidentReviewTask");
    if (taskId != null) {
      call(
          node,
          "ian",
          "POST",
          "/engine-rest/task/" + taskId + "/complete",
          """
          {"variables":{"reviewSummary":{"value":"Handled in the cluster test","type":"String"},
                        "reviewActions":{"value":"None","type":"String"}}}
          """);
    }
    Answer history =
        call(node, "demo", "GET", "/engine-rest/history/process-instance/" + instance, null);
    return history.status() == 200 && "COMPLETED".equals(field(history.body(), "state"));
  }

  static String openTask(String node, String user, String instance, String taskKey)
      throws IOException, InterruptedException {
    Answer tasks =
        call(
            node,
            user,
            "GET",
            "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=" + taskKey,
            null);
    if (tasks.status() >= 500) {
      throw new IOException("task query answered " + tasks.status());
    }
    return tasks.status() == 200 ? field(tasks.body(), "id") : null;
  }

  record Answer(int status, String body) {}

  /** One call to one node as a demo user (password = user id); IOException when it is gone. */
  static Answer call(String node, String user, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        request(node + path, user)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  static int intField(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  static HttpRequest.Builder request(String uri, String user) {
    String credentials = user + ":" + user;
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  /** POSTs to the node for this item; on a dead or failing node, to the next one. */
  static void post(List<String> nodes, int item, String path, String json) throws Exception {
    String lastProblem = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String node = nodes.get((item + attempt) % nodes.size());
      HttpRequest request =
          request(node + path, "integration")
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .build();
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200 || status == 201) {
          return;
        }
        lastProblem = status + " " + response.body();
        if (status < 500) {
          throw new IllegalStateException(path + " answered " + lastProblem);
        }
      } catch (IOException e) {
        lastProblem = node + ": " + e;
      }
      failovers.incrementAndGet();
      Thread.sleep(500);
    }
    throw new IllegalStateException(path + " failed " + ATTEMPTS + " times: " + lastProblem);
  }
}
