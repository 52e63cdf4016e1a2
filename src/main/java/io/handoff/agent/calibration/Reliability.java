package io.handoff.agent.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well confidences match outcomes: a reliability table per decile of confidence and the
 * expected calibration error (ECE), the share-weighted mean gap between a bin's mean confidence and
 * the share of right proposals in it.
 */
public final class Reliability {

  /**
   * One decile bin, confidence in [{@code from}, {@code to}) (the last bin includes 1.0).
   *
   * @param count proposals in the bin
   * @param meanConfidence their mean confidence (NaN when empty)
   * @param accuracy the share of them that were right (NaN when empty)
   */
  public record Bin(double from, double to, int count, double meanConfidence, double accuracy) {}

  /**
   * One measured proposal.
   *
   * @param confidence the confidence it was given
   * @param correct whether it was right
   */
  public record Outcome(double confidence, boolean correct) {}

  private final List<Bin> bins;
  private final double ece;
  private final int total;

  private Reliability(List<Bin> bins, double ece, int total) {
    this.bins = List.copyOf(bins);
    this.ece = ece;
    this.total = total;
  }

  public static Reliability of(List<Outcome> outcomes) {
    int[] counts = new int[10];
    double[] confidence = new double[10];
    int[] correct = new int[10];
    for (Outcome o : outcomes) {
      int bin = Math.min(9, (int) Math.floor(o.confidence() * 10));
      counts[bin]++;
      confidence[bin] += o.confidence();
      correct[bin] += o.correct() ? 1 : 0;
    }
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    for (int i = 0; i < 10; i++) {
      double mean = counts[i] == 0 ? Double.NaN : confidence[i] / counts[i];
      double accuracy = counts[i] == 0 ? Double.NaN : (double) correct[i] / counts[i];
      bins.add(new Bin(i / 10.0, (i + 1) / 10.0, counts[i], mean, accuracy));
      if (counts[i] > 0) {
        ece += (double) counts[i] / outcomes.size() * Math.abs(accuracy - mean);
      }
    }
    return new Reliability(bins, outcomes.isEmpty() ? Double.NaN : ece, outcomes.size());
  }

  public List<Bin> bins() {
    return bins;
  }

  /** Expected calibration error over the decile bins. */
  public double expectedCalibrationError() {
    return ece;
  }

  public int total() {
    return total;
  }

  /** The table as Markdown: one row per non-empty decile. */
  public String markdownTable() {
    StringBuilder out =
        new StringBuilder(
            "| confidence | proposals | mean confidence | share right | gap |\n"
                + "|---|---:|---:|---:|---:|\n");
    for (Bin b : bins) {
      if (b.count() == 0) {
        out.append(String.format(Locale.ROOT, "| %.1f–%.1f | 0 | – | – | – |%n", b.from(), b.to()));
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %.1f–%.1f | %d | %.3f | %.3f | %.3f |%n",
              b.from(),
              b.to(),
              b.count(),
              b.meanConfidence(),
              b.accuracy(),
              Math.abs(b.accuracy() - b.meanConfidence())));
    }
    return out.toString();
  }
}
