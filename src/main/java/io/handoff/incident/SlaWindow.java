package io.handoff.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The SLA window of one escalation level: it starts when the level starts, the reminder falls at a
 * share of the resolution target and the target itself is the escalation point.
 *
 * @param start when the window starts
 * @param reminder when the resolver is reminded
 * @param due when the SLA target is reached and the incident escalates
 */
public record SlaWindow(Instant start, Instant reminder, Instant due) {

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /**
   * @param resolveWithin ISO-8601 duration, e.g. {@code PT4H} or {@code P3D}
   * @param reminderPercent share of the target at which the reminder falls, 1 to 99
   */
  public record Target(String resolveWithin, Integer reminderPercent) {
    public Target {
      reminderPercent = reminderPercent == null ? 75 : reminderPercent;
      if (reminderPercent < 1 || reminderPercent > 99) {
        throw new IllegalArgumentException(
            "The reminder must fall between 1 and 99 % of the target, not " + reminderPercent);
      }
    }

    public Duration duration() {
      return Duration.parse(resolveWithin);
    }
  }

  /** A window counted around the clock. */
  public static SlaWindow startingAt(Instant start, Target target) {
    return startingAt(start, target, BusinessCalendar.allHours());
  }

  /**
   * A window counted in the working time of {@code calendar}: the target's working time from {@code
   * start}, the reminder at its share of that working time.
   */
  public static SlaWindow startingAt(Instant start, Target target, BusinessCalendar calendar) {
    Instant begin = start.truncatedTo(ChronoUnit.SECONDS);
    Duration resolve = calendar.workingTimeOf(target.resolveWithin());
    Duration untilReminder = resolve.multipliedBy(target.reminderPercent()).dividedBy(100);
    return new SlaWindow(begin, calendar.plus(begin, untilReminder), calendar.plus(begin, resolve));
  }

  /**
   * The window of a paused clock that starts again at {@code now}: the working time that was left
   * to the reminder and to the target when it stopped is counted from {@code now}; a reminder that
   * had already passed falls at once.
   */
  public SlaWindow resumedAt(Instant pausedAt, Instant now, BusinessCalendar calendar) {
    Instant begin = now.truncatedTo(ChronoUnit.SECONDS);
    Duration leftToDue = calendar.workingTimeBetween(pausedAt, due);
    Duration leftToReminder = calendar.workingTimeBetween(pausedAt, reminder);
    return new SlaWindow(
        begin, calendar.plus(begin, leftToReminder), calendar.plus(begin, leftToDue));
  }

  public String dueIso() {
    return ISO.format(due.atOffset(ZoneOffset.UTC));
  }

  public static String iso(Instant instant) {
    return ISO.format(instant.atOffset(ZoneOffset.UTC));
  }

  public String reminderIso() {
    return ISO.format(reminder.atOffset(ZoneOffset.UTC));
  }
}
