package io.handoff.platform.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.DemoUsers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * A seeded run with known timings, driven through the domain API and the engine's task service on a
 * moved engine clock, starting at {@code t0} (a Monday, 08:00 UTC). Each test class seeds its own
 * weeks, so the figures of its period are exactly these, whatever else the shared database holds.
 *
 * <p>Invoices (each on an order of its own, goods received before the invoice):
 *
 * <ul>
 *   <li>A: clean, arrives t0, payment scheduled t0+1h: straight through, cycle 1 h;
 *   <li>B: clean, arrives t0+2h, scheduled t0+4h: straight through, cycle 2 h;
 *   <li>C: 3 % price variance, arrives t0+7d (second week); the exception is claimed by alice after
 *       3 h and accepted 2 h later; the approval is claimed by martha after 1 h and approved 2 h
 *       later; scheduled 1 h after: cycle 9 h.
 * </ul>
 *
 * <p>Vendor onboarding: a low-risk vendor requested at t0+6h, approved by procurement at t0+8h
 * (lead time 2 h); the contract-review agent reads its clear contract alone.
 *
 * <p>Incidents (P3: respond within 4 h, resolve within 3 days):
 *
 * <ul>
 *   <li>I1: reported t0, claimed by nina at t0+5h (response missed, deadline t0+4h); its SLA
 *       reminder and then its resolution target fire when due ({@link #reminderDue}, {@link
 *       #targetDue}, within the first week), escalating it from level 1;
 *   <li>I2: reported t0+1h, claimed by noah at t0+2h (in time), left open.
 * </ul>
 */
final class InsightsScenario {

  static final String INVOICES = "invoice-three-way-match";
  static final String INCIDENTS = "incident-escalation";
  static final String VENDORS = "vendor-onboarding";

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  final Instant t0;
  final List<String> invoiceInstances = new ArrayList<>();
  final List<String> incidentInstances = new ArrayList<>();
  final List<String> vendorInstances = new ArrayList<>();

  /** When I1's SLA reminder and SLA target were due, and fired. */
  Instant reminderDue;

  Instant targetDue;

  InsightsScenario(
      Instant t0,
      RuntimeService runtimeService,
      TaskService taskService,
      ManagementService managementService,
      IdentityService identityService) {
    this.t0 = t0;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.identityService = identityService;
  }

  /** The whole run, in time order. Ends with the clock at t0+7d+9h. */
  void run() {
    at(Duration.ZERO);
    String a = cleanInvoice();
    String i1 = incident("network");
    at(Duration.ofHours(1));
    payment(a);
    String i2 = incident("network");
    at(Duration.ofHours(2));
    String b = cleanInvoice();
    claim(i2, "ResolveIncidentTask", DemoUsers.NOAH);
    at(Duration.ofHours(4));
    payment(b);
    at(Duration.ofHours(5));
    claim(i1, "ResolveIncidentTask", DemoUsers.NINA);
    at(Duration.ofHours(6));
    String v = lowRiskVendor();
    at(Duration.ofHours(8));
    approveVendor(v);
    // the SLA timers fire when they are due (the SLA tables and the business calendar decide when)
    reminderDue = fireTimer(i1, "SlaReminderDueEvent");
    runJobIfAny(i1, "RemindResolverTask");
    targetDue = fireTimer(i1, "SlaTargetReachedEvent");

    at(Duration.ofDays(7));
    String c = varianceInvoice();
    at(Duration.ofDays(7).plusHours(3));
    claim(c, "ResolveMatchExceptionTask", DemoUsers.ALICE);
    at(Duration.ofDays(7).plusHours(5));
    complete(
        c,
        "ResolveMatchExceptionTask",
        Map.of("exceptionOutcome", "accept", "exceptionReason", "Agreed express surcharge"));
    at(Duration.ofDays(7).plusHours(6));
    claim(c, "ApproveInvoiceTask", DemoUsers.MARTHA);
    at(Duration.ofDays(7).plusHours(8));
    complete(
        c, "ApproveInvoiceTask", Map.of("approvalDecision", "approve", "approvalComment", "ok"));
    at(Duration.ofDays(7).plusHours(9));
    payment(c);
  }

  void at(Duration sinceT0) {
    ClockUtil.setCurrentTime(Date.from(t0.plus(sinceT0)));
  }

  // --- invoices ---

  private String cleanInvoice() {
    return invoice("100.00");
  }

  private String varianceInvoice() {
    return invoice("103.00");
  }

  private String invoice(String unitPrice) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String vendor = "V-" + suffix;
    String po = "PO-" + suffix;
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("poNumber", po);
    order.put("vendorId", vendor);
    order.put("currency", "EUR");
    order.put("requestedBy", DemoUsers.PAUL);
    order.put("category", "office-supplies");
    order.put(
        "lines",
        List.of(
            Map.of(
                "line",
                1,
                "sku",
                "A-100",
                "description",
                "Paper",
                "quantity",
                10,
                "unitPrice",
                new BigDecimal("100.00"))));
    api().body(order).post("/api/purchase-orders").then().statusCode(201);
    api()
        .body(
            Map.of(
                "receiptId",
                "GR-" + suffix,
                "poNumber",
                po,
                "lines",
                List.of(Map.of("line", 1, "quantity", 10))))
        .post("/api/goods-receipts")
        .then()
        .statusCode(201);
    BigDecimal price = new BigDecimal(unitPrice);
    Map<String, Object> invoice = new LinkedHashMap<>();
    invoice.put("vendorId", vendor);
    invoice.put("invoiceNumber", "INV-" + suffix);
    invoice.put("invoiceDate", "2026-03-02");
    invoice.put("currency", "EUR");
    invoice.put("poNumber", po);
    invoice.put("paymentTerms", "NET30");
    invoice.put("lines", List.of(Map.of("line", 1, "quantity", 10, "unitPrice", price)));
    invoice.put("tax", new BigDecimal("0.00"));
    invoice.put("total", price.multiply(BigDecimal.TEN));
    String id =
        api()
            .body(invoice)
            .post("/api/invoices")
            .then()
            .statusCode(201)
            .extract()
            .path("processInstanceId");
    invoiceInstances.add(id);
    return id;
  }

  private void payment(String instance) {
    Job job =
        managementService
            .createJobQuery()
            .processInstanceId(instance)
            .activityId("SchedulePaymentTask")
            .singleResult();
    assertThat(job).as("payment job of " + instance).isNotNull();
    managementService.executeJob(job.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count())
        .isZero();
  }

  // --- vendors ---

  /** A German office-supplies vendor with a small spend and a clear contract: LOW risk. */
  private String lowRiskVendor() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("legalName", "Nordlicht Bürobedarf GmbH");
    body.put("country", "DE");
    body.put("vatId", germanVatId());
    body.put(
        "iban",
        new org.iban4j.Iban.Builder()
            .countryCode(org.iban4j.CountryCode.DE)
            .bankCode("37040044")
            .accountNumber(
                String.format(
                    "%010d",
                    java.util.concurrent.ThreadLocalRandom.current()
                        .nextLong(1_000_000_000L, 9_999_999_999L)))
            .build()
            .toString());
    body.put("contactEmail", "contact@vendor.example");
    body.put("category", "OFFICE_SUPPLIES");
    body.put("annualSpend", new BigDecimal("12000.00"));
    body.put("dataAccess", false);
    body.put(
        "contractText",
        "Supply agreement. Payment terms: net 30 days from invoice. Liability of the supplier is"
            + " capped at EUR 1,000,000. The supplier processes personal data only on documented"
            + " instructions (data processing agreement, Annex 2).");
    body.put("requestedBy", DemoUsers.ERIN);
    String id =
        api()
            .body(body)
            .post("/api/vendor-applications")
            .then()
            .statusCode(201)
            .extract()
            .path("processInstanceId");
    vendorInstances.add(id);
    return id;
  }

  /** A German VAT number with its ISO 7064 (MOD 11,10) check digit. */
  private static String germanVatId() {
    String digits =
        String.format(
            "%08d",
            java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
    int product = 10;
    for (char c : digits.toCharArray()) {
      int sum = (c - '0' + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      product = (2 * sum) % 11;
    }
    int check = 11 - product;
    return "DE" + digits + (check == 10 ? 0 : check);
  }

  private void approveVendor(String instance) {
    Task task = task(instance, "ApproveVendorTask");
    identityService.setAuthentication(DemoUsers.PAUL, List.of("procurement"));
    try {
      taskService.claim(task.getId(), DemoUsers.PAUL);
      taskService.complete(
          task.getId(), Map.of("approvalDecision", "APPROVED", "approvalReason", "fits our needs"));
    } finally {
      identityService.clearAuthentication();
    }
    managementService
        .createJobQuery()
        .processInstanceId(instance)
        .executable()
        .list()
        .forEach(job -> managementService.executeJob(job.getId()));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count())
        .as("vendor onboarding of " + instance + " ended")
        .isZero();
  }

  // --- incidents ---

  private String incident(String category) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "Switch port flaps " + UUID.randomUUID().toString().substring(0, 8));
    body.put("description", "The uplink of floor 3 goes down every few minutes");
    body.put("reporter", DemoUsers.ERIN);
    body.put("service", "network-floor-3");
    body.put("impact", "MEDIUM");
    body.put("urgency", "MEDIUM");
    body.put("category", category);
    String id =
        api()
            .body(body)
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("processInstanceId");
    incidentInstances.add(id);
    return id;
  }

  private Instant fireTimer(String instance, String activityId) {
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(instance)
            .activityId(activityId)
            .singleResult();
    assertThat(timer)
        .as(
            "timer "
                + activityId
                + " among "
                + managementService.createJobQuery().processInstanceId(instance).list().stream()
                    .map(j -> j.getJobDefinitionId() + "@" + j.getDuedate())
                    .toList())
        .isNotNull();
    Instant due = timer.getDuedate().toInstant();
    assertThat(due)
        .isAfter(ClockUtil.getCurrentTime().toInstant())
        .isBefore(t0.plus(Duration.ofDays(7)));
    ClockUtil.setCurrentTime(Date.from(due));
    managementService.executeJob(timer.getId());
    return due;
  }

  private void runJobIfAny(String instance, String activityId) {
    managementService
        .createJobQuery()
        .processInstanceId(instance)
        .activityId(activityId)
        .list()
        .forEach(job -> managementService.executeJob(job.getId()));
  }

  // --- tasks ---

  private Task task(String instance, String activityId) {
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(instance)
            .taskDefinitionKey(activityId)
            .singleResult();
    assertThat(task).as(activityId + " of " + instance).isNotNull();
    return task;
  }

  private void claim(String instance, String activityId, String user) {
    taskService.claim(task(instance, activityId).getId(), user);
  }

  private void complete(String instance, String activityId, Map<String, Object> variables) {
    Task task = task(instance, activityId);
    identityService.setAuthentication(task.getAssignee(), List.of());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static RequestSpecification api() {
    return given()
        .auth()
        .preemptive()
        .basic(DemoUsers.INTEGRATION, DemoUsers.passwordOf(DemoUsers.INTEGRATION))
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }
}
