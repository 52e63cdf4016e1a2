package io.handoff.platform.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A value loaded on demand and reused for a while, so that metric scrapes stay cheap. */
final class CachedValue<T> {

  private final Supplier<T> loader;
  private final Duration timeToLive;
  private final Clock clock;
  private T value;
  private Instant loadedAt;

  CachedValue(Supplier<T> loader, Duration timeToLive, Clock clock) {
    this.loader = loader;
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  synchronized T get() {
    Instant now = clock.instant();
    if (value == null || !now.isBefore(loadedAt.plus(timeToLive))) {
      value = loader.get();
      loadedAt = now;
    }
    return value;
  }
}
