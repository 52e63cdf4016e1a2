package io.handoff.agent.governance;

import io.handoff.agent.AgentProperties;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Registers the {@link AgentStepParseListener} with the engine, so every deployment (start-up,
 * Modeler's deploy button, the engine REST API) is checked against the allowed autonomy levels.
 */
@Component
public class AgentGovernancePlugin extends AbstractProcessEnginePlugin {

  private final AgentStepPolicy policy;

  public AgentGovernancePlugin(AgentProperties props) {
    this.policy = new AgentStepPolicy(props);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners =
        configuration.getCustomPreBPMNParseListeners() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    listeners.add(new AgentStepParseListener(policy));
    configuration.setCustomPreBPMNParseListeners(listeners);
  }
}
