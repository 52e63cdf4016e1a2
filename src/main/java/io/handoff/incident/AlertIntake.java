package io.handoff.incident;

/**
 * One alert of an Alertmanager notification, validated and mapped to an incident report.
 *
 * @param firing true for {@code firing}, false for {@code resolved}
 * @param incident the incident a firing alert opens
 */
public record AlertIntake(String fingerprint, boolean firing, NewIncident incident) {}
