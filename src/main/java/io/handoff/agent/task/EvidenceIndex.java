package io.handoff.agent.task;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which words of a text the training data ties to a label. A word is evidence for a label when it
 * occurs in at least {@code minSupport} training tickets and at least {@code minShare} of those
 * tickets carry that label. Words every kind of ticket uses ("not", "working", "since", "please")
 * are evidence for nothing, so a vague or off-topic text has no evidence at all.
 */
public final class EvidenceIndex {

  private final Map<String, Map<String, Integer>> labelCounts = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private final int minSupport;
  private final double minShare;

  public EvidenceIndex(
      List<IncidentClassifier.LabelledText> samples, int minSupport, double minShare) {
    if (minSupport < 1 || !(minShare > 0 && minShare <= 1)) {
      throw new IllegalArgumentException("minSupport >= 1 and minShare in (0,1] are required");
    }
    this.minSupport = minSupport;
    this.minShare = minShare;
    for (IncidentClassifier.LabelledText sample : samples) {
      for (String word : new HashSet<>(List.of(IncidentClassifier.tokens(sample.text())))) {
        counts.merge(word, 1, Integer::sum);
        labelCounts
            .computeIfAbsent(word, w -> new HashMap<>())
            .merge(sample.label(), 1, Integer::sum);
      }
    }
  }

  /** The distinct words of the text that are evidence for the label, in text order. */
  public List<String> evidenceFor(String label, String text) {
    Set<String> found = new LinkedHashSet<>();
    for (String word : IncidentClassifier.tokens(text)) {
      if (isEvidence(word, label)) {
        found.add(word);
      }
    }
    return List.copyOf(found);
  }

  /**
   * How many training tickets of the label contain the text's evidence words for it, summed over
   * the words.
   */
  public int support(String label, String text) {
    int support = 0;
    for (String word : evidenceFor(label, text)) {
      support += labelCounts.get(word).getOrDefault(label, 0);
    }
    return support;
  }

  /** Whether any word of the text is evidence for some label. */
  public boolean hasAnyEvidence(String text) {
    for (String word : IncidentClassifier.tokens(text)) {
      Map<String, Integer> byLabel = labelCounts.get(word);
      if (byLabel != null) {
        for (String label : byLabel.keySet()) {
          if (isEvidence(word, label)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  boolean isEvidence(String word, String label) {
    int total = counts.getOrDefault(word, 0);
    if (total < minSupport) {
      return false;
    }
    int forLabel = labelCounts.get(word).getOrDefault(label, 0);
    return (double) forLabel / total >= minShare;
  }
}
