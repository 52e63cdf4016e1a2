package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.Concurrently;
import io.handoff.support.DemoUsers;
import io.handoff.support.EngineVariables;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.store.VendorApplications;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Vendor applications at the same moment: the same request twice is one application, and two
 * applications for one vendor approved at the same moment create one vendor, the other ending as a
 * duplicate on its modelled path. Real HTTP (domain API and engine REST), several rounds.
 */
@HandoffSpringTest
class ConcurrentVendorApplicationsTest extends RestTestSupport {

  private static final int ROUNDS = 3;

  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired VendorMaster vendorMaster;
  @Autowired VendorApplications applications;

  private static Map<String, Object> body(VendorApplicationRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("legalName", r.legalName());
    body.put("country", r.country());
    body.put("vatId", r.vatId());
    body.put("iban", r.iban());
    body.put("contactEmail", r.contactEmail());
    body.put("category", r.category());
    body.put("annualSpend", r.annualSpend());
    body.put("dataAccess", r.dataAccess());
    body.put("contractText", r.contractText());
    body.put("requestedBy", r.requestedBy());
    return body;
  }

  private static Response submit(Map<String, Object> body) {
    return asIntegration().body(body).post("/api/vendor-applications");
  }

  private int applicationsWithVat(String canonicalVat) {
    return jdbc.sql("SELECT COUNT(*) FROM vendor_application WHERE vat_id = ?")
        .param(canonicalVat)
        .query(Integer.class)
        .single();
  }

  @Test
  void theSameApplicationSentAtTheSameMomentIsOneApplicationAnswered201And200() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      VendorApplicationRequest request = VendorRequests.lowRisk(DemoUsers.ERIN);
      Map<String, Object> body = body(request);
      int callers = round == 0 ? 2 : 8;
      List<Response> answers = Concurrently.times(callers, () -> submit(body));
      List<Integer> statuses = new ArrayList<>(answers.stream().map(Response::statusCode).toList());
      Collections.sort(statuses);
      List<Integer> expected = new ArrayList<>(Collections.nCopies(callers - 1, 200));
      expected.add(201);
      assertThat(statuses).as("round %d", round).isEqualTo(expected);
      assertThat(answers.stream().map(a -> a.<String>path("applicationId")).distinct()).hasSize(1);
      String applicationId = answers.get(0).path("applicationId");
      assertThat(answers)
          .allSatisfy(a -> assertThat(a.<String>path("status")).isEqualTo("AWAITING_APPROVAL"));
      assertThat(applicationsWithVat(request.vatId())).isEqualTo(1);
      assertThat(
              runtimeService
                  .createProcessInstanceQuery()
                  .processDefinitionKey(VendorOnboardingVariables.PROCESS_KEY)
                  .processInstanceBusinessKey(applicationId)
                  .count())
          .isEqualTo(1);
      assertThat(
              historyService
                  .createHistoricProcessInstanceQuery()
                  .processInstanceBusinessKey(applicationId)
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void theSameApplicationSentAgainLaterIsAnswered200WithTheFirstAndStartsNothing() {
    Map<String, Object> body = body(VendorRequests.lowRisk(DemoUsers.ERIN));
    String first = submit(body).then().statusCode(201).extract().path("applicationId");
    // the IBAN written with spaces and in lower case is the same IBAN
    body.put("iban", body.get("iban").toString().replaceAll("(.{4})", "$1 ").toLowerCase());
    submit(body)
        .then()
        .statusCode(200)
        .header("Location", org.hamcrest.Matchers.endsWith("/api/vendor-applications/" + first))
        .body("applicationId", org.hamcrest.Matchers.equalTo(first))
        .body("status", org.hamcrest.Matchers.equalTo("AWAITING_APPROVAL"));
    assertThat(applicationsWithVat(body.get("vatId").toString())).isEqualTo(1);
    // one field different is another application (here stopped as a duplicate of the first)
    body.put("contactEmail", "other@vendor.example");
    submit(body).then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("DUPLICATE"));
  }

  private String approvalTask(String processInstanceId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey("ApproveVendorTask")
        .singleResult()
        .getId();
  }

  private static Response approve(String userId, String taskId) {
    return as(userId)
        .body(
            Map.of(
                "variables",
                EngineVariables.of(
                    Map.of(
                        VendorOnboardingVariables.APPROVAL_DECISION,
                        "APPROVED",
                        VendorOnboardingVariables.APPROVAL_REASON,
                        "fits our needs"))))
        .post("/engine-rest/task/{id}/submit-form", taskId);
  }

