package io.handoff.agent.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * An Apache OpenNLP document categorizer (bag of lower-cased words) trained from labelled incident
 * texts. Training is deterministic: the same data and parameters give the same model (single
 * thread, no random sampling). The confidence of a classification is the model's own probability of
 * the best category.
 */
public final class IncidentClassifier {

  /**
   * @param label the best category
   * @param probability the model's probability of that category
   * @param runnerUp the second-best category
   * @param runnerUpProbability its probability
   */
  public record Classification(
      String label, double probability, String runnerUp, double runnerUpProbability) {}

  /**
   * @param label the ticket's category
   * @param text the ticket text
   */
  public record LabelledText(String label, String text) {}

  private final DocumentCategorizerME categorizer;
  private final List<String> labels;

  private IncidentClassifier(DoccatModel model) {
    this.categorizer = new DocumentCategorizerME(model);
    List<String> cats = new ArrayList<>();
    for (int i = 0; i < categorizer.getNumberOfCategories(); i++) {
      cats.add(categorizer.getCategory(i));
    }
    this.labels = List.copyOf(cats.stream().sorted().toList());
  }

  /**
   * Trains a classifier.
   *
   * @param algorithm OpenNLP trainer: {@code NAIVEBAYES} (default), {@code MAXENT} or {@code
   *     PERCEPTRON}
   * @param iterations training iterations (maximum entropy and perceptron only)
   * @param cutoff minimum number of occurrences of a word to become a feature
   */
  public static IncidentClassifier train(
      List<LabelledText> samples, String algorithm, int iterations, int cutoff) {
    List<DocumentSample> docs =
        samples.stream().map(s -> new DocumentSample(s.label(), tokens(s.text()))).toList();
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
    params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    try {
      DoccatFactory factory =
          new DoccatFactory(new FeatureGenerator[] {new BagOfWordsFeatureGenerator()});
      return new IncidentClassifier(
          DocumentCategorizerME.train(
              "en", ObjectStreamUtils.createObjectStream(docs), params, factory));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot train the incident classifier", e);
    }
  }

  /** Classifies a ticket text. */
  public synchronized Classification classify(String text) {
    double[] probabilities = categorizer.categorize(tokens(text));
    int best = 0;
    int second = -1;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        second = best;
        best = i;
      } else if (second < 0 || probabilities[i] > probabilities[second]) {
        second = i;
      }
    }
    return new Classification(
        categorizer.getCategory(best),
        probabilities[best],
        second < 0 ? null : categorizer.getCategory(second),
        second < 0 ? 0 : probabilities[second]);
  }

  /** The categories the model knows, sorted. */
  public List<String> labels() {
    return labels;
  }

  /** Lower-cased word tokens; punctuation is dropped. */
  static String[] tokens(String text) {
    return Arrays.stream(SimpleTokenizer.INSTANCE.tokenize(text.toLowerCase(Locale.ROOT)))
        .filter(t -> t.chars().anyMatch(Character::isLetterOrDigit))
        .toArray(String[]::new);
  }

  /**
   * Reads a data set: one ticket per line, {@code <label> <text>}; blank lines and lines starting
   * with {@code #} are skipped.
   */
  public static List<LabelledText> read(InputStream in) throws IOException {
    List<LabelledText> samples = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int space = trimmed.indexOf(' ');
        if (space <= 0) {
          throw new InvalidFormatException("Line " + number + " has no text after its label");
        }
        samples.add(
            new LabelledText(trimmed.substring(0, space), trimmed.substring(space + 1).strip()));
      }
    }
    return samples;
  }
}
