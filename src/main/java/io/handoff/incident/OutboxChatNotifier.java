package io.handoff.incident;

import io.handoff.platform.notification.NotificationOutbox;
import org.springframework.stereotype.Component;

/**
 * Default chat adapter: the platform's notification outbox, which posts {@code {"text": "..."}} to
 * the incoming webhook {@code handoff.notifications.chat.webhook-url} (logs it when none is set)
 * after the step commits, with retries.
 */
@Component
public class OutboxChatNotifier implements ChatNotifier {

  private final NotificationOutbox outbox;

  public OutboxChatNotifier(NotificationOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void post(String key, String group, String text, String processInstanceId) {
    outbox.chat(key, group, text, processInstanceId);
  }
}
