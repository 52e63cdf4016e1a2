package io.handoff.agent.task;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The agent tasks the platform offers, by id. */
@Component
public class AgentTasks {

  private final Map<String, AgentTask> byId = new TreeMap<>();

  public AgentTasks(List<AgentTask> tasks) {
    tasks.forEach(t -> byId.put(t.id(), t));
  }

  public Optional<AgentTask> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Set<String> ids() {
    return byId.keySet();
  }
}
