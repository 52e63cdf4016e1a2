package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.handoff.support.HandoffSpringTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alert storms: alerts of one Alertmanager group that are configured to group (here by the label
 * {@code handoff_group="true"}; also by alert name, {@code
 * handoff.incident.alertmanager.grouped-alertnames}) open one parent incident with the alerts
 * linked as children; every other alert still opens its own incident.
 */
@HandoffSpringTest
class AlertGroupApiTest extends IncidentTestSupport {

  private static Map<String, Object> alert(String status, String fingerprint, boolean grouped) {
    Map<String, String> labels = new HashMap<>();
    labels.put("alertname", "NodeDown");
    labels.put("instance", "node-" + fingerprint + ":9100");
    labels.put("severity", "warning");
    labels.put("category", "network");
    if (grouped) {
      labels.put("handoff_group", "true");
    }
    return Map.of(
        "status",
        status,
        "labels",
        labels,
        "annotations",
        Map.of("summary", "Node unreachable", "description", "No scrape for 5 minutes"),
        "startsAt",
        "2026-03-02T08:58:10Z",
        "generatorURL",
        "http://prometheus:9090/graph?g0.expr=up",
        "fingerprint",
        fingerprint);
  }

  private static Map<String, Object> notification(
      String groupKey, List<Map<String, Object>> alerts) {
    return Map.of(
        "version",
        "4",
        "groupKey",
        groupKey,
        "status",
        "firing",
        "receiver",
        "handoff",
        "groupLabels",
        Map.of("alertname", "NodeDown"),
        "alerts",
        alerts);
  }

  @Test
  void alertsOfOneGroupOpenOneParentWithTheAlertsAsChildrenAndItClosesWithTheLast() {
    String group = "{}:{alertname=\"NodeDown\",rack=\"" + unique("rack") + "\"}";
    String a = unique("fp"), b = unique("fp"), c = unique("fp"), alone = unique("fp");
    var storm =
        notification(
            group,
            List.of(
                alert("firing", a, true),
                alert("firing", b, true),
                alert("firing", c, true),
                alert("firing", alone, false)));

    List<String> ids =
        asIntegration()
            .body(storm)
            .post("/api/incidents/alertmanager")
            .then()
            .statusCode(200)
            .body("results.result", equalTo(List.of("OPENED", "LINKED", "LINKED", "OPENED")))
            .extract()
            .path("results.incidentId");
    String parent = ids.get(0);
    assertThat(ids.subList(0, 3)).containsOnly(parent);
    assertThat(ids.get(3)).as("an alert that does not group opens its own").isNotEqualTo(parent);
    asIntegration()
        .get("/api/incidents/" + parent)
        .then()
        .statusCode(200)
        .body("title", equalTo("Alert group: Node unreachable"))
        .body("source", equalTo("ALERTMANAGER"))
        .body("alerts.fingerprint", equalTo(List.of(a, b, c)))
        .body("alerts.resolvedAt", everyItem(equalTo(null)));
    assertThat(
            runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(parent).count())
        .isEqualTo(1);
    for (String child : List.of(a, b, c)) {
      assertThat(incidents.findOpenByFingerprint(child)).as("no incident of its own").isEmpty();
    }

    // the group is sent again: nothing new
    asIntegration()
        .body(storm)
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results.result", everyItem(equalTo("ALREADY_OPEN")))
        .body("results.incidentId", equalTo(ids));

    // two children resolve: the parent stays open
    asIntegration()
        .body(
            notification(
                group,
                List.of(
                    alert("resolved", a, true),
                    alert("resolved", b, true),
                    alert("firing", c, true))))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body(
            "results.result", equalTo(List.of("CHILD_RESOLVED", "CHILD_RESOLVED", "ALREADY_OPEN")));
    assertThat(reload(incidents.find(parent).orElseThrow()).status())
        .isEqualTo(IncidentStatus.IN_PROGRESS);

    // the last one resolves: the parent closes
    asIntegration()
        .body(notification(group, List.of(alert("resolved", c, true))))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results[0].result", equalTo("RESOLVED"))
        .body("results[0].status", equalTo("CLOSED"));
    asIntegration()
        .get("/api/incidents/" + parent)
        .then()
        .body("status", equalTo("CLOSED"))
        .body("closeReason", equalTo("ALERT_RESOLVED"))
        .body("alerts", hasSize(3))
        .body("alerts.resolvedAt", everyItem(org.hamcrest.Matchers.notNullValue()));
  }
}
