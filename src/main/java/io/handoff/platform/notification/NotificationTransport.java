package io.handoff.platform.notification;

/** Hands one outbox row to its receiver. */
interface NotificationTransport {

  /**
   * Delivers the row, or logs it when no receiver is configured for its kind.
   *
   * @return {@code DELIVERED} or {@code LOGGED}
   * @throws Exception when the receiver did not accept it (the row is tried again later)
   */
  NotificationStatus deliver(OutboxEntry entry) throws Exception;
}
