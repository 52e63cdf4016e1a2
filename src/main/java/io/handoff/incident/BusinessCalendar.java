package io.handoff.incident;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a support group works: working days, opening hours, a time zone and public holidays, or
 * around the clock. SLA clocks of business-time priorities count only working time of the group
 * that holds the incident; the table {@code incident-business-calendar} says per group.
 *
 * <p>A target in days counts working days: {@code P3D} is three working days' worth of working time
 * (three times the opening hours), so a P3 reported on Monday at 10:00 is due on Thursday at 10:00.
 * A target in hours counts working hours. A deadline that falls exactly at closing time stays
 * there; a clock started outside working hours starts at the next opening.
 */
public final class BusinessCalendar {

  /** Longest stretch searched for working time: a calendar that never opens is refused. */
  private static final int MAX_DAYS = 3 * 366;

  private static final BusinessCalendar ALL_HOURS =
      new BusinessCalendar(
          ZoneId.of("UTC"),
          EnumSet.allOf(DayOfWeek.class),
          LocalTime.MIDNIGHT,
          LocalTime.MIDNIGHT,
          Set.of(),
          true);

  private final ZoneId zone;
  private final Set<DayOfWeek> workingDays;
  private final LocalTime opens;
  private final LocalTime closes;
  private final Set<LocalDate> holidays;
  private final boolean allHours;

  private BusinessCalendar(
      ZoneId zone,
      Set<DayOfWeek> workingDays,
      LocalTime opens,
      LocalTime closes,
      Set<LocalDate> holidays,
      boolean allHours) {
    this.zone = zone;
    this.workingDays = workingDays;
    this.opens = opens;
    this.closes = closes;
    this.holidays = holidays;
    this.allHours = allHours;
  }

  /** The clock of 24×7 priorities: every minute counts. */
  public static BusinessCalendar allHours() {
    return ALL_HOURS;
  }

