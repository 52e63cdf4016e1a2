package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The decision ledger of invoices: the trail an auditor reads (JSON, CSV, HTML) and who may read
 * it, the binding of running instances to the table versions they started with, and what-if replays
 * of edited tables against recorded cases.
 */
@HandoffSpringTest
class InvoiceDecisionTrailTest extends ProcurementTestSupport {

  static final Path APPROVAL_TABLE =
      Path.of("processes/procure-to-pay/invoice-approval-matrix.dmn");
  static final Path TOLERANCE_TABLE =
      Path.of("processes/procure-to-pay/invoice-line-tolerance.dmn");

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired DataSource dataSource;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
  }

  private String trailPath(String invoiceNumber) {
    return "/api/processes/invoice-three-way-match/business-keys/"
        + InvoiceVariables.businessKey(vendorId, invoiceNumber)
        + "/decisions";
  }

  /** Its own purchase order, fully received, and an invoice of it with the given line 1 price. */
  private ProcessInstance invoiceOnOwnOrder(
      String invoiceNumber, String quantity, String line1UnitPrice) {
    String po = "PO-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> order =
        purchaseOrder(
            DemoUsers.PAUL,
            List.of(poLine(1, "A-100", quantity, "100.00"), poLine(2, "B-200", "5", "20.00")));
    order.put("poNumber", po);
    asIntegration().body(order).post("/api/purchase-orders").then().statusCode(201);
    Map<String, Object> receipt =
        new LinkedHashMap<>(receipt("GR-" + UUID.randomUUID().toString().substring(0, 8)));
    receipt.put("poNumber", po);
    receipt.put(
        "lines",
        List.of(
            Map.of("line", 1, "quantity", new BigDecimal(quantity)),
            Map.of("line", 2, "quantity", new BigDecimal("5"))));
    asIntegration().body(receipt).post("/api/goods-receipts").then().statusCode(201);
    Map<String, Object> invoice =
        invoice(
            invoiceNumber,
            List.of(invoiceLine(1, quantity, line1UnitPrice), invoiceLine(2, "5", "20.00")));
    invoice.put("poNumber", po);
    return submitAndGetInstance(invoice);
  }

  private JsonPath whatIf(String decision, String table, Instant from) {
    return as(DemoUsers.AUDREY)
        .contentType("multipart/form-data")
        .multiPart("file", decision + ".dmn", table.getBytes(StandardCharsets.UTF_8), "text/xml")
        .formParam("from", from.toString())
        .formParam("to", Instant.now().plusSeconds(5).toString())
        .post("/api/decisions/{d}/what-if", decision)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String read(Path table) {
    try {
      return Files.readString(table);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void resolveAccepting(ProcessInstance pi) {
    Task task = openTask(pi, "ResolveMatchExceptionTask");
    taskService.claim(task.getId(), DemoUsers.ALICE);
    taskService.complete(
        task.getId(),
        Map.of(
            InvoiceVariables.EXCEPTION_OUTCOME,
            InvoiceVariables.OUTCOME_ACCEPT,
            InvoiceVariables.EXCEPTION_REASON,
            "agreed with the vendor"));
  }

  @Test
  void theTrailOfAStraightThroughInvoiceListsEveryRuleWithItsInputsAsJsonCsvAndHtml() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-T1"));

    JsonPath trail =
        as(DemoUsers.AUDREY).get(trailPath("INV-T1")).then().statusCode(200).extract().jsonPath();
    assertThat(trail.getList("processInstanceIds")).containsExactly(pi.getId());
    assertThat(trail.getList("decisions.decision", String.class))
        .containsExactly(
            "invoice-line-tolerance", "invoice-line-tolerance", "invoice-approval-matrix");
    assertThat(trail.getList("decisions.subject", String.class))
        .containsExactly("line 1", "line 2", null);
    assertThat(trail.getList("decisions.decider", String.class)).containsOnly("RULE");
    assertThat(trail.getString("decisions[0].decidedBy"))
        .startsWith("rule:invoice-line-tolerance:");
    assertThat(trail.getString("decisions[0].step")).isEqualTo("MatchInvoiceLinesTask");
    assertThat(trail.getString("decisions[0].outcome.lineResult")).isEqualTo("MATCHED");
    assertThat(trail.getDouble("decisions[0].inputs.priceVariancePercent")).isZero();
    assertThat(trail.getBoolean("decisions[0].inputs.onOrder")).isTrue();
    assertThat(trail.getString("decisions[2].outcome.approverGroups")).isEmpty();
    assertThat(trail.getDouble("decisions[2].inputs.invoiceTotal")).isEqualTo(1100.0);
    assertThat(trail.getString("decisions[2].reason")).isEqualTo("rule AutomaticApprovalRule");

    // the same timeline by process instance
    as(DemoUsers.AUDREY)
        .get("/api/process-instances/{id}/decisions", pi.getId())
        .then()
        .statusCode(200)
        .body("decisions", hasSize(3))
        .body("businessKey", equalTo(InvoiceVariables.businessKey(vendorId, "INV-T1")));

    String csv =
        as(DemoUsers.AUDREY)
            .accept("text/csv")
            .get(trailPath("INV-T1"))
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("decidedAt,processInstanceId,step,subject,decision,decider");
    assertThat(lines.get(3))
        .contains("invoice-approval-matrix", "RULE", "\"{\"\"invoiceTotal\"\":1100.0");

    as(DemoUsers.AUDREY)
        .queryParam("format", "html")
        .get(trailPath("INV-T1"))
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("<table>"))
        .body(containsString("invoice-approval-matrix"))
        .body(containsString("&quot;invoiceTotal&quot;"));
  }

  @Test
  void theTrailIsForAuditorsAndAdministratorsOnlyAndNotForSomeoneWhoDecidedInTheCase() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-T2", List.of(invoiceLine(1, "10", "104.00"), invoiceLine(2, "5", "20.00"))));
    resolveAccepting(pi);

    anonymous().get(trailPath("INV-T2")).then().statusCode(401);
    asIntegration()
        .get(trailPath("INV-T2"))
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.ALICE).get(trailPath("INV-T2")).then().statusCode(403);
    as(DemoUsers.ADMIN)
        .get(trailPath("INV-T2"))
        .then()
        .statusCode(200)
        .body("decisions.decidedBy", hasItem("person:alice"));

    // Alice, also made an auditor, still may not audit the case she decided in.
    identityService.createMembership(DemoUsers.ALICE, "auditors");
    try {
      as(DemoUsers.ALICE)
          .get(trailPath("INV-T2"))
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("detail", containsString("You took a decision in this case"));
      as(DemoUsers.ALICE)
          .get("/api/process-instances/{id}/decisions", pi.getId())
          .then()
          .statusCode(403);
    } finally {
      identityService.deleteMembership(DemoUsers.ALICE, "auditors");
    }
    as(DemoUsers.AUDREY)
        .get(trailPath("INV-NOPE"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void aRedeployedApprovalTableRoutesNewInvoicesOnlyRunningOnesKeepTheirVersion() {
    redeployedApprovalTableRoutesNewInvoicesOnly("INV-B", repositoryService);
  }

  /**
   * Another node deploys the table (an engine of its own on the same database, so nothing on this
   * node hears of the deployment): the next invoice started here is routed by the new version, one
   * that was running keeps the old one.
   */
  @Test
  void anApprovalTableDeployedOnAnotherNodeRoutesTheNextInvoiceStartedHere() {
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    config
        .setProcessEngineName("another-node-" + UUID.randomUUID())
        .setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE)
        .setHistory(ProcessEngineConfiguration.HISTORY_AUTO)
        .setJobExecutorActivate(false)
        .setMetricsEnabled(false)
        .setDbMetricsReporterActivate(false);
    config.setCmmnEnabled(false);
    config.setIdGenerator(new StrongUuidGenerator());
    ProcessEngine anotherNode = config.buildProcessEngine();
    try {
      // this node has read the table's versions before the deployment
      ProcessInstance warmUp = invoiceOnOwnOrder("INV-N0", "10", "104.00");
      resolveAccepting(warmUp);
      redeployedApprovalTableRoutesNewInvoicesOnly("INV-N", anotherNode.getRepositoryService());
    } finally {
      anotherNode.close();
    }
  }

  private void redeployedApprovalTableRoutesNewInvoicesOnly(
      String invoicePrefix, RepositoryService deployingNode) {
    String original = read(APPROVAL_TABLE);
    String edited =
        original.replace(
            "<outputEntry id=\"DepartmentApprovalRuleGroups\"><text>\"department-managers\"</text>",
            "<outputEntry id=\"DepartmentApprovalRuleGroups\"><text>\"finance-directors\"</text>");
    assertThat(edited).isNotEqualTo(original);
    ProcessInstance running = invoiceOnOwnOrder(invoicePrefix + "1", "10", "104.00");
    assertThat(running).isWaitingAt("ResolveMatchExceptionTask");
    // as Camunda Modeler deploys it: the table alone
    deployingNode
        .createDeployment()
        .name("procure-to-pay")
        .addString("invoice-approval-matrix.dmn", edited)
        .deploy();
    try {
      // a clean match over the automatic limit, routed in the transaction that starts it
      invoiceOnOwnOrder(invoicePrefix + "3", "100", "100.00");
      ProcessInstance started = invoiceOnOwnOrder(invoicePrefix + "2", "10", "104.00");
      resolveAccepting(running);
      resolveAccepting(started);

      JsonPath before = trailAsAuditor(invoicePrefix + "1");
      JsonPath after = trailAsAuditor(invoicePrefix + "2");
      String routeBefore = "decisions.find { it.decision == 'invoice-approval-matrix' }";
      assertThat(before.getString(routeBefore + ".outcome.approverGroups"))
          .isEqualTo("department-managers");
      assertThat(after.getString(routeBefore + ".outcome.approverGroups"))
          .isEqualTo("finance-directors");
      int oldVersion = version(before.getString(routeBefore + ".decidedBy"));
      int newVersion = version(after.getString(routeBefore + ".decidedBy"));
      assertThat(newVersion).isGreaterThan(oldVersion);
      JsonPath atOnce = trailAsAuditor(invoicePrefix + "3");
      assertThat(atOnce.getString(routeBefore + ".outcome.approverGroups"))
          .isEqualTo("finance-directors");
      assertThat(version(atOnce.getString(routeBefore + ".decidedBy"))).isEqualTo(newVersion);
      assertThat(openTask(running, "ApproveInvoiceTask")).isNotNull();
    } finally {
      repositoryService
          .createDeployment()
          .name("procure-to-pay")
          .addString("invoice-approval-matrix.dmn", original)
          .deploy();
    }
  }

  private JsonPath trailAsAuditor(String invoiceNumber) {
    return as(DemoUsers.AUDREY)
        .get(trailPath(invoiceNumber))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static int version(String decidedBy) {
    return Integer.parseInt(decidedBy.substring(decidedBy.lastIndexOf(':') + 1));
  }

  @Test
  void aToleranceRaisedFromTwoToThreePercentReportsTheExactChangedCasesAndStraightThroughRate() {
    Instant from = Instant.now().minusMillis(1);
    long deployments = repositoryService.createDeploymentQuery().count();
    invoiceOnOwnOrder("INV-W1", "10", "100.00"); // 0 %: matched, straight through
    invoiceOnOwnOrder("INV-W2", "10", "102.50"); // 2.5 %: a variance at 2 %, matched at 3 %
    invoiceOnOwnOrder("INV-W3", "10", "104.00"); // 4 %: a variance either way
    String edited =
        read(TOLERANCE_TABLE)
            .replace(
                "<inputEntry id=\"PricePercentRulePercent\"><text>&gt; 2</text>",
                "<inputEntry id=\"PricePercentRulePercent\"><text>&gt; 3</text>");

    JsonPath result = whatIf("invoice-line-tolerance", edited, from);

    assertThat(result.getInt("replayed")).isEqualTo(6);
    assertThat(result.getInt("changed")).isEqualTo(1);
    assertThat(result.getString("changes[0].businessKey"))
        .isEqualTo(InvoiceVariables.businessKey(vendorId, "INV-W2"));
    assertThat(result.getString("changes[0].subject")).isEqualTo("line 1");
    assertThat(result.getString("changes[0].oldOutcome.lineResult")).isEqualTo("PRICE_VARIANCE");
    assertThat(result.getString("changes[0].newOutcome.lineResult")).isEqualTo("MATCHED");
    assertThat(result.getDouble("changes[0].inputs.priceVariancePercent")).isEqualTo(2.5);
    assertThat(result.getString("headline.name")).isEqualTo("straight-through rate");
    assertThat(result.getInt("headline.basis")).isEqualTo(3);
    assertThat(result.getInt("headline.before.straightThrough")).isEqualTo(1);
    assertThat(result.getInt("headline.after.straightThrough")).isEqualTo(2);
    assertThat(result.getFloat("headline.after.rate")).isEqualTo(0.6667f);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void anApprovalLimitLoweredToOneThousandReportsTheInvoicesThatWouldNeedAPerson() {
    Instant from = Instant.now().minusMillis(1);
    long deployments = repositoryService.createDeploymentQuery().count();
    invoiceOnOwnOrder("INV-L1", "10", "100.00"); // 1,100.00: automatic today
    invoiceOnOwnOrder("INV-L2", "5", "100.00"); // 600.00: automatic either way
    String edited =
        read(APPROVAL_TABLE)
            .replace(
                "<inputEntry id=\"AutomaticApprovalRuleTotal\"><text>&lt;= 5000</text>",
                "<inputEntry id=\"AutomaticApprovalRuleTotal\"><text>&lt;= 1000</text>");

    JsonPath result = whatIf("invoice-approval-matrix", edited, from);

    assertThat(result.getInt("replayed")).isEqualTo(2);
    assertThat(result.getInt("changed")).isEqualTo(1);
    assertThat(result.getString("changes[0].businessKey"))
        .isEqualTo(InvoiceVariables.businessKey(vendorId, "INV-L1"));
    assertThat(result.getString("changes[0].oldOutcome.approverGroups")).isEmpty();
    assertThat(result.getString("changes[0].newOutcome.approverGroups"))
        .isEqualTo("department-managers");
    assertThat(result.getInt("headline.before.straightThrough")).isEqualTo(2);
    assertThat(result.getInt("headline.after.straightThrough")).isEqualTo(1);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void aWhatIfWithoutAFileOrWithABadPeriodNamesEveryBadFieldAndIsForAuditorsOnly() {
    as(DemoUsers.AUDREY)
        .contentType("multipart/form-data")
        .multiPart("from", "yesterday")
        .multiPart("to", "2026-13-01")
        .post("/api/decisions/invoice-line-tolerance/what-if")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("file", "from", "to"));
    as(DemoUsers.AUDREY)
        .contentType("multipart/form-data")
        .multiPart("file", "x.dmn", "<not-dmn/>".getBytes(StandardCharsets.UTF_8), "text/xml")
        .post("/api/decisions/invoice-line-tolerance/what-if")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("file")));
    as(DemoUsers.AUDREY)
        .contentType("multipart/form-data")
        .multiPart(
            "file", "x.dmn", read(APPROVAL_TABLE).getBytes(StandardCharsets.UTF_8), "text/xml")
        .post("/api/decisions/invoice-line-tolerance/what-if")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("file")))
        .body("errors[0].message", containsString("holds no decision 'invoice-line-tolerance'"));
    asIntegration()
        .contentType("multipart/form-data")
        .multiPart(
            "file", "x.dmn", read(TOLERANCE_TABLE).getBytes(StandardCharsets.UTF_8), "text/xml")
        .post("/api/decisions/invoice-line-tolerance/what-if")
        .then()
        .statusCode(403);
  }

  @Test
  void aWhatIfFileOverTheUploadLimitIs413AndNothingIsReplayed() {
    byte[] huge = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    as(DemoUsers.AUDREY)
        .contentType("multipart/form-data")
        .multiPart("file", "huge.dmn", huge, "text/xml")
        .post("/api/decisions/invoice-line-tolerance/what-if")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
  }

  @Test
  void aWhatIfListsTheChangedCasesAndSaysWhetherItListedAll() {
    Instant from = Instant.now().minusMillis(1);
    invoiceOnOwnOrder("INV-C1", "10", "102.50");
    String edited =
        read(TOLERANCE_TABLE)
            .replace(
                "<inputEntry id=\"PricePercentRulePercent\"><text>&gt; 2</text>",
                "<inputEntry id=\"PricePercentRulePercent\"><text>&gt; 3</text>");

    JsonPath result = whatIf("invoice-line-tolerance", edited, from);

    assertThat(result.getInt("changed")).isEqualTo(1);
    assertThat(result.getList("changes")).hasSize(1);
    assertThat(result.getBoolean("changesListed")).isTrue();
  }
}
