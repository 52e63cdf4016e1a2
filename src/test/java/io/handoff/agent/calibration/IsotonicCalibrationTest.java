package io.handoff.agent.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.agent.calibration.IsotonicCalibration.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {

  private static List<Sample> samples(double score, int right, int wrong) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < right; i++) {
      out.add(new Sample(score, true));
    }
    for (int i = 0; i < wrong; i++) {
      out.add(new Sample(score, false));
    }
    return out;
  }

  @Test
  void confidenceIsTheSmoothedShareOfRightProposalsAtThatScore() {
    List<Sample> data = new ArrayList<>(samples(0.5, 3, 7));
    data.addAll(samples(0.99, 48, 0));

    IsotonicCalibration calibration = IsotonicCalibration.fit(data);

    assertThat(calibration.apply(0.5)).isEqualTo(4.0 / 12);
    assertThat(calibration.apply(0.99))
        .as("never wrong on 48 samples is not a certainty")
        .isEqualTo(49.0 / 50)
        .isLessThan(1.0);
  }

  @Test
  void scoresThatViolateTheOrderArePooledSoConfidenceNeverFallsAsTheScoreRises() {
    List<Sample> data = new ArrayList<>(samples(0.6, 8, 2));
    data.addAll(samples(0.7, 2, 8));
    data.addAll(samples(0.9, 9, 1));

    IsotonicCalibration calibration = IsotonicCalibration.fit(data);

    assertThat(calibration.apply(0.6)).isEqualTo(calibration.apply(0.7)).isEqualTo(11.0 / 22);
    assertThat(calibration.apply(0.9)).isGreaterThan(calibration.apply(0.7));
    double previous = 0;
    for (double score = 0; score <= 1.0; score += 0.01) {
      assertThat(calibration.apply(score)).isGreaterThanOrEqualTo(previous);
      previous = calibration.apply(score);
    }
  }

  @Test
  void betweenStepsConfidenceIsInterpolatedAndOutsideItIsHeld() {
    List<Sample> data = new ArrayList<>(samples(0.2, 0, 8));
    data.addAll(samples(0.8, 8, 0));

    IsotonicCalibration calibration = IsotonicCalibration.fit(data);

    assertThat(calibration.apply(0.0)).isEqualTo(0.1);
    assertThat(calibration.apply(0.5)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(calibration.apply(1.0)).isEqualTo(0.9);
  }

  @Test
  void reliabilityTableAndCalibrationErrorComeFromTheOutcomes() {
    List<Reliability.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outcomes.add(new Reliability.Outcome(0.95, i < 9));
      outcomes.add(new Reliability.Outcome(0.55, i < 3));
    }

    Reliability reliability = Reliability.of(outcomes);

    assertThat(reliability.bins().get(9).count()).isEqualTo(10);
    assertThat(reliability.bins().get(9).accuracy()).isEqualTo(0.9);
    assertThat(reliability.bins().get(5).accuracy()).isEqualTo(0.3);
    // half the proposals 0.05 off, half 0.25 off
    assertThat(reliability.expectedCalibrationError())
        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(reliability.markdownTable()).contains("| 0.9–1.0 | 10 | 0.950 | 0.900 | 0.050 |");
  }
}
