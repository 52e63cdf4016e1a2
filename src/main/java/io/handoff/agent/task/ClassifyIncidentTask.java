package io.handoff.agent.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.agent.AgentAnswer;
import io.handoff.agent.AgentProperties;
import io.handoff.agent.Proposal;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * {@code classify-incident}: the category of an IT incident from its description. Offline, an
 * OpenNLP document categorizer trained at start-up from the shipped data set, with a calibrated
 * confidence and the proposal {@value Proposal#UNKNOWN} for a text with no evidence for any
 * category ({@link CalibratedIncidentClassifier}).
 */
@Component
public class ClassifyIncidentTask implements AgentTask {

  public static final String ID = "classify-incident";

  private static final Logger log = LoggerFactory.getLogger(ClassifyIncidentTask.class);

  private final CalibratedIncidentClassifier classifier;
  private final String localModel;

  public ClassifyIncidentTask(AgentProperties props, ResourceLoader resources) throws IOException {
    AgentProperties.Local local = props.local();
    List<IncidentClassifier.LabelledText> samples;
    try (InputStream in = resources.getResource(local.incidentTrainingData()).getInputStream()) {
      samples = IncidentClassifier.read(in);
    }
    long start = System.nanoTime();
    this.classifier = CalibratedIncidentClassifier.train(samples, local.classifierSettings());
    this.localModel =
        "opennlp-doccat-" + local.algorithm().toLowerCase(Locale.ROOT) + "-calibrated";
    log.info(
        "Incident classifier trained on {} texts from {} in {} ms, confidence calibrated on {}"
            + " out-of-fold predictions; categories {}",
        samples.size(),
        local.incidentTrainingData(),
        (System.nanoTime() - start) / 1_000_000,
        classifier.calibrationSamples(),
        classifier.labels());
  }

  @Override
  public String id() {
    return ID;
  }

  /** The categories a proposal may name, without {@value Proposal#UNKNOWN}. */
  public List<String> labels() {
    return classifier.labels();
  }

  @Override
  public String instructions() {
    return """
        You classify IT incident tickets written by users. Choose exactly one category from: %s.
        access = permissions, group memberships, new or removed accounts, licences;
        password-reset = forgotten or expired passwords and account lockouts.
        When the ticket does not say what is wrong with which IT service (too vague, too short,
        or not about IT), answer "unknown".
        Answer with one JSON object and nothing else:
        {"label": "<category or unknown>", "confidence": <number between 0 and 1>, "rationale": "<one short sentence>"}
        """
        .formatted(String.join(", ", labels()));
  }

  @Override
  public String proposalProperty() {
    return "label";
  }

  @Override
  public Proposal readProposal(JsonNode proposal) {
    if (!proposal.isTextual()) {
      throw new InvalidAnswerException("'label' must be a string");
    }
    String label = proposal.asText().strip().toLowerCase(Locale.ROOT);
    List<String> allowed = Stream.concat(labels().stream(), Stream.of(Proposal.UNKNOWN)).toList();
    if (!allowed.contains(label)) {
      throw new InvalidAnswerException(
          "'label' must be one of " + allowed + ", was '" + proposal.asText() + "'");
    }
    return Proposal.ofLabel(label);
  }

  @Override
  public AgentAnswer runLocally(String text) {
    CalibratedIncidentClassifier.Assessment a = classifier.assess(text);
    String rationale =
        a.unknown()
            ? String.format(
                Locale.ROOT,
                "No word of the text is evidence for any category; the text classifier's best"
                    + " guess would be '%s' (model probability %.2f).",
                a.modelLabel(),
                a.modelProbability())
            : String.format(
                Locale.ROOT,
                "Text classifier: '%s' with calibrated confidence %.2f (model probability %.2f;"
                    + " evidence: %s); next best '%s'.",
                a.label(),
                a.confidence(),
                a.modelProbability(),
                String.join(", ", a.evidence()),
                a.runnerUp());
    return new AgentAnswer(Proposal.ofLabel(a.label()), a.confidence(), rationale);
  }

  @Override
  public String localModel() {
    return localModel;
  }
}
