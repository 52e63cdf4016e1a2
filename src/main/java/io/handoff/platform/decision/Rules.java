package io.handoff.platform.decision;

import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The one way code evaluates a decision table: the version the instance is bound to ({@link
 * RuleBinding}), evaluated as a step of the process (not with the permissions of whoever completed
 * the previous task, as for a business rule task), and written to the ledger with its inputs and
 * outcome by {@link RuleLedgerListener}.
 */
@Component
public class Rules {

  /** What the evaluation on this thread is about, and where, when not a step's own decision. */
  record Evaluation(String subject, DecisionContext where) {}

  private static final ThreadLocal<Evaluation> CURRENT = new ThreadLocal<>();

  private final DecisionService decisionService;
  private final RuleBinding binding;

  public Rules(@Lazy DecisionService decisionService, RuleBinding binding) {
    this.decisionService = decisionService;
    this.binding = binding;
  }

  /** Evaluates the decision for a step of the execution's process instance. */
  public DmnDecisionResult evaluate(
      DelegateExecution execution, String decisionKey, Map<String, Object> inputs) {
    return evaluate(execution.getProcessInstanceId(), decisionKey, inputs, null);
  }

  /** Evaluates the decision for a task of a process instance (a task listener). */
  public DmnDecisionResult evaluate(
      DelegateTask task, String decisionKey, Map<String, Object> inputs) {
    return evaluate(task.getProcessInstanceId(), decisionKey, inputs, null);
  }

  /**
   * Evaluates the decision for a process instance; {@code subject} says what within the instance it
   * is about (an invoice line), for the ledger.
   */
  public DmnDecisionResult evaluate(
      String processInstanceId, String decisionKey, Map<String, Object> inputs, String subject) {
    return run(processInstanceId, decisionKey, inputs, new Evaluation(subject, null));
  }

  /**
   * Evaluates a platform decision that is about no single case (an agent step's autonomy across its
   * cases): the latest version, written to the ledger without a process instance.
   */
  public DmnDecisionResult evaluateForPlatform(
      String decisionKey, Map<String, Object> inputs, String subject) {
    return run(
        null,
        decisionKey,
        inputs,
        new Evaluation(subject, new DecisionContext(null, null, null, null)));
  }

  private DmnDecisionResult run(
      String processInstanceId,
      String decisionKey,
      Map<String, Object> inputs,
      Evaluation evaluation) {
    RuleBinding.Version version = binding.versionFor(processInstanceId, decisionKey);
    Evaluation previous = CURRENT.get();
    CURRENT.set(evaluation);
    try {
      return asProcess(
          () ->
              decisionService
                  .evaluateDecisionById(version.definitionId())
                  .variables(inputs)
                  .evaluate());
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The one row a single-hit table produces for a step; no row is a technical failure. */
  public DmnDecisionResultEntries single(
      DelegateExecution execution, String decisionKey, Map<String, Object> inputs) {
    return single(evaluate(execution, decisionKey, inputs), decisionKey, inputs);
  }

  /** The one row a single-hit table must produce; no row is a technical failure. */
  public static DmnDecisionResultEntries single(
      DmnDecisionResult result, String decisionKey, Map<String, Object> inputs) {
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision " + decisionKey + " has no rule for " + inputs);
    }
    return result.getSingleResult();
  }

  /** The evaluation running on this thread through this class, or null. */
  static Evaluation current() {
    return CURRENT.get();
  }

  /**
   * Runs an engine call as a step of the process, without the current user's authorization: the
   * process's own rules and look-ups are part of the process, not a right of that user.
   */
  public static <T> T asProcess(Callable<T> call) {
    CommandContext context = Context.getCommandContext();
    try {
      return context == null ? call.call() : context.runWithoutAuthorization(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
