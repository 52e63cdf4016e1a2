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
 * Load for the cluster test: invoices through the straight-through path of the procure-to-pay
 * process, spread over the nodes given, through the domain REST API. For each invoice: a purchase
 * order, its full goods receipt, then a matching invoice under the automatic approval limit.
 *
 * <p>A call that fails because its node is gone (connection refused or reset, 5xx) is repeated on
 * the next node: every call is idempotent (the same request again answers 200 with the same
 * record), so a request the dead node had committed is not recorded twice.
 *
 * <p>Usage: {@code java ClusterDriver.java <run-id> <count> <progress-file> <base-url>...}. Writes
 * the number of invoices accepted so far to the progress file; exits non-zero if any invoice could
 * not be submitted.
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
    int count = Integer.parseInt(args[1]);
    Path progress = Path.of(args[2]);
    List<String> nodes = List.of(args).subList(3, args.length);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Void>> results = new java.util.ArrayList<>();
    for (int n = 0; n < count; n++) {
      int i = n;
      results.add(
          pool.submit(
              () -> {
                submitInvoice(runId, i, nodes);
                writeProgress(progress, accepted.incrementAndGet());
                return null;
              }));
    }
    int failed = 0;
    for (Future<Void> result : results) {
      try {
        result.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        failed++;
        System.err.println("invoice failed: " + e.getCause());
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

  /** POSTs to the node for this item; on a dead or failing node, to the next one. */
  static void post(List<String> nodes, int item, String path, String json) throws Exception {
    String lastProblem = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String node = nodes.get((item + attempt) % nodes.size());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(node + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", AUTH)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
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
