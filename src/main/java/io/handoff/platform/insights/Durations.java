package io.handoff.platform.insights;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.Collection;

/**
 * How long something took, over a set of cases: how many, and the nearest-rank percentiles 50 and
 * 90 and the maximum, in milliseconds (absent when there is no case). Nearest rank: the p-th
 * percentile of n sorted values is the value at rank ⌈p/100 · n⌉, always one of the measured
 * values, the same on every database.
 */
@Schema(description = "Count and nearest-rank p50/p90/max in milliseconds")
public record Durations(long count, Long p50Ms, Long p90Ms, Long maxMs) {

  public static final Durations NONE = new Durations(0, null, null, null);

  public static Durations of(Collection<Long> millis) {
    return of(millis.stream().mapToLong(Long::longValue).toArray());
  }

  public static Durations of(long[] millis) {
    if (millis.length == 0) {
      return NONE;
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Durations(
        sorted.length, percentile(sorted, 50), percentile(sorted, 90), sorted[sorted.length - 1]);
  }

  /** Nearest rank of sorted values; {@code p} from 1 to 100. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
