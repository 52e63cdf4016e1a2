package io.handoff.agent.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.agent.AgentAnswer;
import io.handoff.agent.AgentProperties;
import io.handoff.agent.Proposal;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * {@code classify-incident}: the category of an IT incident from its description. Offline, an
 * OpenNLP document categorizer trained at start-up from the shipped data set.
 */
@Component
public class ClassifyIncidentTask implements AgentTask {

  public static final String ID = "classify-incident";

  private static final Logger log = LoggerFactory.getLogger(ClassifyIncidentTask.class);

  private final IncidentClassifier classifier;
  private final String localModel;

  public ClassifyIncidentTask(AgentProperties props, ResourceLoader resources) throws IOException {
    AgentProperties.Local local = props.local();
    List<IncidentClassifier.LabelledText> samples;
    try (InputStream in = resources.getResource(local.incidentTrainingData()).getInputStream()) {
      samples = IncidentClassifier.read(in);
    }
    long start = System.nanoTime();
    this.classifier =
        IncidentClassifier.train(samples, local.algorithm(), local.iterations(), local.cutoff());
    this.localModel = "opennlp-doccat-" + local.algorithm().toLowerCase(Locale.ROOT);
    log.info(
        "Incident classifier trained on {} texts from {} in {} ms; categories {}",
        samples.size(),
        local.incidentTrainingData(),
        (System.nanoTime() - start) / 1_000_000,
        classifier.labels());
  }

  @Override
  public String id() {
    return ID;
  }

  /** The categories a proposal may name. */
  public List<String> labels() {
    return classifier.labels();
  }

  @Override
  public String instructions() {
    return """
        You classify IT incident tickets written by users. Choose exactly one category from: %s.
        access = permissions, group memberships, new or removed accounts, licences;
        password-reset = forgotten or expired passwords and account lockouts.
        Answer with one JSON object and nothing else:
        {"label": "<category>", "confidence": <number between 0 and 1>, "rationale": "<one short sentence>"}
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
    if (!labels().contains(label)) {
      throw new InvalidAnswerException(
          "'label' must be one of " + labels() + ", was '" + proposal.asText() + "'");
    }
    return Proposal.ofLabel(label);
  }

  @Override
  public AgentAnswer runLocally(String text) {
    IncidentClassifier.Classification c = classifier.classify(text);
    String rationale =
        String.format(
            Locale.ROOT,
            "Text classifier: '%s' with probability %.2f; next best '%s' with %.2f.",
            c.label(),
            c.probability(),
            c.runnerUp(),
            c.runnerUpProbability());
    return new AgentAnswer(Proposal.ofLabel(c.label()), c.probability(), rationale);
  }

  @Override
  public String localModel() {
    return localModel;
  }
}
