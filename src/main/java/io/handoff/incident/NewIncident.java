package io.handoff.incident;

/**
 * A validated incident report from any intake, before it is registered.
 *
 * @param category one of the configured categories, or null when classification must decide
 * @param alertFingerprint the Alertmanager fingerprint when the incident comes from an alert
 */
public record NewIncident(
    String title,
    String description,
    String reporter,
    String service,
    Level impact,
    Level urgency,
    String category,
    KnownRequest knownRequest,
    IncidentSource source,
    String alertFingerprint) {

  public NewIncident {
    knownRequest = knownRequest == null ? KnownRequest.NONE : knownRequest;
  }
}