  public static BusinessCalendar of(
      ZoneId zone,
      Set<DayOfWeek> workingDays,
      LocalTime opens,
      LocalTime closes,
      Set<LocalDate> holidays) {
    if (workingDays.isEmpty()) {
      throw new IllegalArgumentException("A business calendar needs at least one working day");
    }
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException(
          "Working hours must open before they close, not " + opens + "-" + closes);
    }
    return new BusinessCalendar(
        zone,
        EnumSet.copyOf(workingDays),
        opens,
        closes,
        java.util.Collections.unmodifiableSortedSet(new TreeSet<>(holidays)),
        false);
  }

  /**
   * A calendar as the table writes it.
   *
   * @param timeZone an IANA zone, {@code Europe/Berlin}
   * @param workingDays days as {@code MON-FRI}, {@code MON,TUE,THU} or a mix
   * @param workingHours {@code 08:00-18:00}
   * @param holidays ISO dates separated by commas or spaces, may be empty
   */
  public static BusinessCalendar parse(
      String timeZone, String workingDays, String workingHours, String holidays) {
    List<String> problems = new ArrayList<>();
    ZoneId zone = null;
    try {
      zone = ZoneId.of(required(timeZone, "timeZone").trim());
    } catch (RuntimeException e) {
      problems.add("timeZone '" + timeZone + "' is not a time zone");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    try {
      days = days(required(workingDays, "workingDays"));
    } catch (RuntimeException e) {
      problems.add("workingDays '" + workingDays + "': " + e.getMessage());
    }
    LocalTime opens = null;
    LocalTime closes = null;
    try {
      String[] hours = required(workingHours, "workingHours").trim().split("\\s*-\\s*");
      if (hours.length != 2) {
        throw new IllegalArgumentException("write them as 08:00-18:00");
      }
      opens = LocalTime.parse(hours[0]);
      closes = LocalTime.parse(hours[1]);
    } catch (RuntimeException e) {
      problems.add("workingHours '" + workingHours + "': write them as 08:00-18:00");
    }
    Set<LocalDate> dates = new TreeSet<>();
    if (holidays != null) {
      for (String date : holidays.trim().split("[,;\\s]+")) {
        if (date.isEmpty()) {
          continue;
        }
        try {
          dates.add(LocalDate.parse(date));
        } catch (DateTimeParseException e) {
          problems.add("holiday '" + date + "' is not an ISO date (2026-12-25)");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Business calendar not usable: " + String.join("; ", problems));
    }
    return of(zone, days, opens, closes, dates);
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return value;
  }

  private static Set<DayOfWeek> days(String text) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.trim().split("\\s*,\\s*")) {
      String[] range = part.split("\\s*-\\s*");
      DayOfWeek from = day(range[0]);
      DayOfWeek to = range.length > 1 ? day(range[1]) : from;
      if (range.length > 2) {
        throw new IllegalArgumentException("a range is two days, MON-FRI");
      }
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String abbreviation) {
    String a = abbreviation.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(a) && a.length() >= 3) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + abbreviation + "' is not a day (MON, TUE, ... SUN)");
  }

  public boolean isAllHours() {
    return allHours;
  }

  /** Working time of one working day (the opening hours); a full day for 24×7. */
  public Duration workingDay() {
    return allHours ? Duration.ofDays(1) : Duration.between(opens, closes);
  }

  /**
   * The working time a target stands for: days count working days (each worth {@link
   * #workingDay()}), hours and minutes count working time.
   *
   * @param isoDuration ISO-8601, {@code PT4H}, {@code P3D}, {@code P1DT4H}
   */
  public Duration workingTimeOf(String isoDuration) {
    Duration target = Duration.parse(isoDuration);
    if (target.isNegative()) {
      throw new IllegalArgumentException("An SLA target is not negative: " + isoDuration);
    }
    long days = target.toDays();
    return workingDay().multipliedBy(days).plus(target.minusDays(days));
  }

  /** The instant at which {@code workingTime} of working time has passed since {@code start}. */
  public Instant plus(Instant start, Duration workingTime) {
    if (allHours) {
      return start.plus(workingTime);
    }
    Duration remaining = workingTime;
    ZonedDateTime t = start.atZone(zone);
    for (int i = 0; i < MAX_DAYS; i++) {
      t = nextWorkingMoment(t);
      ZonedDateTime close = t.toLocalDate().atTime(closes).atZone(zone);
      Duration available = Duration.between(t, close);
      if (remaining.compareTo(available) <= 0) {
        return t.plus(remaining).toInstant();
      }
      remaining = remaining.minus(available);
      t = close;
    }
    throw new IllegalStateException("The business calendar has no working time for " + workingTime);
  }

  /** Working time between two instants; zero when {@code to} is not after {@code from}. */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (allHours) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    ZonedDateTime t = from.atZone(zone);
    ZonedDateTime end = to.atZone(zone);
    while (true) {
      t = nextWorkingMoment(t);
      if (!t.isBefore(end)) {
        return total;
      }
      ZonedDateTime close = t.toLocalDate().atTime(closes).atZone(zone);
      ZonedDateTime stop = close.isBefore(end) ? close : end;
      total = total.plus(Duration.between(t, stop));
      if (!close.isBefore(end)) {
        return total;
      }
      t = close;
    }
  }

  /** Whether the group works on this date (a working day that is no holiday). */
  public boolean isWorkingDay(LocalDate date) {
    return allHours || (workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date));
  }

  /** {@code t} when it lies in working hours, else the next opening. */
  private ZonedDateTime nextWorkingMoment(ZonedDateTime t) {
    LocalDate date = t.toLocalDate();
    LocalTime time = t.toLocalTime();
    if (isWorkingDay(date) && !time.isBefore(opens) && time.isBefore(closes)) {
      return t;
    }
    if (isWorkingDay(date) && time.isBefore(opens)) {
      return date.atTime(opens).atZone(zone);
    }
    for (int i = 1; i <= MAX_DAYS; i++) {
      LocalDate next = date.plusDays(i);
      if (isWorkingDay(next)) {
        return next.atTime(opens).atZone(zone);
      }
    }
    throw new IllegalStateException("The business calendar has no working day in three years");
  }

  @Override
  public String toString() {
    return allHours
        ? "24x7"
        : workingDays + " " + opens + "-" + closes + " " + zone + ", holidays " + holidays;
  }
}
