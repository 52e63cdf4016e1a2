package io.handoff.agent.provider;

import io.handoff.agent.AgentAnswer;
import io.handoff.agent.task.AgentTask;

/**
 * A source of agent answers, selected per step by the provider id in the {@code agentModel} input
 * ({@code local}, {@code openai}, {@code openai:gpt-4o-mini}, ...).
 */
public interface AgentProvider {

  /** The provider id, e.g. {@code local} or {@code openai}. */
  String id();

  /** Whether text stays inside the platform (no masking needed). */
  boolean local();

  /** The model used when the step names none. */
  String defaultModel(AgentTask task);

  /**
   * Does the task on the text. Throws on any failure (transport, HTTP status, timeout, an answer
   * that is not what the task asked for); the caller routes the step to a person.
   */
  AgentAnswer propose(AgentTask task, String model, String text);
}
