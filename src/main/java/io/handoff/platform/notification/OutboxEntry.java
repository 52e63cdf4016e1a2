package io.handoff.platform.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One row of the notification outbox.
 *
 * @param id row id
 * @param key the notification's unique key (one row per key)
 * @param kind mail, chat post, page or notice
 * @param sender e-mail sender, null for the platform's default
 * @param recipient addresses (comma-separated) for mail, the group or rota otherwise
 * @param subject e-mail subject or page summary; null for chat posts
 * @param body the text
 * @param processInstanceId the process instance whose step wrote it, when there is one
 * @param status where it stands
 * @param attempts delivery attempts started so far
 * @param nextAttemptAt when it is due (again)
 * @param leaseOwner the node delivering it, while one is
 * @param leaseUntil until when that node owns it
 * @param lastError why the last attempt failed
 * @param createdAt when its step wrote it
 * @param deliveredAt when it was delivered or logged
 * @param eventId the event's UUID, for an integration event ({@link NotificationKind#EVENT}); the
 *     dedup key of a page that says its {@link PageEvent}
 */
public record OutboxEntry(
    long id,
    String key,
    NotificationKind kind,
    String sender,
    String recipient,
    String subject,
    String body,
    String processInstanceId,
    NotificationStatus status,
    int attempts,
    Instant nextAttemptAt,
    String leaseOwner,
    Instant leaseUntil,
    String lastError,
    Instant createdAt,
    Instant deliveredAt,
    String eventId) {

  /**
   * What a page does at the paging service, for a page written with one: its action and severity
   * are kept in the row's {@code sender} column (a page has no sender), its dedup key in {@code
   * event_id} (like an event's id, what the receiver de-duplicates on). Null for other rows.
   */
  public PageEvent page() {
    return kind == NotificationKind.PAGE && sender != null && eventId != null
        ? PageEvent.fromColumn(sender, eventId)
        : null;
  }

  /** The e-mail addresses of a mail. */
  public List<String> recipients() {
    return Arrays.stream(recipient.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * The receiver-side identity of this notification: the same for every attempt, so a receiver that
   * saw it already can drop a repeat. Sent as the {@code Idempotency-Key} header of webhook calls
   * and as the left-hand side of an e-mail's Message-ID.
   */
  public String deliveryId() {
    return deliveryIdOf(key);
  }

  static String deliveryIdOf(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
