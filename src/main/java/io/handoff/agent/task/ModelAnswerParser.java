package io.handoff.agent.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.agent.AgentAnswer;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a chat model's answer strictly: exactly one JSON object with the task's proposal property,
 * a numeric {@code confidence} in [0,1] and a non-empty {@code rationale}; nothing else. Anything
 * else is an {@link InvalidAnswerException}, never a guess.
 */
public final class ModelAnswerParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelAnswerParser() {}

  public static AgentAnswer parse(String raw, AgentTask task) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidAnswerException("The model returned an empty answer");
    }
    JsonNode root;
    try {
      root = JSON.readTree(raw.strip());
    } catch (JsonProcessingException e) {
      throw new InvalidAnswerException("The answer is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidAnswerException("The answer is not a JSON object");
    }
    Set<String> allowed = Set.of(task.proposalProperty(), "confidence", "rationale");
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidAnswerException("Unexpected property '" + name + "' in the answer");
      }
    }
    JsonNode confidence = root.get("confidence");
    if (confidence == null || !confidence.isNumber()) {
      throw new InvalidAnswerException("'confidence' must be a number");
    }
    double value = confidence.doubleValue();
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new InvalidAnswerException("'confidence' must be in [0,1], was " + value);
    }
    JsonNode rationale = root.get("rationale");
    if (rationale == null || !rationale.isTextual() || rationale.asText().isBlank()) {
      throw new InvalidAnswerException("'rationale' must be a non-empty string");
    }
    JsonNode proposal = root.get(task.proposalProperty());
    if (proposal == null || proposal.isNull()) {
      throw new InvalidAnswerException("'" + task.proposalProperty() + "' is missing");
    }
    return new AgentAnswer(task.readProposal(proposal), value, rationale.asText().strip());
  }
}
