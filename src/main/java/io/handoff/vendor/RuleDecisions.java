package io.handoff.vendor;

import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Evaluates the onboarding's DMN decisions (latest deployed version) from inside a process step.
 * The step runs on behalf of whoever completed the previous task; evaluating the process's own
 * rules is part of the process, not a right of that user, so the engine's authorization check is
 * suspended for the evaluation (as it is for a business rule task).
 */
@Component
public class RuleDecisions {

  private final DecisionService decisionService;

  public RuleDecisions(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  public DmnDecisionResult evaluate(String decisionKey, Map<String, Object> inputs) {
    return asProcess(
        () -> decisionService.evaluateDecisionByKey(decisionKey).variables(inputs).evaluate());
  }

  /** Runs an engine call as a step of the process, without the current user's authorization. */
  public static <T> T asProcess(Supplier<T> call) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return call.get();
    }
    boolean wasEnabled = context.isAuthorizationCheckEnabled();
    context.disableAuthorizationCheck();
    try {
      return call.get();
    } finally {
      if (wasEnabled) {
        context.enableAuthorizationCheck();
      }
    }
  }
}
