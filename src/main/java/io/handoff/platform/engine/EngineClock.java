package io.handoff.platform.engine;

import java.sql.Timestamp;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock: the one time source for what the processes and the platform record, so
 * deadlines, timers and records agree (tests move it with {@link ClockUtil}).
 */
public final class EngineClock {

  private EngineClock() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static Timestamp timestamp() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
