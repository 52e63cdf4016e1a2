package io.handoff.agent.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.agent.AgentAnswer;
import io.handoff.agent.Proposal;

/**
 * One kind of work an agent step can do ({@code classify-incident}, {@code review-contract}). A
 * task knows how to instruct a chat model, how to read the proposal part of its JSON answer
 * strictly, and how to do the work offline for the {@code local} provider.
 */
public interface AgentTask {

  /** The id a model names in the step's {@code agentTask} input. */
  String id();

  /** System instructions for a chat model, asking for one JSON object. */
  String instructions();

  /** Name of the JSON property that holds the proposal ({@code label} or {@code fields}). */
  String proposalProperty();

  /**
   * Reads the proposal part of a chat model's answer.
   *
   * @throws InvalidAnswerException when it is missing or malformed
   */
  Proposal readProposal(JsonNode proposal);

  /** Does the task offline, deterministically. */
  AgentAnswer runLocally(String text);

  /** The model name the local provider reports for this task. */
  String localModel();
}
