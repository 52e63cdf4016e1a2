package io.handoff.incident;

import org.springframework.stereotype.Component;

/**
 * Posts an incident's reminders and escalations to the operations chat and records each message
 * that the chat accepted in {@code incident_notification} (channel {@code CHAT}).
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

  public void post(String incidentId, String group, String text) {
    chat.post(text);
    incidents.recordNotification(incidentId, CHAT_CHANNEL, group, text, EngineClock.now());
  }
}
