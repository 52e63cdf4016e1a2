package io.handoff.incident;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The engine's clock, so SLA deadlines and timers agree (tests move it with ClockUtil). */
final class EngineClock {

  private EngineClock() {}

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
