package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.notification.EventDeliveryNode;
import io.handoff.platform.notification.EventReceiver;
import io.handoff.platform.notification.NotificationDelivery;
import io.handoff.platform.notification.OutboxEntry;
import io.handoff.platform.notification.OutboxStore;
import io.handoff.support.HandoffSpringTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The incident's integration events: each resolution (a person's, again after a reopen) and the
 * close reach every subscriber of their type, signed with that subscriber's secret.
 */
@HandoffSpringTest
class IncidentEventsTest extends IncidentTestSupport {

  @Autowired OutboxStore outbox;
  @Autowired ApplicationContext context;
  @Autowired ObjectMapper json;

  final EventReceiver erp = new EventReceiver();
  final EventReceiver serviceDesk = new EventReceiver();

  IncidentEventsTest() throws Exception {}

  @AfterEach
  void closeReceivers() {
    erp.close();
    serviceDesk.close();
  }

  private List<OutboxEntry> events(Incident incident, String type) {
    return outbox.ofProcessInstance(incident.processInstanceId()).stream()
        .filter(e -> type.equals(e.subject()) && e.eventId() != null)
        .toList();
  }

  @Test
  void eachResolutionAndTheCloseReachEverySubscriberOfTheirTypeSigned() throws Exception {
    Incident incident = report(Level.LOW, Level.HIGH, "hardware");
    resolveAndAskReporter(incident, "FIXED");
    List<OutboxEntry> firstResolution = events(incident, "incident.resolved");
    assertThat(firstResolution)
        .extracting(OutboxEntry::recipient)
        .containsExactly("erp", "service-desk");
    assertThat(events(incident, "incident.closed")).isEmpty();

    incidentService.reopen(incident.id(), "Still jams");
    resolveAndAskReporter(incident, "WORKAROUND");
    incidentService.confirm(incident.id());

    List<OutboxEntry> resolved = events(incident, "incident.resolved");
    assertThat(resolved).hasSize(4);
    assertThat(resolved.stream().map(OutboxEntry::eventId).distinct())
        .as("two resolutions, two events")
        .hasSize(2);
    List<OutboxEntry> closed = events(incident, "incident.closed");
    assertThat(closed).extracting(OutboxEntry::recipient).containsExactly("erp", "service-desk");

    NotificationDelivery node =
        EventDeliveryNode.create(
            context, Map.of("erp", erp.url(), "service-desk", serviceDesk.url()));
    node.deliverDue();

    String closedId = closed.get(0).eventId();
    for (var receiver : Map.of("erp", erp, "service-desk", serviceDesk).entrySet()) {
      String secret = EventDeliveryNode.secretOf(context, receiver.getKey());
      List<EventReceiver.Received> posts = receiver.getValue().of(closedId);
      assertThat(posts).as(receiver.getKey()).hasSize(1);
      assertThat(posts.get(0).signedWith(secret)).isTrue();
      for (String resolvedId : resolved.stream().map(OutboxEntry::eventId).distinct().toList()) {
        assertThat(receiver.getValue().of(resolvedId)).hasSize(1);
        assertThat(receiver.getValue().of(resolvedId).get(0).signedWith(secret)).isTrue();
      }
    }
    JsonNode firstData =
        json.readTree(erp.of(firstResolution.get(0).eventId()).get(0).body()).get("data");
    assertThat(firstData.get("incidentId").asText()).isEqualTo(incident.id());
    assertThat(firstData.get("resolutionCode").asText()).isEqualTo("FIXED");
    JsonNode closedData = json.readTree(erp.of(closedId).get(0).body()).get("data");
    assertThat(closedData.get("closeReason").asText()).isEqualTo("CONFIRMED");
    assertThat(closedData.get("resolutionCode").asText()).isEqualTo("WORKAROUND");
    assertThat(closedData.get("priority").asText()).isEqualTo(incident.priority());
  }
}
