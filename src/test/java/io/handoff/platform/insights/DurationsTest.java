package io.handoff.platform.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: always one of the measured values. */
class DurationsTest {

  @Test
  void noValuesHaveACountOfZeroAndNoPercentiles() {
    assertThat(Durations.of(List.of())).isEqualTo(new Durations(0, null, null, null));
  }

  @Test
  void oneValueIsEveryPercentile() {
    assertThat(Durations.of(List.of(7L))).isEqualTo(new Durations(1, 7L, 7L, 7L));
  }

  @Test
  void percentilesAreTheValuesAtTheNearestRank() {
    // ten values: p50 is the 5th, p90 the 9th
    List<Long> ten = List.of(10L, 1L, 9L, 2L, 8L, 3L, 7L, 4L, 6L, 5L);
    assertThat(Durations.of(ten)).isEqualTo(new Durations(10, 5L, 9L, 10L));
    // three values: p50 is the 2nd (rank ceil(1.5)), p90 the 3rd (rank ceil(2.7))
    assertThat(Durations.of(List.of(3_600_000L, 32_400_000L, 7_200_000L)))
        .isEqualTo(new Durations(3, 7_200_000L, 32_400_000L, 32_400_000L));
  }

  @Test
  void ratesHaveFourDecimalsRoundedHalfUpAndNoneForAnEmptyWhole() {
    assertThat(InsightsService.rate(2, 3)).isEqualByComparingTo("0.6667");
    assertThat(InsightsService.rate(1, 8)).isEqualByComparingTo("0.125");
    assertThat(InsightsService.rate(0, 0)).isNull();
  }
}
