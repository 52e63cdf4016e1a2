package io.handoff.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.handoff.platform.config.HandoffProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Counts failed logins per client address and refuses an address for a cool-down once it reached
 * the limit within the window ({@code handoff.security.login-throttle}). Held in memory, per node,
 * bounded in size: the oldest addresses are forgotten first. IPv6 addresses count per /64 network,
 * the block one subscriber usually gets, so that rotating addresses within it gains nothing.
 */
public class LoginThrottle {

  private final HandoffProperties.LoginThrottle settings;
  private final Clock clock;
  private final Cache<String, Failures> failures;

  public LoginThrottle(HandoffProperties.LoginThrottle settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    Duration longest =
        settings.window().compareTo(settings.coolDown()) > 0
            ? settings.window()
            : settings.coolDown();
    // Eviction only keeps memory bounded; whether an entry still counts is decided on its times.
    this.failures =
        Caffeine.newBuilder()
            .maximumSize(settings.maxAddresses())
            .expireAfterWrite(longest)
            .build();
  }

  /** The engine's clock (real time in production; tests move it with {@code ClockUtil}). */
  public static Clock engineClock() {
    return new Clock() {
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
        return ClockUtil.getCurrentTime().toInstant();
      }
    };
  }

  /** How long the address is still refused, if it is. */
  public Optional<Duration> refusedFor(String address) {
    Failures current = failures.getIfPresent(key(address));
    if (current == null || current.blockedUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), current.blockedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /**
   * Counts a failed login from the address; the one that reaches the limit starts the cool-down.
   */
  public void recordFailure(String address) {
    Instant now = clock.instant();
    failures
        .asMap()
        .compute(
            key(address),
            (k, current) -> {
              Failures counted =
                  current == null || current.expired(now, settings.window())
                      ? new Failures(now, 1, null)
                      : new Failures(current.since(), current.count() + 1, current.blockedUntil());
              return counted.blockedUntil() == null && counted.count() >= settings.maxFailures()
                  ? new Failures(counted.since(), counted.count(), now.plus(settings.coolDown()))
                  : counted;
            });
  }

  /** Forgets the failures of one address (an administrator's decision, or a test's). */
  public void forget(String address) {
    failures.invalidate(key(address));
  }

  /** Forgets all failures this node counted. */
  public void forgetAll() {
    failures.invalidateAll();
  }

  public HandoffProperties.LoginThrottle settings() {
    return settings;
  }

  static String key(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    try {
      // A numeric literal: no name lookup happens.
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed instanceof Inet6Address) {
        byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        return InetAddress.getByAddress(network).getHostAddress() + "/64";
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /**
   * @param since first failure of the current window
   * @param count failures since then
   * @param blockedUntil end of the cool-down, once the limit was reached
   */
  private record Failures(Instant since, int count, Instant blockedUntil) {

    /**
     * Neither counting nor refusing any more: the next failure starts a new window. A cool-down,
     * once started, ends the window with it.
     */
    boolean expired(Instant now, Duration window) {
      return blockedUntil != null ? !now.isBefore(blockedUntil) : !now.isBefore(since.plus(window));
    }
  }
}
