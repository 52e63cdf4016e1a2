package io.handoff.incident;

import io.handoff.platform.persistence.Fingerprints;

/**
 * One alert of an Alertmanager notification, validated and mapped to an incident report.
 *
 * @param firing true for {@code firing}, false for {@code resolved}
 * @param incident the incident a firing alert opens
 * @param group the Alertmanager group whose parent incident the alert is linked to, null when the
 *     alert opens its own incident
 * @param alertname the alert's {@code alertname} label
 */
public record AlertIntake(
    String fingerprint, boolean firing, NewIncident incident, String group, String alertname) {

  public AlertIntake(String fingerprint, boolean firing, NewIncident incident) {
    this(fingerprint, firing, incident, null, null);
  }

  /** The fingerprint of the parent incident of the alert's group. */
  public String groupFingerprint() {
    return group == null ? null : "group:" + Fingerprints.of(group);
  }
}
