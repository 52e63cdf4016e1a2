package io.handoff.platform.notification;

/** What a notification is, and so how it is delivered. */
public enum NotificationKind {
  /** An e-mail through the SMTP server ({@code spring.mail.*}) or the demo mail catcher. */
  MAIL,
  /** A post to the operations chat's incoming webhook; logged when none is configured. */
  CHAT,
  /** A page of the on-call engineer through the paging service; logged when none is configured. */
  PAGE,
  /**
   * A notice a process records for a portal or an ERP to pick up from its own table (no transport
   * of its own): delivered to the log.
   */
  NOTICE,
  /**
   * An integration event for one subscriber ({@code handoff.events.subscribers}): its JSON posted,
   * signed with the subscriber's secret, to the subscriber's URL (docs/integrations.md).
   */
  EVENT
}
