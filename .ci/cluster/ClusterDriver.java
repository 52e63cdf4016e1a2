import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the cluster test, spread over the nodes given.
 *
 * <ul>
 *   <li>Invoices through the straight-through path of the procure-to-pay process, through the
 *       domain REST API: a purchase order, its full goods receipt, then a matching invoice under
 *       the automatic approval limit (one async step, payment scheduling).
 *   <li>Instances of {@code cluster-timer-probe} (an async step, then a three-second timer),
 *       started through the engine REST API with a business key; before a repeated start the
 *       client looks the business key up, as an integrator would for a call that is not
 *       idempotent.
 * </ul>
 *
 * <p>A call that fails because its node is gone (connection refused or reset, 5xx) is repeated on
 * the next node: every call is idempotent (the same request again answers 200 with the same
 * record), so a request the dead node had committed is not recorded twice.
 *
 * <p>Usage: {@code java ClusterDriver.java <run-id> <invoices> <probes> <progress-file>
 * <base-url>...}. Writes the number of items accepted so far to the progress file; exits non-zero
 * if any could not be submitted.
 */
public class ClusterDriver {

  static final String AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("integration:integration".getBytes(StandardCharsets.UTF_8));
  static final int ATTEMPTS = 12;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  static final AtomicInteger accepted = new AtomicInteger();
  static final AtomicInteger failovers = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    String runId = args[0];
    int invoices = Integer.parseInt(args[1]);
    int probes = Integer.parseInt(args[2]);
    Path progress = Path.of(args[3]);
    List<String> nodes = List.of(args).subList(4, args.length);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Void>> results = new java.util.ArrayList<>();
    for (int n = 0; n < Math.max(invoices, probes); n++) {
      int i = n;
      if (i < invoices) {
        results.add(
            pool.submit(
                () -> {
                  submitInvoice(runId, i, nodes);
                  writeProgress(progress, accepted.incrementAndGet());
                  return null;
                }));
      }
      if (i < probes) {
        results.add(
            pool.submit(
                () -> {
                  startProbe(runId, i, nodes);
                  writeProgress(progress, accepted.incrementAndGet());
                  return null;
                }));
      }
    }
    int failed = 0;
    for (Future<Void> result : results) {
      try {
        result.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        failed++;
        System.err.println("item failed: " + e.getCause());
      }
    }
    pool.shutdown();
    System.out.printf(
        "driver: submitted=%d failed=%d failovers=%d%n", accepted.get(), failed, failovers.get());
    System.exit(failed == 0 ? 0 : 1);
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
                vendor, runId, i, LocalDate.now(), po, quantity, unitPrice, lineAmount, lineAmount));
  }

  static void startProbe(String runId, int i, List<String> nodes) throws Exception {
    String businessKey = "P-" + runId + "-" + i;
    String lastProblem = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String node = nodes.get((i + attempt) % nodes.size());
      try {
        if (attempt > 0 && probeExists(node, businessKey)) {
          return;
        }
        HttpResponse<String> response =
            HTTP.send(
                request(node + "/engine-rest/process-definition/key/cluster-timer-probe/start")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"businessKey\":\"" + businessKey + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        lastProblem = response.statusCode() + " " + response.body();
        if (response.statusCode() < 500) {
          throw new IllegalStateException("probe start answered " + lastProblem);
        }
      } catch (IOException e) {
        lastProblem = node + ": " + e;
      }
      failovers.incrementAndGet();
      Thread.sleep(500);
    }
    throw new IllegalStateException("probe start failed " + ATTEMPTS + " times: " + lastProblem);
  }

  static boolean probeExists(String node, String businessKey)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            request(
                    node
                        + "/engine-rest/history/process-instance/count?processInstanceBusinessKey="
                        + businessKey)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("count answered " + response.statusCode());
    }
    return !response.body().replaceAll("\\s", "").equals("{\"count\":0}");
  }

  static HttpRequest.Builder request(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", AUTH)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  /** POSTs to the node for this item; on a dead or failing node, to the next one. */
  static void post(List<String> nodes, int item, String path, String json) throws Exception {
    String lastProblem = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String node = nodes.get((item + attempt) % nodes.size());
      HttpRequest request = request(node + path).POST(HttpRequest.BodyPublishers.ofString(json)).build();
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
