package io.handoff.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.agent.calibration.Reliability;
import io.handoff.agent.task.IncidentClassifier.LabelledText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calibrated confidence of the local classifier, fitted on out-of-fold predictions of the
 * training split only, measured on the held-out split and on vague and off-topic texts it has never
 * seen. Prints the reliability table published in docs/agent-steps.md.
 */
class IncidentClassifierCalibrationTest {

  private static final Logger log =
      LoggerFactory.getLogger(IncidentClassifierCalibrationTest.class);

  /** handoff.agent.local.* as the application trains with them. */
  static final CalibratedIncidentClassifier.Settings SETTINGS =
      new CalibratedIncidentClassifier.Settings("NAIVEBAYES", 100, 1, 5, 2, 0.65);

  static CalibratedIncidentClassifier classifier;

  @BeforeAll
  static void train() throws IOException {
    classifier =
        CalibratedIncidentClassifier.train(
            IncidentClassifierAccuracyTest.load("/agent/incident-training.txt"), SETTINGS);
  }

  @Test
  void heldOutCalibrationErrorIsBelowEightPercent() throws IOException {
    List<LabelledText> heldOut = IncidentClassifierAccuracyTest.load("/agent/incident-heldout.txt");
    List<Reliability.Outcome> outcomes = new ArrayList<>();
    for (LabelledText sample : heldOut) {
      CalibratedIncidentClassifier.Assessment a = classifier.assess(sample.text());
      outcomes.add(new Reliability.Outcome(a.confidence(), a.label().equals(sample.label())));
    }
    Reliability reliability = Reliability.of(outcomes);
    String report =
        String.format(
                Locale.ROOT,
                "Calibration on the held-out split (%d tickets; fitted on %d out-of-fold"
                    + " predictions of the training split): ECE %.3f%n",
                heldOut.size(),
                classifier.calibrationSamples(),
                reliability.expectedCalibrationError())
            + reliability.markdownTable();
    log.info(report);
    System.out.println(report);
    assertThat(reliability.expectedCalibrationError()).as(report).isLessThan(0.08);
  }

  @Test
  void vagueTextsOfTheIssueGetNoProposal() {
    for (String text :
        List.of(
            "it is not working since this morning",
            "please help",
            "Something is wrong. It is not working since this morning, please help",
            "it is not working since this morning. please help")) {
      CalibratedIncidentClassifier.Assessment a = classifier.assess(text);
      assertThat(a.label()).as(text).isEqualTo(CalibratedIncidentClassifier.UNKNOWN);
      assertThat(a.confidence()).as(text).isZero();
    }
  }

  @Test
  void mostVagueAndOffTopicTextsGetNoProposalOrLowConfidence() throws IOException {
    List<LabelledText> vague = IncidentClassifierAccuracyTest.load("/agent/incident-vague.txt");
    int unsure = 0;
    List<String> confident = new ArrayList<>();
    for (LabelledText sample : vague) {
      CalibratedIncidentClassifier.Assessment a = classifier.assess(sample.text());
      if (a.unknown() || a.confidence() < 0.75) {
        unsure++;
      } else {
        confident.add(
            String.format(
                Locale.ROOT,
                "%s %.2f %s: %s",
                a.label(),
                a.confidence(),
                a.evidence(),
                sample.text()));
      }
    }
    String report =
        "Vague and off-topic texts without a proposal or below 0.75: "
            + unsure
            + "/"
            + vague.size()
            + "; above: "
            + confident;
    log.info(report);
    System.out.println(report);
    assertThat((double) unsure / vague.size()).as(report).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void clearPasswordRequestIsConfidentButNotCertain() {
    CalibratedIncidentClassifier.Assessment a =
        classifier.assess("I forgot my password and need a reset for my Windows login");

    assertThat(a.label()).isEqualTo("password-reset");
    assertThat(a.confidence()).isGreaterThanOrEqualTo(0.9).isLessThan(1.0);
    assertThat(a.evidence()).contains("password", "forgot");
  }
}
