package io.handoff.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.incident.Incident;
import io.handoff.incident.IncidentService;
import io.handoff.incident.IncidentSource;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.Level;
import io.handoff.incident.NewIncident;
import io.handoff.support.HandoffSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Incident paging on the wire: a P1 incident triggers a PagerDuty Events API v2 alert whose
 * dedup_key is the incident id, the first claim acknowledges it and the resolution resolves it,
 * each sent once through the outbox to a receiver on loopback.
 */
@HandoffSpringTest
class IncidentPagingTest {

  static final String ROUTING_KEY = "R0UTINGKEY0123456789012345678901";

  @Autowired IncidentService incidentService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired OutboxStore store;
  @Autowired NotificationDelivery contextDelivery;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JavaMailSender mailSender;
  @Autowired NotificationProperties properties;
  @Autowired ObjectMapper json;

  final List<AutoCloseable> closeLater = new ArrayList<>();

  @BeforeEach
  void quietOutbox() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T09:00:00Z")));
    contextDelivery.deliverDue();
  }

  @AfterEach
  void cleanUp() throws Exception {
    ClockUtil.reset();
    for (AutoCloseable c : closeLater) {
      c.close();
    }
  }

  private JsonNode readTree(String body) {
    try {
      return json.readTree(body);
    } catch (Exception unreadable) {
      throw new AssertionError("the pager got no JSON: " + body, unreadable);
    }
  }

  /** A paging service on loopback that accepts every event (202), closed after the test. */
  private WebhookReceiver acceptingPager() throws Exception {
    WebhookReceiver pager = new WebhookReceiver(n -> 202);
    closeLater.add(pager);
    return pager;
  }

  private NotificationDelivery nodePagingTo(WebhookReceiver pager) {
    NotificationProperties withPager =
        new NotificationProperties(
            properties.mailFrom(),
            properties.delivery(),
            properties.mailCatcher(),
            properties.chat(),
            new NotificationProperties.Pager(
                pager.url(), ROUTING_KEY, Duration.ofSeconds(2), Duration.ofSeconds(5)));
    return new NotificationDelivery(
        store,
        transactionManager,
        new EnumMap<>(NotificationConfig.transports(mailSender, withPager, json)),
        new NotificationProperties.Delivery(
            false,
            1,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            List.of(Duration.ofSeconds(10))),
        "pager-test/" + UUID.randomUUID());
  }

  private Incident report(Level impact, Level urgency) {
    return incidentService.report(
        new NewIncident(
            "Core switch down " + UUID.randomUUID(),
            "Floor 2 has no network",
            "erin",
            "network",
            impact,
            urgency,
            "network",
            KnownRequest.NONE,
            IncidentSource.REST,
            null));
  }

  private void runJobAt(Incident incident, String activityId) {
    managementService
        .createJobQuery()
        .processInstanceId(incident.processInstanceId())
        .activityId(activityId)
        .list()
        .forEach(j -> managementService.executeJob(j.getId()));
  }

  /** Moves the engine clock to the job's due date and runs it, as the job executor would. */
  private void fireAt(Incident incident, String activityId) {
    managementService
        .createJobQuery()
        .processInstanceId(incident.processInstanceId())
        .activityId(activityId)
        .list()
        .forEach(
            j -> {
              if (j.getDuedate() != null) {
                ClockUtil.setCurrentTime(j.getDuedate());
              }
              managementService.executeJob(j.getId());
            });
  }

  /** The resolution target passes: reminder, target timer, escalation and its announcement. */
  private void missResolutionTarget(Incident incident) {
    fireAt(incident, "SlaReminderDueEvent");
    fireAt(incident, "SlaTargetReachedEvent");
    fireAt(incident, "AnnounceEscalationTask");
  }

  private Task resolveTask(Incident incident) {
    return taskService
        .createTaskQuery()
        .processInstanceId(incident.processInstanceId())
        .taskDefinitionKey("ResolveIncidentTask")
        .singleResult();
  }

  /** Every pager event the receiver got, parsed, in the order it got them. */
  private List<JsonNode> pagerEvents(WebhookReceiver pager) {
    return pager.requests.stream().map(r -> readTree(r.body())).toList();
  }

  /** The pager events the receiver got for this incident, parsed. */
  private List<JsonNode> eventsFor(WebhookReceiver pager, String incidentId) {
    return pagerEvents(pager).stream()
        .filter(event -> incidentId.equals(event.path("dedup_key").asText()))
        .toList();
  }

  /**
   * Every event the receiver got for the incident's alerts (the dedup keys of its pages in the
   * outbox), as "alert action": "incident" is the alert under the incident's id, "alert 2" the next
   * one.
   */
  private List<String> alertEventsFor(WebhookReceiver pager, Incident incident) {
    java.util.Set<String> ours = new java.util.HashSet<>();
    store.ofProcessInstance(incident.processInstanceId()).stream()
        .filter(r -> r.kind() == NotificationKind.PAGE && r.eventId() != null)
        .forEach(r -> ours.add(r.eventId()));
    List<String> keys = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (JsonNode event : pagerEvents(pager)) {
      String key = event.path("dedup_key").asText();
      if (!ours.contains(key)) {
        continue;
      }
      if (!keys.contains(key)) {
        keys.add(key);
      }
      String alert = incident.id().equals(key) ? "incident" : "alert " + (keys.indexOf(key) + 1);
      events.add(alert + " " + event.path("event_action").asText());
    }
    return events;
  }

  @Test
  void aPriorityOneIncidentIsTriggeredAcknowledgedAndResolvedOnceEachUnderItsId() throws Exception {
    WebhookReceiver pager = acceptingPager();
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.HIGH, Level.HIGH);
    runJobAt(incident, "NotifyOnCallTask");
    Task task = resolveTask(incident);
    taskService.claim(task.getId(), "nina");
    taskService.setAssignee(task.getId(), null);
    taskService.claim(task.getId(), "omar");
    taskService.complete(
        task.getId(), Map.of("resolutionCode", "FIXED", "resolutionNotes", "Replaced the switch"));
    node.deliverDue();
    node.deliverDue();

    List<JsonNode> events = eventsFor(pager, incident.id());
    assertThat(events)
        .extracting(e -> e.path("event_action").asText())
        .containsExactly("trigger", "acknowledge", "resolve");
    JsonNode trigger = events.get(0);
    assertThat(trigger.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
    assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
    assertThat(trigger.path("payload").path("source").asText()).isEqualTo("handoff");
    assertThat(trigger.path("payload").path("summary").asText())
        .startsWith("P1 incident 'Core switch down");
    for (JsonNode followUp : events.subList(1, 3)) {
      assertThat(followUp.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
      assertThat(followUp.has("payload")).as("only a trigger carries a payload").isFalse();
    }
    assertThat(store.ofProcessInstance(incident.processInstanceId()))
        .filteredOn(r -> r.kind() == NotificationKind.PAGE)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(NotificationStatus.DELIVERED));
  }

  @Test
  void anIncidentThatWasNotPagedSendsNoAcknowledgementOrResolution() throws Exception {
    WebhookReceiver pager = acceptingPager();
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.MEDIUM, Level.MEDIUM);
    Task task = resolveTask(incident);
    taskService.claim(task.getId(), "nina");
    taskService.complete(
        task.getId(), Map.of("resolutionCode", "FIXED", "resolutionNotes", "Rebooted"));
    node.deliverDue();

    assertThat(eventsFor(pager, incident.id())).isEmpty();
    assertThat(store.ofProcessInstance(incident.processInstanceId()))
        .noneMatch(r -> r.kind() == NotificationKind.PAGE);
  }

  @Test
  void anEscalationTheSlaTableMarksPagesOnCallAndTheNextClaimAcknowledgesIt() throws Exception {
    WebhookReceiver pager = acceptingPager();
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.HIGH, Level.MEDIUM);
    assertThat(incident.priority()).isEqualTo("P2");
    taskService.claim(resolveTask(incident).getId(), "nina");
    node.deliverDue();
    assertThat(eventsFor(pager, incident.id()))
        .as("a P2 is not paged when reported, and its first claim has no page to acknowledge")
        .isEmpty();

    missResolutionTarget(incident);
    node.deliverDue();
    List<JsonNode> events = eventsFor(pager, incident.id());
    assertThat(events)
        .as("the SLA table marks P2 escalations (pageOnEscalation, severity error)")
        .extracting(e -> e.path("event_action").asText())
        .containsExactly("trigger");
    assertThat(events.get(0).path("payload").path("severity").asText()).isEqualTo("error");
    assertThat(events.get(0).path("payload").path("summary").asText())
        .startsWith("Escalated: P2 incident 'Core switch down")
        .contains("level 2");

    Task escalated = resolveTask(incident);
    assertThat(escalated.getAssignee()).as("the escalation released the claim").isNull();
    taskService.claim(escalated.getId(), "omar");
    taskService.complete(
        escalated.getId(), Map.of("resolutionCode", "FIXED", "resolutionNotes", "New uplink"));
    node.deliverDue();
    node.deliverDue();

    assertThat(eventsFor(pager, incident.id()))
        .extracting(e -> e.path("event_action").asText())
        .containsExactly("trigger", "acknowledge", "resolve");
    assertThat(store.ofProcessInstance(incident.processInstanceId()))
        .filteredOn(r -> r.kind() == NotificationKind.PAGE)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(NotificationStatus.DELIVERED));
  }

  @Test
  void aPriorityOneEscalatedAfterItsAcknowledgementIsPagedAsAnAlertOfItsOwn() throws Exception {
    WebhookReceiver pager = acceptingPager();
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.HIGH, Level.HIGH);
    runJobAt(incident, "NotifyOnCallTask");
    taskService.claim(resolveTask(incident).getId(), "nina");
    missResolutionTarget(incident);
    Task escalated = resolveTask(incident);
    taskService.claim(escalated.getId(), "omar");
    taskService.setAssignee(escalated.getId(), null);
    taskService.claim(escalated.getId(), "nina");
    taskService.complete(
        escalated.getId(), Map.of("resolutionCode", "FIXED", "resolutionNotes", "Replaced"));
    node.deliverDue();
    node.deliverDue();

    List<String> events = alertEventsFor(pager, incident);
    assertThat(events)
        .as(
            "a trigger under the acknowledged alert's key would notify nobody: the escalation is an"
                + " alert of its own, acknowledged once however many claims, and both resolve")
        .containsExactly(
            "incident trigger",
            "incident acknowledge",
            "alert 2 trigger",
            "alert 2 acknowledge",
            "incident resolve",
            "alert 2 resolve");
    List<JsonNode> escalationTrigger =
        pagerEvents(pager).stream()
            .filter(e -> e.path("payload").path("summary").asText().startsWith("Escalated:"))
            .toList();
    assertThat(escalationTrigger)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("dedup_key").asText()).isNotEqualTo(incident.id()).hasSize(36);
              assertThat(e.path("payload").path("severity").asText()).isEqualTo("critical");
            });
  }

  @Test
  void anEscalationPageThatFindsTheIncidentClaimedIsAcknowledgedAtOnce() throws Exception {
    WebhookReceiver pager = acceptingPager();
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.HIGH, Level.MEDIUM);
    taskService.claim(resolveTask(incident).getId(), "nina");
    fireAt(incident, "SlaReminderDueEvent");
    fireAt(incident, "SlaTargetReachedEvent");
    // claimed at the next level before the asynchronous announcement pages
    taskService.claim(resolveTask(incident).getId(), "omar");
    fireAt(incident, "AnnounceEscalationTask");
    node.deliverDue();

    assertThat(alertEventsFor(pager, incident))
        .containsExactly("incident trigger", "incident acknowledge");
  }

  @Test
  void anAcknowledgementWaitsForItsTriggerThatIsRetried() throws Exception {
    WebhookReceiver pager = new WebhookReceiver(n -> n == 1 ? 503 : 202);
    closeLater.add(pager);
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.HIGH, Level.HIGH);
    runJobAt(incident, "NotifyOnCallTask");
    taskService.claim(resolveTask(incident).getId(), "nina");
    node.deliverDue(); // the trigger fails once and is due again in 10 s; the acknowledge waits
    node.deliverDue();
    assertThat(alertEventsFor(pager, incident)).containsExactly("incident trigger");

    ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plusSeconds(11)));
    node.deliverDue();
    node.deliverDue();

    assertThat(alertEventsFor(pager, incident))
        .as("the paging service gets the acknowledge only after the trigger it acknowledges")
        .containsExactly("incident trigger", "incident trigger", "incident acknowledge");
  }

  @Test
  void anEscalationTheSlaTableDoesNotMarkPagesNobody() throws Exception {
    WebhookReceiver pager = acceptingPager();
    NotificationDelivery node = nodePagingTo(pager);

    Incident incident = report(Level.MEDIUM, Level.MEDIUM);
    assertThat(incident.priority()).isEqualTo("P3");
    taskService.claim(resolveTask(incident).getId(), "nina");
    missResolutionTarget(incident);
    node.deliverDue();

    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(incident.processInstanceId())
                .activityId("AnnounceEscalationTask")
                .count())
        .as("the escalation was announced")
        .isZero();
    assertThat(eventsFor(pager, incident.id())).isEmpty();
    assertThat(store.ofProcessInstance(incident.processInstanceId()))
        .noneMatch(r -> r.kind() == NotificationKind.PAGE);
  }
}
