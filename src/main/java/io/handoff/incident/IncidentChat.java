package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.notification.NotificationOutbox;
import org.springframework.stereotype.Component;

/**
 * Posts an incident's reminders and escalations to the operations chat and records each message in
 * {@code incident_notification} (channel {@code CHAT}), both in the step's transaction: one post
 * per run of the step, sent after it commits.
 */
@Component
public class IncidentChat {

  static final String CHAT_CHANNEL = "CHAT";

  private final ChatNotifier chat;
  private final IncidentRepository incidents;

  public IncidentChat(ChatNotifier chat, IncidentRepository incidents) {
    this.chat = chat;
    this.incidents = incidents;
  }

  /**
   * @param purpose what the message is ({@code reminder}, {@code escalation}), part of its key
   */
  public void post(
      String incidentId, String processInstanceId, String purpose, String group, String text) {
    chat.post(
        "incident/" + incidentId + "/" + purpose + "/" + NotificationOutbox.currentStep(),
        group,
        text,
        processInstanceId);
    incidents.recordNotification(incidentId, CHAT_CHANNEL, group, text, EngineClock.now());
  }
}
