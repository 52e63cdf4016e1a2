package io.handoff.agent.provider;

import io.handoff.agent.AgentAnswer;
import io.handoff.agent.task.AgentTask;
import org.springframework.stereotype.Component;

/**
 * {@code local}: offline and deterministic; each task does its work with its own embedded model or
 * rules (the incident classifier, the contract text rules). Text never leaves the platform.
 */
@Component
public class LocalAgentProvider implements AgentProvider {

  public static final String ID = "local";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public String defaultModel(AgentTask task) {
    return task.localModel();
  }

  @Override
  public AgentAnswer propose(AgentTask task, String model, String text) {
    return task.runLocally(text);
  }
}
