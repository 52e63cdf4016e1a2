package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaWindowTest {

  static final Instant START = Instant.parse("2026-03-02T09:00:12.345Z");

  @Test
  void reminderFallsAtTheConfiguredShareOfTheTarget() {
    SlaWindow window = SlaWindow.startingAt(START, new SlaWindow.Target("PT4H", 75));

    assertThat(window.reminderIso()).isEqualTo("2026-03-02T12:00:12Z");
    assertThat(window.dueIso()).isEqualTo("2026-03-02T13:00:12Z");
  }

  @Test
  void dayTargetsAndDefaultShareWork() {
    SlaWindow window = SlaWindow.startingAt(START, new SlaWindow.Target("P10D", null));

    assertThat(window.reminderIso()).isEqualTo("2026-03-09T21:00:12Z");
    assertThat(window.dueIso()).isEqualTo("2026-03-12T09:00:12Z");
  }

  @Test
  void reminderOutsideTheWindowIsRejected() {
    assertThatThrownBy(() -> new SlaWindow.Target("PT4H", 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
