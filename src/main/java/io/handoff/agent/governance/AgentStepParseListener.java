package io.handoff.agent.governance;

import io.handoff.agent.AgentStepVariables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses, at deployment, every service task bound to {@code ${agentStep}} whose configuration the
 * {@link AgentStepPolicy} rejects; the deployment fails with a parse error naming the element.
 */
public class AgentStepParseListener extends AbstractBpmnParseListener {

  static final String AGENT_STEP_EXPRESSION = "${agentStep}";

  private final AgentStepPolicy policy;

  public AgentStepParseListener(AgentStepPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    String delegate =
        element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
    if (delegate == null || !delegate.replaceAll("\\s", "").equals(AGENT_STEP_EXPRESSION)) {
      return;
    }
    Map<String, String> inputs = inputs(element);
    List<String> problems =
        policy.check(
            inputs.get(AgentStepVariables.AGENT_TASK),
            inputs.get(AgentStepVariables.AUTONOMY),
            inputs.get(AgentStepVariables.CONFIDENCE_THRESHOLD),
            inputs.get(AgentStepVariables.RESULT_VARIABLE));
    if (!problems.isEmpty()) {
      throw new BpmnParseException(
          "Agent step '" + activity.getId() + "' is refused: " + String.join("; ", problems),
          element);
    }
  }

  private static Map<String, String> inputs(Element serviceTask) {
    Map<String, String> inputs = new HashMap<>();
    Element extensions = serviceTask.element("extensionElements");
    if (extensions == null) {
      return inputs;
    }
    Element io = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
    if (io == null) {
      return inputs;
    }
    for (Element input : io.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter")) {
      String text = input.getText();
      inputs.put(input.attribute("name"), text == null ? null : text.strip());
    }
    return inputs;
  }
}
