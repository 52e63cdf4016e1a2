package io.handoff.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Integration events on the real engine, database and HTTP: rows per subscriber written in the
 * step's transaction, signed posts to receivers on loopback with retries driven by the engine
 * clock, and {@code GET /api/events/deliveries}. On PostgreSQL with {@code .ci/postgres-suite.sh}.
 */
@HandoffSpringTest
class IntegrationEventsTest extends RestTestSupport {

  @Autowired IntegrationEvents events;
  @Autowired OutboxStore store;
  @Autowired NotificationDelivery contextDelivery;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired ApplicationContext context;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  final List<AutoCloseable> closeLater = new ArrayList<>();
  String deploymentId;
  // A moment of its own per test, so "since" finds only this test's events.
  Instant now =
      Instant.parse("2033-01-01T00:00:00Z")
          .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(1, 5_000_000)));

  @BeforeEach
  void ownClock() {
    contextDelivery.deliverDue();
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void cleanUp() throws Exception {
    ClockUtil.reset();
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  private EventReceiver receiver(java.util.function.IntFunction<Integer> answer) throws Exception {
    EventReceiver r = new EventReceiver(answer);
    closeLater.add(r);
    return r;
  }

  private String publish(EventType type, Map<String, Object> data) {
    return new TransactionTemplate(transactionManager)
        .execute(s -> events.publish(type, "test-" + UUID.randomUUID(), data, null));
  }

  private List<OutboxEntry> rowsOf(String eventId) {
    return jdbc
        .sql("SELECT id FROM notification_outbox WHERE event_id = ? ORDER BY id")
        .param(eventId)
        .query(Long.class)
        .list()
        .stream()
        .map(id -> store.find(id).orElseThrow())
        .toList();
  }

  private void moveClock(Duration by) {
    now = now.plus(by);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  // --- written with the step ---------------------------------------------------------------

  @Test
  void anEventIsOneRowPerSubscriberOfItsTypeAllWithOneEventIdAndTheSameBody() throws Exception {
    String closed = publish(EventType.INCIDENT_CLOSED, Map.of("incidentId", "INC-1"));
    String rejected = publish(EventType.INVOICE_REJECTED, Map.of("invoiceId", "INV-1"));

    List<OutboxEntry> closedRows = rowsOf(closed);
    assertThat(closedRows)
        .extracting(OutboxEntry::recipient)
        .containsExactly("erp", "service-desk");
    assertThat(closedRows).extracting(OutboxEntry::kind).containsOnly(NotificationKind.EVENT);
    assertThat(closedRows).extracting(OutboxEntry::subject).containsOnly("incident.closed");
    assertThat(closedRows.get(0).body()).isEqualTo(closedRows.get(1).body());
    JsonNode body = json.readTree(closedRows.get(0).body());
    assertThat(body.get("id").asText()).isEqualTo(closed);
    assertThat(body.get("type").asText()).isEqualTo("incident.closed");
    assertThat(body.get("occurredAt").asText()).isEqualTo(now.toString());
    assertThat(body.get("data").get("incidentId").asText()).isEqualTo("INC-1");
    assertThat(UUID.fromString(closed).version()).isEqualTo(4);

    assertThat(rowsOf(rejected)).extracting(OutboxEntry::recipient).containsExactly("erp");
  }

  @Test
  void aStepThatRollsBackLeavesNoEventAndItsSuccessfulRetryPublishesOnce() throws Exception {
    String processKey = "event-probe-" + UUID.randomUUID().toString().substring(0, 8);
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(
                processKey + ".bpmn",
                Bpmn.createExecutableProcess(processKey)
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("PublishEventTask")
                    .camundaAsyncBefore()
                    .camundaExpression(
                        "${execution.setVariable('eventId', integrationEvents.publish("
                            + "'INVOICE_REJECTED', occurrence, null, execution.processInstanceId))}")
                    .serviceTask("CallOtherSystemTask")
                    .camundaExpression("${systemUp ? true : unreachableSystem.call()}")
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    ProcessInstance pi =
        runtimeService.startProcessInstanceByKey(
            processKey,
            Variables.putValue("occurrence", "probe-" + UUID.randomUUID())
                .putValue("systemUp", false));
    Job job = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("unreachableSystem");
    assertThat(store.ofProcessInstance(pi.getId())).as("rolled back with the step").isEmpty();

    runtimeService.setVariable(pi.getId(), "systemUp", true);
    managementService.executeJob(job.getId());
    List<OutboxEntry> rows = store.ofProcessInstance(pi.getId());
    assertThat(rows).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("erp"));

    EventReceiver erp = receiver(n -> 200);
    NotificationDelivery node = EventDeliveryNode.create(context, Map.of("erp", erp.url()));
    node.deliverDue();
    node.deliverDue();
    assertThat(erp.of(rows.get(0).eventId())).hasSize(1);
  }

  // --- delivered at least once ---------------------------------------------------------------

  @Test
  void aReceiverThatFailsTwiceThenSucceedsGetsTheSameSignedEventThreeTimesAndItIsDelivered()
      throws Exception {
    EventReceiver erp = receiver(n -> n <= 2 ? 500 : 200);
    NotificationDelivery node = EventDeliveryNode.create(context, Map.of("erp", erp.url()));
    String eventId = publish(EventType.INVOICE_REJECTED, Map.of("invoiceId", "INV-2"));
    OutboxEntry row = rowsOf(eventId).get(0);
    List<Long> attemptedAt = new ArrayList<>();

    attemptedAt.add(now.getEpochSecond());
    node.deliverDue();
    OutboxEntry afterFirst = store.find(row.id()).orElseThrow();
    assertThat(afterFirst.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(afterFirst.attempts()).isEqualTo(1);
    assertThat(afterFirst.lastError()).contains("answered 500");
    assertThat(afterFirst.nextAttemptAt()).isEqualTo(now.plusSeconds(10));

    node.deliverDue();
    assertThat(erp.of(eventId)).as("not again before its pause").hasSize(1);

    moveClock(Duration.ofSeconds(11));
    attemptedAt.add(now.getEpochSecond());
    node.deliverDue();
    assertThat(store.find(row.id()).orElseThrow().nextAttemptAt())
        .isEqualTo(now.plus(Duration.ofMinutes(1)));

    moveClock(Duration.ofSeconds(61));
    attemptedAt.add(now.getEpochSecond());
    node.deliverDue();
    moveClock(Duration.ofHours(1));
    node.deliverDue();

    OutboxEntry delivered = store.find(row.id()).orElseThrow();
    assertThat(delivered.status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(3);
    List<EventReceiver.Received> posts = erp.of(eventId);
    assertThat(posts).hasSize(3);
    String secret = EventDeliveryNode.secretOf(context, "erp");
    for (int i = 0; i < 3; i++) {
      EventReceiver.Received post = posts.get(i);
      assertThat(post.text()).isEqualTo(row.body());
      assertThat(post.eventType()).isEqualTo("invoice.rejected");
      assertThat(post.contentType()).isEqualTo("application/json");
      assertThat(post.timestamp()).isEqualTo(Long.toString(attemptedAt.get(i)));
      assertThat(post.signedWith(secret)).as("attempt %d signed", i + 1).isTrue();
      assertThat(post.signedWith(EventDeliveryNode.secretOf(context, "service-desk"))).isFalse();
    }
  }

  @Test
  void aReceiverThatNeverAcceptsEndsFailedWithItsAnswerAndOtherSubscribersAreNotHeldUp()
      throws Exception {
    EventReceiver erp = receiver(n -> 503);
    EventReceiver desk = receiver(n -> 200);
    NotificationDelivery node =
        EventDeliveryNode.create(context, Map.of("erp", erp.url(), "service-desk", desk.url()));
    String eventId = publish(EventType.INCIDENT_RESOLVED, Map.of("incidentId", "INC-3"));

    node.deliverDue();
    moveClock(Duration.ofSeconds(11));
    node.deliverDue();
    moveClock(Duration.ofMinutes(2));
    node.deliverDue();

    assertThat(desk.of(eventId)).hasSize(1);
    assertThat(erp.of(eventId)).hasSize(1 + EventDeliveryNode.RETRY_DELAYS.size());
    as(DemoUsers.INTEGRATION)
        .queryParam("since", now.minus(Duration.ofHours(1)).toString())
        .queryParam("eventType", "incident.resolved")
        .get("/api/events/deliveries")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items.subscriber", containsInAnyOrder("erp", "service-desk"))
        .body("items.find { it.subscriber == 'erp' }.status", equalTo("FAILED"))
        .body("items.find { it.subscriber == 'erp' }.attempts", equalTo(3))
        .body("items.find { it.subscriber == 'erp' }.lastError", containsString("answered 503"))
        .body("items.find { it.subscriber == 'service-desk' }.status", equalTo("DELIVERED"));
  }

  // --- GET /api/events/deliveries -------------------------------------------------------------

  @Test
  void deliveriesNeedCredentialsAndAnApiGroupAndIntegratorsSeeNoOtherNotifications() {
    anonymous()
        .get("/api/events/deliveries")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    as(DemoUsers.ALICE)
        .get("/api/events/deliveries")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.INTEGRATION).get("/api/events/deliveries").then().statusCode(200);
    as(DemoUsers.ADMIN).get("/api/events/deliveries").then().statusCode(200);
    as(DemoUsers.INTEGRATION).get("/api/notifications").then().statusCode(403);
  }

  @Test
  void integratorsReadDeliveriesFilteredByTypeStatusSubscriberAndSinceInPages() throws Exception {
    // After every row written so far, so that "since" selects this test's rows alone.
    Instant latest =
        jdbc.sql("SELECT MAX(created_at) FROM notification_outbox")
            .query(java.sql.Timestamp.class)
            .optional()
            .map(java.sql.Timestamp::toInstant)
            .orElse(now);
    moveClock(Duration.between(now, latest.isAfter(now) ? latest : now).plusDays(1));
    Instant since = now;
    String first = publish(EventType.INCIDENT_CLOSED, Map.of("incidentId", "INC-4"));
    moveClock(Duration.ofSeconds(1));
    String second = publish(EventType.VENDOR_CREATED, Map.of("vendorId", "VEN-000004"));
    moveClock(Duration.ofSeconds(1));
    String third = publish(EventType.INCIDENT_CLOSED, Map.of("incidentId", "INC-5"));
    EventReceiver desk = receiver(n -> 200);
    EventDeliveryNode.create(context, Map.of("service-desk", desk.url())).deliverDue();

    as(DemoUsers.INTEGRATION)
        .queryParam("since", since.toString())
        .get("/api/events/deliveries")
        .then()
        .statusCode(200)
        .body("items", hasSize(5))
        .body("items[0].eventId", equalTo(third))
        .body("items.eventId", everyItem(notNullValue()))
        .body("page.cursor", nullValue())
        .body("page.next", nullValue());

    as(DemoUsers.INTEGRATION)
        .queryParam("since", since.toString())
        .queryParam("eventType", "incident.closed")
        .queryParam("subscriber", "service-desk")
        .queryParam("status", "DELIVERED")
        .get("/api/events/deliveries")
        .then()
        .statusCode(200)
        .body("items.eventId", equalTo(List.of(third, first)))
        .body("items[0].event.type", equalTo("incident.closed"))
        .body("items[0].event.data.incidentId", equalTo("INC-5"))
        .body("items[0].deliveredAt", equalTo(now.toString()));

    as(DemoUsers.INTEGRATION)
        .queryParam("since", since.toString())
        .queryParam("subscriber", "erp")
        .queryParam("status", "PENDING")
        .get("/api/events/deliveries")
        .then()
        .statusCode(200)
        .body("items.eventId", equalTo(List.of(third, second, first)));

    String cursor =
        as(DemoUsers.INTEGRATION)
            .queryParam("since", since.toString())
            .queryParam("subscriber", "erp")
            .queryParam("size", 2)
            .get("/api/events/deliveries")
            .then()
            .statusCode(200)
            .body("items.eventId", equalTo(List.of(third, second)))
            .body("page.cursor", notNullValue())
            .body("page.size", equalTo(2))
            .body("page.next", containsString("cursor="))
            .extract()
            .path("page.cursor");
    as(DemoUsers.INTEGRATION)
        .queryParam("since", since.toString())
        .queryParam("subscriber", "erp")
        .queryParam("size", 2)
        .queryParam("cursor", cursor)
        .get("/api/events/deliveries")
        .then()
        .statusCode(200)
        .body("items.eventId", equalTo(List.of(first)))
        .body("page.cursor", nullValue())
        .body("page.next", nullValue());

    as(DemoUsers.INTEGRATION)
        .queryParam("since", now.plusSeconds(1).toString())
        .get("/api/events/deliveries")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  @Test
  void badParametersAreOne400NamingEachOfThem() {
    as(DemoUsers.INTEGRATION)
        .queryParam("eventType", "invoice.paid")
        .queryParam("status", "LOGGED")
        .queryParam("subscriber", "")
        .queryParam("since", "yesterday")
        .queryParam("size", "201")
        .queryParam("cursor", "abc")
        .queryParam("procesInstanceId", "x")
        .get("/api/events/deliveries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            containsInAnyOrder(
                "eventType", "status", "subscriber", "since", "size", "cursor", "procesInstanceId"))
        .body("errors.find { it.field == 'eventType' }.message", containsString("vendor.created"));
    as(DemoUsers.INTEGRATION)
        .queryParam("size", "0")
        .get("/api/events/deliveries")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("size")));
  }
}
