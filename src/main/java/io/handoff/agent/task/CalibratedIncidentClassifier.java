package io.handoff.agent.task;

import io.handoff.agent.calibration.IsotonicCalibration;
import io.handoff.agent.task.IncidentClassifier.LabelledText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The incident classifier with a confidence that means what it says. The naive Bayes model's own
 * probability is sharp (most tickets score near 1.0, right or wrong), so it is not the confidence.
 * Instead:
 *
 * <ol>
 *   <li>the words of the text that the training data ties to the proposed label are its evidence
 *       ({@link EvidenceIndex}); a text with no evidence for the proposed label gets the proposal
 *       {@value #UNKNOWN} with confidence 0: a person decides;
 *   <li>otherwise the confidence is an isotonic calibration of the model's probability, fitted on
 *       out-of-fold predictions: the training tickets are split into {@code folds} stratified
 *       folds, a model trained on the others classifies each fold, and the calibration learns how
 *       often a proposal with that probability (and that much evidence) was right. One calibration
 *       per evidence strength (one word, two or more words), since a proposal resting on one word
 *       is right less often at the same probability.
 * </ol>
 *
 * The served model is then trained on all training tickets. Nothing here sees the held-out set.
 */
public final class CalibratedIncidentClassifier {

  /** The proposal for a text with no evidence for any label. */
  public static final String UNKNOWN = io.handoff.agent.Proposal.UNKNOWN;

  /**
   * @param algorithm OpenNLP trainer
   * @param iterations trainer iterations (maximum entropy, perceptron)
   * @param cutoff minimum occurrences of a word to become a feature
   * @param folds folds of the out-of-fold calibration
   * @param evidenceMinSupport tickets a word must occur in to count as evidence
   * @param evidenceMinShare share of those tickets that must carry the label
   */
  public record Settings(
      String algorithm,
      int iterations,
      int cutoff,
      int folds,
      int evidenceMinSupport,
      double evidenceMinShare) {}

  /**
   * A classification with its calibrated confidence.
   *
   * @param label the proposal: a label, or {@value #UNKNOWN}
   * @param confidence calibrated confidence in [0,1]; 0 for {@value #UNKNOWN}
   * @param modelLabel the model's best label (the same as {@code label} unless unknown)
   * @param modelProbability the model's own probability of it
   * @param runnerUp the model's second-best label
   * @param runnerUpProbability its probability
   * @param evidence the words of the text that are evidence for {@code modelLabel}
   */
  public record Assessment(
      String label,
      double confidence,
      String modelLabel,
      double modelProbability,
      String runnerUp,
      double runnerUpProbability,
      List<String> evidence) {

    public boolean unknown() {
      return UNKNOWN.equals(label);
    }
  }

  private final IncidentClassifier model;
  private final EvidenceIndex evidence;
  private final Map<Integer, IsotonicCalibration> calibrations;
  private final int calibrationSamples;

  private CalibratedIncidentClassifier(
      IncidentClassifier model,
      EvidenceIndex evidence,
      Map<Integer, IsotonicCalibration> calibrations,
      int calibrationSamples) {
    this.model = model;
    this.evidence = evidence;
    this.calibrations = calibrations;
    this.calibrationSamples = calibrationSamples;
  }

  /** Trains the model, its evidence index and its out-of-fold calibration. */
  public static CalibratedIncidentClassifier train(List<LabelledText> samples, Settings settings) {
    if (settings.folds() < 2) {
      throw new IllegalArgumentException("Calibration needs at least 2 folds");
    }
    List<List<LabelledText>> folds = stratifiedFolds(samples, settings.folds());
    Map<Integer, List<IsotonicCalibration.Sample>> byStrength = new TreeMap<>();
    int fitted = 0;
    for (int k = 0; k < folds.size(); k++) {
      List<LabelledText> rest = new ArrayList<>();
      for (int j = 0; j < folds.size(); j++) {
        if (j != k) {
          rest.addAll(folds.get(j));
        }
      }
      IncidentClassifier foldModel =
          IncidentClassifier.train(
              rest, settings.algorithm(), settings.iterations(), settings.cutoff());
      EvidenceIndex foldEvidence =
          new EvidenceIndex(rest, settings.evidenceMinSupport(), settings.evidenceMinShare());
      for (LabelledText sample : folds.get(k)) {
        IncidentClassifier.Classification c = foldModel.classify(sample.text());
        if (!foldEvidence.hasAnyEvidence(sample.text())) {
          continue;
        }
        int support = foldEvidence.support(c.label(), sample.text());
        byStrength
            .computeIfAbsent(strength(support), s -> new ArrayList<>())
            .add(new IsotonicCalibration.Sample(c.probability(), c.label().equals(sample.label())));
        fitted++;
      }
    }
    Map<Integer, IsotonicCalibration> calibrations = new TreeMap<>();
    byStrength.forEach((s, points) -> calibrations.put(s, IsotonicCalibration.fit(points)));
    return new CalibratedIncidentClassifier(
        IncidentClassifier.train(
            samples, settings.algorithm(), settings.iterations(), settings.cutoff()),
        new EvidenceIndex(samples, settings.evidenceMinSupport(), settings.evidenceMinShare()),
        calibrations,
        fitted);
  }

  /**
   * Evidence strength for the proposed label, from the number of training tickets of that label
   * that contain its evidence words (summed over the words): 0 none, 1 fewer than 6, 2 fewer than
   * 20, 3 from 20.
   */
  static int strength(int support) {
    return support == 0 ? 0 : support < 6 ? 1 : support < 20 ? 2 : 3;
  }

  public Assessment assess(String text) {
    IncidentClassifier.Classification c = model.classify(text);
    List<String> words = evidence.evidenceFor(c.label(), text);
    if (!evidence.hasAnyEvidence(text)) {
      return new Assessment(
          UNKNOWN, 0.0, c.label(), c.probability(), c.runnerUp(), c.runnerUpProbability(), words);
    }
    IsotonicCalibration calibration = calibrations.get(strength(evidence.support(c.label(), text)));
    if (calibration == null) {
      calibration = calibrations.values().iterator().next();
    }
    return new Assessment(
        c.label(),
        calibration.apply(c.probability()),
        c.label(),
        c.probability(),
        c.runnerUp(),
        c.runnerUpProbability(),
        words);
  }

  /** The labels the model knows. */
  public List<String> labels() {
    return model.labels();
  }

  /** How many out-of-fold predictions the calibration was fitted on. */
  public int calibrationSamples() {
    return calibrationSamples;
  }

  /**
   * Deterministic stratified folds: per label, in file order, ticket i goes to fold i mod k, so
   * every fold has about the same share of each label.
   */
  static List<List<LabelledText>> stratifiedFolds(List<LabelledText> samples, int k) {
    List<List<LabelledText>> folds = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      folds.add(new ArrayList<>());
    }
    Map<String, Integer> seen = new TreeMap<>();
    for (LabelledText sample : samples) {
      int index = seen.merge(sample.label(), 1, Integer::sum) - 1;
      folds.get(index % k).add(sample);
    }
    return folds;
  }
}
