package io.handoff.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.agent.task.IncidentClassifier.LabelledText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local incident classifier, trained on the training split only, is measured on the held-out
 * split it has never seen.
 */
class IncidentClassifierAccuracyTest {

  private static final Logger log = LoggerFactory.getLogger(IncidentClassifierAccuracyTest.class);

  /** The parameters the application trains with (handoff.agent.local.*). */
  static final String ALGORITHM = "NAIVEBAYES";

  static final int ITERATIONS = 100;

  static final int CUTOFF = 1;

  /** The incident process's supervised threshold. */
  static final double SUPERVISED_THRESHOLD = 0.75;

  static List<LabelledText> load(String resource) throws IOException {
    try (InputStream in = IncidentClassifierAccuracyTest.class.getResourceAsStream(resource)) {
      return IncidentClassifier.read(in);
    }
  }

  @Test
  void heldOutAccuracyIsAtLeast85Percent() throws IOException {
    List<LabelledText> training = load("/agent/incident-training.txt");
    List<LabelledText> heldOut = load("/agent/incident-heldout.txt");
    IncidentClassifier classifier =
        IncidentClassifier.train(training, ALGORITHM, ITERATIONS, CUTOFF);

    int correct = 0;
    int confident = 0;
    int confidentCorrect = 0;
    Map<String, int[]> perLabel = new TreeMap<>();
    for (LabelledText sample : heldOut) {
      IncidentClassifier.Classification c = classifier.classify(sample.text());
      boolean hit = c.label().equals(sample.label());
      correct += hit ? 1 : 0;
      if (c.probability() >= SUPERVISED_THRESHOLD) {
        confident++;
        confidentCorrect += hit ? 1 : 0;
      }
      int[] counts = perLabel.computeIfAbsent(sample.label(), k -> new int[2]);
      counts[0] += hit ? 1 : 0;
      counts[1]++;
    }
    double accuracy = (double) correct / heldOut.size();
    String byLabel =
        perLabel.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
            .collect(Collectors.joining(", "));
    String report =
        String.format(
            "Held-out accuracy of the local incident classifier: %.3f (%d/%d; training %d); %s."
                + " At threshold %.2f: %d/%d accepted, %.3f of them correct.",
            accuracy,
            correct,
            heldOut.size(),
            training.size(),
            byLabel,
            SUPERVISED_THRESHOLD,
            confident,
            heldOut.size(),
            confident == 0 ? 0.0 : (double) confidentCorrect / confident);
    log.info(report);
    System.out.println(report);
    assertThat(accuracy).as(report).isGreaterThanOrEqualTo(0.85);
    assertThat((double) confidentCorrect / confident)
        .as("proposals at or above the threshold are right more often than all proposals")
        .isGreaterThanOrEqualTo(accuracy);
  }

  @Test
  void trainingIsDeterministic() throws IOException {
    List<LabelledText> training = load("/agent/incident-training.txt");
    List<LabelledText> heldOut = load("/agent/incident-heldout.txt");
    IncidentClassifier first = IncidentClassifier.train(training, ALGORITHM, ITERATIONS, CUTOFF);
    IncidentClassifier second = IncidentClassifier.train(training, ALGORITHM, ITERATIONS, CUTOFF);
    for (LabelledText sample : heldOut) {
      assertThat(second.classify(sample.text())).isEqualTo(first.classify(sample.text()));
    }
  }

  @Test
  void confidenceIsTheModelsProbabilityNotAConstant() throws IOException {
    IncidentClassifier classifier =
        IncidentClassifier.train(
            load("/agent/incident-training.txt"), ALGORITHM, ITERATIONS, CUTOFF);
    double clear =
        classifier.classify("I forgot my password and my account is locked").probability();
    double vague = classifier.classify("it does not work, please help").probability();
    assertThat(clear).isBetween(0.0, 1.0).isGreaterThan(vague);
    assertThat(classifier.labels())
        .containsExactly(
            "access",
            "application",
            "database",
            "hardware",
            "network",
            "password-reset",
            "security");
  }
}
