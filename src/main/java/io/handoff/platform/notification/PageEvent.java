package io.handoff.platform.notification;

import java.util.Set;

/**
 * What a page does at the paging service, in the PagerDuty Events API v2 sense: a {@code trigger}
 * opens an alert, {@code acknowledge} and {@code resolve} act on the alert of the same {@code
 * dedupKey}.
 *
 * @param action {@code trigger}, {@code acknowledge} or {@code resolve}
 * @param dedupKey ties the trigger, its acknowledgement and its resolution together
 * @param severity of a trigger: {@code critical}, {@code error}, {@code warning} or {@code info}
 */
public record PageEvent(String action, String dedupKey, String severity) {

  public static final String TRIGGER = "trigger";
  public static final String ACKNOWLEDGE = "acknowledge";
  public static final String RESOLVE = "resolve";
  private static final Set<String> ACTIONS = Set.of(TRIGGER, ACKNOWLEDGE, RESOLVE);
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  public PageEvent {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("A page action is trigger, acknowledge or resolve");
    }
    if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > 36) {
      throw new IllegalArgumentException(
          "A page needs a dedup key of at most 36 characters (a UUID)");
    }
    if (severity != null && !SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException(
          "A page's severity is critical, error, warning or info, not " + severity);
    }
  }

  /** Action and severity as one column value, {@code trigger:critical} or {@code resolve}. */
  String column() {
    return severity == null ? action : action + ":" + severity;
  }

  static PageEvent fromColumn(String column, String dedupKey) {
    int colon = column.indexOf(':');
    return colon < 0
        ? new PageEvent(column, dedupKey, null)
        : new PageEvent(column.substring(0, colon), dedupKey, column.substring(colon + 1));
  }

  public static PageEvent trigger(String dedupKey, String severity) {
    return new PageEvent(TRIGGER, dedupKey, severity == null ? "critical" : severity);
  }

  public static PageEvent acknowledge(String dedupKey) {
    return new PageEvent(ACKNOWLEDGE, dedupKey, null);
  }

  public static PageEvent resolve(String dedupKey) {
    return new PageEvent(RESOLVE, dedupKey, null);
  }
}