  private boolean passed(String processInstanceId, String activityId) {
    return historyService
            .createHistoricActivityInstanceQuery()
            .processInstanceId(processInstanceId)
            .activityId(activityId)
            .finished()
            .count()
        == 1;
  }

  @Test
  void twoApplicationsForOneVendorApprovedAtTheSameMomentCreateOneVendorAndCloseTheOther()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Response a = submit(body(VendorRequests.lowRisk(DemoUsers.ERIN)));
      Response b = submit(body(VendorRequests.lowRisk(DemoUsers.ERIN)));
      a.then().statusCode(201);
      b.then().statusCode(201);
      String appA = a.path("applicationId");
      String appB = b.path("applicationId");
      // Both passed the duplicate check at the same moment (neither saw the other): the same VAT
      // number on two open applications.
      String vat = applications.get(appA).vatId();
      jdbc.sql("UPDATE vendor_application SET vat_id = ? WHERE application_id = ?")
          .params(vat, appB)
          .update();
      String taskA = approvalTask(a.path("processInstanceId"));
      String taskB = approvalTask(b.path("processInstanceId"));

      List<Response> answers =
          Concurrently.run(
              List.of(() -> approve(DemoUsers.PAUL, taskA), () -> approve("priya", taskB)));

      assertThat(answers.stream().map(Response::statusCode))
          .as("round %d", round)
          .containsExactly(204, 204);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM vendor WHERE vat_id = ?")
                  .param(vat)
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
      VendorApplication first = applications.get(appA);
      VendorApplication second = applications.get(appB);
      VendorApplication approved = first.status() == ApplicationStatus.APPROVED ? first : second;
      VendorApplication closed = approved == first ? second : first;
      assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
      assertThat(closed.status()).isEqualTo(ApplicationStatus.DUPLICATE);
      assertThat(closed.vendorId()).isNull();
      assertThat(closed.duplicateOfKind()).isEqualTo("VENDOR");
      assertThat(closed.duplicateOfId()).isEqualTo(approved.vendorId());
      assertThat(closed.duplicateMatchedOn()).isEqualTo("VAT_ID");
      assertThat(passed(closed.processInstanceId(), "ExistingVendorEndEvent")).isTrue();
      assertThat(
              runtimeService
                  .createIncidentQuery()
                  .processInstanceId(closed.processInstanceId())
                  .count())
          .isZero();
      asIntegration()
          .get("/api/vendor-applications/{id}", closed.applicationId())
          .then()
          .statusCode(200)
          .body("status", org.hamcrest.Matchers.equalTo("DUPLICATE"))
          .body("duplicateOf.id", org.hamcrest.Matchers.equalTo(approved.vendorId()))
          .body("closingReason", org.hamcrest.Matchers.containsString(approved.vendorId()));
    }
  }

  @Test
  void aVendorCreatedWhileTheApplicationWasOpenStopsItAsADuplicateInsteadOfASecondVendor() {
    Response a = submit(body(VendorRequests.lowRisk(DemoUsers.ERIN)));
    a.then().statusCode(201);
    VendorApplication app = applications.get(a.path("applicationId"));
    // another way into the vendor master (an ERP, another node) creates the vendor meanwhile
    String existing =
        vendorMaster.create(
            new VendorMaster.NewVendor(
                "Nordlicht Bürobedarf GmbH",
                "DE",
                VendorRequests.freshGermanVatId(),
                app.iban(),
                "ap@nordlicht.example",
                "OFFICE_SUPPLIES",
                "LOW",
                null));

    approve(DemoUsers.PAUL, approvalTask(app.processInstanceId())).then().statusCode(204);

    VendorApplication closed = applications.get(app.applicationId());
    assertThat(closed.status()).isEqualTo(ApplicationStatus.DUPLICATE);
    assertThat(closed.duplicateOfId()).isEqualTo(existing);
    assertThat(closed.duplicateMatchedOn()).isEqualTo("IBAN");
    assertThat(passed(app.processInstanceId(), "CloseAsExistingVendorTask")).isTrue();
    assertThat(passed(app.processInstanceId(), "ExistingVendorEndEvent")).isTrue();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM vendor WHERE iban = ?")
                .param(app.iban())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
