package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  /** Monday to Friday 08:00-18:00 Berlin, Good Friday and Easter Monday 2026 off. */
  static final BusinessCalendar BERLIN =
      BusinessCalendar.parse("Europe/Berlin", "MON-FRI", "08:00-18:00", "2026-04-03, 2026-04-06");

  @Test
  void hoursReportedOnFridayEveningCountFromMondayMorning() {
    // Friday 2026-03-06 18:00 Berlin (UTC+1) is 17:00Z
    Instant fridayEvening = Instant.parse("2026-03-06T17:00:00Z");

    Instant due = BERLIN.plus(fridayEvening, BERLIN.workingTimeOf("PT8H"));

    assertThat(due).isEqualTo(Instant.parse("2026-03-09T15:00:00Z")); // Monday 16:00 Berlin
  }

  @Test
  void workingDaysSkipTheWeekendAndKeepTheTimeOfDay() {
    Instant mondayTen = Instant.parse("2026-03-02T09:00:00Z"); // 10:00 Berlin

    assertThat(BERLIN.plus(mondayTen, BERLIN.workingTimeOf("P3D")))
        .isEqualTo(Instant.parse("2026-03-05T09:00:00Z")); // Thursday 10:00
    assertThat(BERLIN.plus(mondayTen, BERLIN.workingTimeOf("P5D")))
        .isEqualTo(Instant.parse("2026-03-09T09:00:00Z")); // next Monday 10:00
  }

  @Test
  void publicHolidaysDoNotCount() {
    // Thursday 2026-04-02 18:00 Berlin (UTC+2): Good Friday, the weekend and Easter Monday pass
    Instant thursdayEvening = Instant.parse("2026-04-02T16:00:00Z");

    assertThat(BERLIN.plus(thursdayEvening, BERLIN.workingTimeOf("PT8H")))
        .isEqualTo(Instant.parse("2026-04-07T14:00:00Z")); // Tuesday 16:00 Berlin
    assertThat(BERLIN.isWorkingDay(java.time.LocalDate.parse("2026-04-03"))).isFalse();
    assertThat(BERLIN.isWorkingDay(java.time.LocalDate.parse("2026-04-07"))).isTrue();
  }

  @Test
  void aDeadlineThatFallsAtClosingTimeStaysThere() {
    Instant mondayEight = Instant.parse("2026-03-02T07:00:00Z");

    assertThat(BERLIN.plus(mondayEight, Duration.ofHours(10)))
        .isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
  }

  @Test
  void workingTimeBetweenCountsOnlyOpeningHours() {
    Instant fridayFour = Instant.parse("2026-03-06T15:00:00Z"); // 16:00 Berlin
    Instant mondayNine = Instant.parse("2026-03-09T08:00:00Z"); // 09:00 Berlin

    assertThat(BERLIN.workingTimeBetween(fridayFour, mondayNine)).isEqualTo(Duration.ofHours(3));
    assertThat(BERLIN.workingTimeBetween(mondayNine, fridayFour)).isZero();
  }

  @Test
  void plusAndWorkingTimeBetweenAreInverse() {
    Instant start = Instant.parse("2026-03-27T16:30:00Z"); // Friday before the DST change
    for (long minutes : new long[] {1, 59, 600, 601, 3000, 12_345}) {
      Duration work = Duration.ofMinutes(minutes);
      Instant due = BERLIN.plus(start, work);
      assertThat(BERLIN.workingTimeBetween(start, due)).as("%d minutes", minutes).isEqualTo(work);
    }
  }

  @Test
  void daylightSavingTimeKeepsLocalOpeningHours() {
    // Friday 2026-03-27 17:00 Berlin (UTC+1); Monday 30 March is UTC+2
    Instant fridayFive = Instant.parse("2026-03-27T16:00:00Z");

    assertThat(BERLIN.plus(fridayFive, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-30T07:00:00Z")); // Monday 09:00 Berlin summer time
  }

  @Test
  void allHoursCountsEveryMinute() {
    BusinessCalendar always = BusinessCalendar.allHours();
    Instant fridayEvening = Instant.parse("2026-03-06T17:00:00Z");

    assertThat(always.plus(fridayEvening, always.workingTimeOf("PT8H")))
        .isEqualTo(Instant.parse("2026-03-07T01:00:00Z"));
    assertThat(always.workingTimeOf("P3D")).isEqualTo(Duration.ofHours(72));
  }

  @Test
  void workingDaysMayBeListedOrRanged() {
    BusinessCalendar shifts =
        BusinessCalendar.parse("America/New_York", "SUN-TUE, THU", "09:00-17:00", "");

    assertThat(shifts.isWorkingDay(java.time.LocalDate.parse("2026-03-01"))).isTrue(); // Sunday
    assertThat(shifts.isWorkingDay(java.time.LocalDate.parse("2026-03-04"))).isFalse(); // Wed
    assertThat(shifts.isWorkingDay(java.time.LocalDate.parse("2026-03-05"))).isTrue(); // Thu
    assertThat(shifts.workingDay()).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void aCalendarWithEveryMistakeNamesThemAll() {
    assertThatThrownBy(
            () -> BusinessCalendar.parse("Mars/Olympus", "MON-XYZ", "18:00", "2026-13-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeZone")
        .hasMessageContaining("workingDays")
        .hasMessageContaining("workingHours")
        .hasMessageContaining("2026-13-01");
    assertThatThrownBy(() -> BusinessCalendar.parse("Europe/Berlin", "MON-FRI", "18:00-08:00", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("open before they close");
  }

  @Test
  void aBusinessTimeWindowRemindsAtItsShareOfWorkingTime() {
    Instant mondayTen = Instant.parse("2026-03-02T09:00:00Z");

    SlaWindow window = SlaWindow.startingAt(mondayTen, new SlaWindow.Target("P3D", 75), BERLIN);

    // 75 % of 30 working hours is 22.5 h: Monday 8 h, Tuesday 10 h, Wednesday 08:00 + 4.5 h
    assertThat(window.reminder()).isEqualTo(Instant.parse("2026-03-04T11:30:00Z"));
    assertThat(window.due()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
  }

  @Test
  void aResumedWindowKeepsTheWorkingTimeThatWasLeft() {
    Instant mondayTen = Instant.parse("2026-03-02T09:00:00Z");
    SlaWindow window = SlaWindow.startingAt(mondayTen, new SlaWindow.Target("PT8H", 50), BERLIN);
    // paused Monday 12:00 Berlin with 6 working hours left to due, 2 to the reminder
    Instant pausedAt = Instant.parse("2026-03-02T11:00:00Z");
    // resumed Wednesday 17:00 Berlin
    Instant resumedAt = Instant.parse("2026-03-04T16:00:00Z");

    SlaWindow resumed = window.resumedAt(pausedAt, resumedAt, BERLIN);

    assertThat(resumed.reminder()).isEqualTo(Instant.parse("2026-03-05T08:00:00Z")); // Thu 09:00
    assertThat(resumed.due()).isEqualTo(Instant.parse("2026-03-05T12:00:00Z")); // Thu 13:00
  }
}
