package io.handoff.platform.notification;

/** Where an outbox row stands. */
public enum NotificationStatus {
  /** Written by its step; waiting for (another) delivery attempt. */
  PENDING,
  /** The receiver (SMTP server, webhook) accepted it. */
  DELIVERED,
  /** No transport is configured for its kind (chat or pager without a URL, notices): logged. */
  LOGGED,
  /** Every attempt failed; {@code lastError} says why. */
  FAILED;

  boolean done() {
    return this != PENDING;
  }
}
