package io.handoff.agent.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Isotonic regression of "the proposal was right" (0 or 1) on a model's raw score, fitted with the
 * pool-adjacent-violators algorithm: the calibrated confidence never decreases as the score grows,
 * and each step of it is the share of right proposals among the fitted samples in that step, with
 * one right and one wrong pseudo-sample added (Laplace's rule of succession), so a step that was
 * never wrong on 40 samples says 0.98, not a certainty the data cannot show. Between steps the
 * value is interpolated linearly, outside the fitted range it is held constant.
 */
public final class IsotonicCalibration {

  /**
   * One fitted sample.
   *
   * @param score the model's raw score
   * @param correct whether the proposal was right
   */
  public record Sample(double score, boolean correct) {}

  /** A step of the fitted function: every score in [from, to] maps to {@code value}. */
  record Step(double from, double to, double value, int weight) {}

  private final List<Step> steps;

  private IsotonicCalibration(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Fits the calibration; at least one sample is needed. */
  public static IsotonicCalibration fit(List<Sample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("Calibration needs at least one sample");
    }
    Sample[] sorted = samples.toArray(Sample[]::new);
    Arrays.sort(sorted, Comparator.comparingDouble(Sample::score));
    // Pool equal scores first: they must map to one value.
    List<double[]> blocks = new ArrayList<>(); // from, to, sum of outcomes, weight
    for (Sample s : sorted) {
      double y = s.correct() ? 1.0 : 0.0;
      double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (last != null && last[1] == s.score()) {
        last[2] += y;
        last[3] += 1;
      } else {
        blocks.add(new double[] {s.score(), s.score(), y, 1});
      }
    }
    // Pool adjacent violators: merge backwards while a block's mean is below its predecessor's.
    List<double[]> pooled = new ArrayList<>();
    for (double[] block : blocks) {
      pooled.add(block);
      while (pooled.size() > 1) {
        double[] b = pooled.get(pooled.size() - 1);
        double[] a = pooled.get(pooled.size() - 2);
        if (a[2] / a[3] <= b[2] / b[3]) {
          break;
        }
        a[1] = b[1];
        a[2] += b[2];
        a[3] += b[3];
        pooled.remove(pooled.size() - 1);
      }
    }
    List<Step> steps = new ArrayList<>();
    double floor = 0;
    for (double[] b : pooled) {
      // Smoothing can dent the order of small steps; keep the function non-decreasing.
      floor = Math.max(floor, (b[2] + 1) / (b[3] + 2));
      steps.add(new Step(b[0], b[1], floor, (int) b[3]));
    }
    return new IsotonicCalibration(steps);
  }

  /** The calibrated confidence of a raw score, in [0,1]. */
  public double apply(double score) {
    Step first = steps.get(0);
    if (score <= first.to()) {
      return first.value();
    }
    for (int i = 1; i < steps.size(); i++) {
      Step previous = steps.get(i - 1);
      Step step = steps.get(i);
      if (score < step.from()) {
        double t = (score - previous.to()) / (step.from() - previous.to());
        return previous.value() + t * (step.value() - previous.value());
      }
      if (score <= step.to()) {
        return step.value();
      }
    }
    return steps.get(steps.size() - 1).value();
  }

  /** The fitted steps, lowest scores first. */
  List<Step> steps() {
    return steps;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("IsotonicCalibration[");
    for (Step s : steps) {
      out.append(
          String.format(
              java.util.Locale.ROOT,
              " %.4f..%.4f->%.3f(%d)",
              s.from(),
              s.to(),
              s.value(),
              s.weight()));
    }
    return out.append(" ]").toString();
  }
}
