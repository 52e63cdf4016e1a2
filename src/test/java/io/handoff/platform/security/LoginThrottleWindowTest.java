package io.handoff.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.platform.config.HandoffProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's counting rules, on a clock the test moves. */
class LoginThrottleWindowTest {

  static final String ATTACKER = "203.0.113.7";
  static final String OTHER = "198.51.100.20";

  final MovableClock clock = new MovableClock();
  final LoginThrottle throttle =
      new LoginThrottle(
          new HandoffProperties.LoginThrottle(
              3, Duration.ofMinutes(5), Duration.ofMinutes(15), 1_000),
          clock);

  @Test
  void addressIsRefusedOnceItReachesTheLimitWithinTheWindow() {
    throttle.recordFailure(ATTACKER);
    throttle.recordFailure(ATTACKER);
    assertThat(throttle.refusedFor(ATTACKER)).isEmpty();

    throttle.recordFailure(ATTACKER);

    assertThat(throttle.refusedFor(ATTACKER)).contains(Duration.ofMinutes(15));
    assertThat(throttle.refusedFor(OTHER)).isEmpty();
  }

  @Test
  void failuresSpreadWiderThanTheWindowNeverReachTheLimit() {
    throttle.recordFailure(ATTACKER);
    throttle.recordFailure(ATTACKER);
    clock.advance(Duration.ofMinutes(5));
    throttle.recordFailure(ATTACKER);
    throttle.recordFailure(ATTACKER);

    assertThat(throttle.refusedFor(ATTACKER)).isEmpty();
  }

  @Test
  void coolDownEndsAndCountingStartsAfresh() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure(ATTACKER);
    }
    clock.advance(Duration.ofMinutes(14));
    assertThat(throttle.refusedFor(ATTACKER)).contains(Duration.ofMinutes(1));

    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.refusedFor(ATTACKER)).isEmpty();

    throttle.recordFailure(ATTACKER);
    throttle.recordFailure(ATTACKER);
    assertThat(throttle.refusedFor(ATTACKER)).isEmpty();
    throttle.recordFailure(ATTACKER);
    assertThat(throttle.refusedFor(ATTACKER)).isPresent();
  }

  @Test
  void rotatingAddressesWithinOneIpv6NetworkCountsAsOneAddress() {
    throttle.recordFailure("2001:db8:1:2:0:0:0:1");
    throttle.recordFailure("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    throttle.recordFailure("2001:db8:1:2::ffff");

    assertThat(throttle.refusedFor("2001:db8:1:2::42")).isPresent();
    assertThat(throttle.refusedFor("2001:db8:1:3::1")).isEmpty();
  }

  @Test
  void forgettingAnAddressLiftsItsCoolDown() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure(ATTACKER);
    }
    throttle.forget(ATTACKER);

    assertThat(throttle.refusedFor(ATTACKER)).isEmpty();
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2025-01-06T09:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
