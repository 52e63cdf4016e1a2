package io.handoff.incident;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Default reporter and on-call notifiers: every notification is recorded in {@code
 * incident_notification} (what the reporter portal and the on-call rota read) and logged.
 */
@Component
public class RecordingNotifiers implements ReporterNotifier, OnCallNotifier {

  static final String REPORTER_CHANNEL = "REPORTER";
  static final String ON_CALL_CHANNEL = "ON_CALL";
  private static final Logger log = LoggerFactory.getLogger(RecordingNotifiers.class);

  private final IncidentRepository incidents;
  private final String onCallRecipient;

  public RecordingNotifiers(IncidentRepository incidents, IncidentProperties properties) {
    this.incidents = incidents;
    this.onCallRecipient = properties.onCall().recipient();
  }

  @Override
  public void notify(String incidentId, String reporter, String message) {
    record(incidentId, REPORTER_CHANNEL, reporter, message);
  }

  @Override
  public void page(String incidentId, String message) {
    record(incidentId, ON_CALL_CHANNEL, onCallRecipient, message);
  }

  private void record(String incidentId, String channel, String recipient, String message) {
    incidents.recordNotification(
        incidentId, channel, recipient, message, ClockUtil.getCurrentTime().toInstant());
    log.info("Incident {}: {} notification to {}: {}", incidentId, channel, recipient, message);
  }
}
