package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoff.platform.api.TextLimits;
import io.handoff.support.DemoUsers;
import io.handoff.support.EngineVariables;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.LongTexts;
import io.handoff.support.RestTestSupport;
import io.handoff.support.TasklistApi;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Incident descriptions (REST, the Tasklist's report form, Alertmanager annotations) and resolution
 * notes beyond the engine's 4,000-character strings are kept in full up to their documented
 * maximums and refused above them, naming the field, with nothing written. Non-ASCII text included,
 * on H2 and PostgreSQL.
 */
@HandoffSpringTest
class LongIncidentTextTest extends RestTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private static String title(String what) {
    return what + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Map<String, Object> report(String title, String description, String category) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("description", description);
    body.put("reporter", "erin");
    body.put("service", "vpn");
    body.put("impact", "MEDIUM");
    body.put("urgency", "HIGH");
    if (category != null) {
      body.put("category", category);
    }
    return body;
  }

  @Test
  void descriptionOfFiftyThousandCharactersThroughRestIsKeptInFullAndShownToTheResolver() {
    String title = title("VPN drops");
    String description = LongTexts.of(IncidentIntakeRules.DESCRIPTION_MAX, "VPN log excerpt");
    String id =
        asIntegration()
            .body(report(title, description, "network"))
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("incidentId");

    assertThat(storedDescription(id)).hasSize(50_000).isEqualTo(description);
    String pi = processInstanceOf(id);
    assertThat((String) runtimeService.getVariable(pi, IncidentVariables.DESCRIPTION))
        .isEqualTo(description);
    String resolve = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    TasklistApi.login(DemoUsers.NINA)
        .request()
        .get(TasklistApi.ENGINE + "/task/{id}/form-variables", resolve)
        .then()
        .statusCode(200)
        .body("description.type", equalTo("String"))
        .body("description.value", equalTo(description));
  }

  @Test
  void descriptionOverTheMaximumThroughRestIs400NamingItAndStoresNothing() {
    String title = title("Too long");
    asIntegration()
        .body(report(title, LongTexts.of(IncidentIntakeRules.DESCRIPTION_MAX + 1, "x"), null))
        .post("/api/incidents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("description"));
    assertThat(incidentsTitled(title)).isZero();
  }

  @Test
  void employeeReportsALongIncidentFromTheTasklistFormAndIsToldWhyAnOverlongOneIsRefused() {
    TasklistApi erin = TasklistApi.login(DemoUsers.ERIN);
    String title = title("Printer queue stuck");
    String description = LongTexts.of(12_000, "Spooler log");
    startReport(erin, title, description).then().statusCode(200);
    String id =
        jdbc.sql("SELECT id FROM incident WHERE title = ?")
            .param(title)
            .query(String.class)
            .single();
    assertThat(storedDescription(id)).isEqualTo(description);

    String refused = title("Refused");
    startReport(erin, refused, LongTexts.of(IncidentIntakeRules.DESCRIPTION_MAX + 1, "x"))
        .then()
        .statusCode(400)
        .body("message", containsString("description: must be at most 50,000 characters"));
    // A title of spaces passes the form's "required" but not the intake's rule: 400 with the
    // reason as the message the Tasklist shows, not a 500.
    startReport(erin, "   ", "Something")
        .then()
        .statusCode(400)
        .body("message", containsString("title: must not be blank"));
    assertThat(incidentsTitled(refused)).isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM incident WHERE reporter = ? AND description = ?")
                .params(DemoUsers.ERIN, "Something")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void alertAnnotationOfTwelveThousandCharactersIsTheIncidentsDescriptionAndAnOverlongOneIs400() {
    String annotation = LongTexts.of(12_000, "Disk usage per volume");
    ObjectNode body = alert(annotation);
    String id =
        asIntegration()
            .body(body.toString())
            .post("/api/incidents/alertmanager")
            .then()
            .statusCode(200)
            .extract()
            .path("results[0].incidentId");
    assertThat(storedDescription(id)).startsWith(annotation + "\n");

    ObjectNode tooLong = alert(LongTexts.of(IncidentIntakeRules.DESCRIPTION_MAX + 1, "x"));
    String fingerprint = tooLong.path("alerts").path(0).path("fingerprint").asText();
    asIntegration()
        .body(tooLong.toString())
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("alerts[0].annotations.description"));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM incident WHERE alert_fingerprint = ?")
                .param(fingerprint)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void resolutionNotesOfFifteenThousandCharactersAreKeptInFullAndLongerOnesRefused() {
    String id =
        asIntegration()
            .body(report(title("Switch port flapping"), "Port 12 goes up and down", "network"))
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("incidentId");
    String pi = processInstanceOf(id);
    String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
    TasklistApi nina = TasklistApi.login(DemoUsers.NINA);
    nina.claim(task, DemoUsers.NINA).then().statusCode(204);

    String tooLong = LongTexts.of(TextLimits.COMMENT_MAX + 1, "x");
    nina.submitForm(task, Map.of("resolutionCode", "FIXED", "resolutionNotes", tooLong))
        .then()
        .statusCode(400)
        .body("message", containsString("resolutionNotes: must be at most 20,000 characters"));
    assertThat(taskService.createTaskQuery().taskId(task).count()).isOne();

    String notes = LongTexts.of(15_000, "Replaced the SFP module; logs attached");
    nina.submitForm(task, Map.of("resolutionCode", "FIXED", "resolutionNotes", notes))
        .then()
        .statusCode(204);
    assertThat(
            jdbc.sql("SELECT resolution_notes FROM incident WHERE id = ?")
                .param(id)
                .query((rs, n) -> rs.getString(1))
                .single())
        .isEqualTo(notes);
  }

  // ------------------------------------------------------------------ helpers

  private static Response startReport(TasklistApi tasklist, String title, String description) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("title", title);
    values.put("description", description);
    values.put("impact", "LOW");
    values.put("urgency", "MEDIUM");
    values.put("knownRequest", "NONE");
    return tasklist
        .request()
        .body(Map.of("variables", EngineVariables.of(values)))
        .post(TasklistApi.ENGINE + "/process-definition/key/incident-escalation/submit-form");
  }

  private static ObjectNode alert(String description) {
    ObjectNode body =
        JSON.createObjectNode().put("version", "4").put("status", "firing").put("receiver", "h");
    ObjectNode alert = body.putArray("alerts").addObject().put("status", "firing");
    alert.putObject("labels").put("alertname", "DiskFull").put("instance", "db-9:9100");
    alert.putObject("annotations").put("summary", "Disk full").put("description", description);
    alert
        .put(
            "startsAt",
            OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC)
                .minusMinutes(5)
                .toString())
        .put("generatorURL", "http://prometheus.example:9090/graph")
        .put("fingerprint", "long-" + UUID.randomUUID().toString().substring(0, 12));
    return body;
  }

  private String storedDescription(String id) {
    return jdbc.sql("SELECT description FROM incident WHERE id = ?")
        .param(id)
        .query((rs, n) -> rs.getString(1))
        .single();
  }

  private String processInstanceOf(String id) {
    return jdbc.sql("SELECT process_instance_id FROM incident WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  private long incidentsTitled(String title) {
    return jdbc.sql("SELECT COUNT(*) FROM incident WHERE title = ?")
        .param(title)
        .query(Long.class)
        .single();
  }
}
