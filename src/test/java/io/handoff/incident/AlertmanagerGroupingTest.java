package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which alerts group into one parent incident per Alertmanager group: those of the alert names
 * configured in {@code handoff.incident.alertmanager.grouped-alertnames} and those with the group
 * label; by default none, so every alert opens an incident of its own.
 */
class AlertmanagerGroupingTest {

  private static final String GROUP_KEY = "{}:{alertname=\"NodeDown\",rack=\"r1\"}";

  private static AlertmanagerMapping mapping(List<String> groupedAlertnames) {
    IncidentProperties properties =
        new IncidentProperties(
            null,
            new IncidentProperties.Alertmanager(
                null, null, null, null, null, null, null, groupedAlertnames, null),
            null);
    return new AlertmanagerMapping(properties, new IncidentIntakeRules(properties));
  }

  private static AlertmanagerNotification.Alert alert(
      String alertname, String fingerprint, Map<String, String> extraLabels) {
    Map<String, String> labels = new java.util.HashMap<>(extraLabels);
    labels.put("alertname", alertname);
    labels.put("severity", "warning");
    return new AlertmanagerNotification.Alert(
        "firing",
        labels,
        Map.of("summary", alertname + " on " + fingerprint),
        OffsetDateTime.parse("2026-03-02T08:58:10Z"),
        null,
        null,
        fingerprint);
  }

  private static AlertmanagerNotification notification(AlertmanagerNotification.Alert... alerts) {
    return new AlertmanagerNotification(
        "4",
        GROUP_KEY,
        0,
        "firing",
        "handoff",
        Map.of("alertname", "NodeDown"),
        Map.of(),
        Map.of(),
        null,
        List.of(alerts));
  }

  @Test
  void byDefaultEveryAlertOpensAnIncidentOfItsOwn() {
    List<AlertIntake> intakes =
        mapping(null)
            .map(notification(alert("NodeDown", "a", Map.of()), alert("NodeDown", "b", Map.of())));

    assertThat(intakes).extracting(AlertIntake::group).containsExactly(null, null);
  }

  @Test
  void alertsOfAConfiguredNameGroupByTheirAlertmanagerGroup() {
    List<AlertIntake> intakes =
        mapping(List.of("NodeDown"))
            .map(
                notification(
                    alert("NodeDown", "a", Map.of()),
                    alert("NodeDown", "b", Map.of()),
                    alert("DiskFull", "c", Map.of())));

    assertThat(intakes)
        .extracting(AlertIntake::group)
        .as("the two of the configured name share the group; the other stands alone")
        .containsExactly(GROUP_KEY, GROUP_KEY, null);
  }

  @Test
  void theGroupLabelGroupsAnAlertOfAnyName() {
    List<AlertIntake> intakes =
        mapping(List.of())
            .map(
                notification(
                    alert("DiskFull", "a", Map.of("handoff_group", "true")),
                    alert("DiskFull", "b", Map.of("handoff_group", "false"))));

    assertThat(intakes).extracting(AlertIntake::group).containsExactly(GROUP_KEY, null);
  }
}
