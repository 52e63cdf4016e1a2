package io.handoff.platform.insights;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every deployed process a listener on {@code assignment} that records its
 * first claim ({@link TaskClaims}), so waiting time (created to claimed) and working time (claimed
 * to completed) can be told apart without history level full.
 */
@Component
public class InsightsPlugin extends AbstractProcessEnginePlugin {

  private final TaskClaims claims;

  public InsightsPlugin(TaskClaims claims) {
    this.claims = claims;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners =
        configuration.getCustomPostBPMNParseListeners() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
              userTask
                  .getTaskDefinition()
                  .addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, claims);
            }
          }
        });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
