package io.handoff.support;

import io.handoff.platform.notification.MailCatcher;
import io.handoff.platform.notification.NotificationDelivery;
import io.handoff.platform.notification.NotificationKind;
import io.handoff.platform.notification.OutboxEntry;
import io.handoff.platform.notification.OutboxStore;
import java.util.List;

/**
 * What a process instance told whom, as the receivers saw it: its outbox rows, delivered on the
 * test's thread (tests run the outbox as they run jobs), and the e-mails the mail catcher (a real
 * SMTP server on a free loopback port) received for them.
 */
public final class SentNotifications {

  private final NotificationDelivery delivery;
  private final OutboxStore outbox;
  private final MailCatcher catcher;

  public SentNotifications(NotificationDelivery delivery, OutboxStore outbox, MailCatcher catcher) {
    this.delivery = delivery;
    this.outbox = outbox;
    this.catcher = catcher;
  }

  /** Delivers every due row, as the delivery threads of a node would. */
  public void deliver() {
    delivery.deliverDue();
  }

  /** The outbox rows of the instance, oldest first. */
  public List<OutboxEntry> of(String processInstanceId) {
    return outbox.ofProcessInstance(processInstanceId);
  }

  /** The e-mails the catcher received from the instance's rows that are addressed to {@code to}. */
  public List<MailCatcher.CaughtMail> mailsTo(String processInstanceId, String to) {
    List<String> keys =
        of(processInstanceId).stream()
            .filter(e -> e.kind() == NotificationKind.MAIL && e.recipients().contains(to))
            .map(OutboxEntry::key)
            .toList();
    return catcher.messages().stream().filter(m -> keys.contains(m.key())).toList();
  }
}
