package io.handoff.platform.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedOutput;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.instance.CoreExecution;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Writes every evaluation of a deployed decision table inside a process instance to the ledger,
 * whoever triggered it (a business rule task, {@link Rules}, a listener): decided by {@code
 * rule:<key>:<version>}, the table's input expressions with their values, the matched output
 * entries and the matched rules. Of a decision that requires others (a DRD), the decision evaluated
 * is written; the tables it required feed its inputs. Platform decisions about no single case
 * ({@link Rules#evaluateForPlatform}) are written without an instance; other evaluations outside a
 * process instance (a test of a table, a what-if replay) are not decisions and are not written.
 */
public class RuleLedgerListener implements DmnDecisionEvaluationListener {

  private final DecisionLedger ledger;
  private final ObjectMapper json;

  public RuleLedgerListener(DecisionLedger ledger, ObjectMapper json) {
    this.ledger = ledger;
    this.json = json;
  }

  @Override
  public void notify(DmnDecisionEvaluationEvent event) {
    Rules.Evaluation evaluation = Rules.current();
    String subject = evaluation == null ? null : evaluation.subject();
    if (evaluation != null && evaluation.where() != null) {
      write(evaluation.where(), subject, event);
      return;
    }
    if (Context.getCommandContext() == null || Context.getCoreExecutionContext() == null) {
      return;
    }
    CoreExecution current = Context.getCoreExecutionContext().getExecution();
    if (!(current instanceof ExecutionEntity execution)) {
      return;
    }
    write(
        new DecisionContext(
            execution.getProcessInstanceId(),
            execution.getProcessDefinition() == null
                ? null
                : execution.getProcessDefinition().getKey(),
            execution.getProcessBusinessKey(),
            execution.getActivityId()),
        subject,
        event);
  }

  private void write(DecisionContext where, String subject, DmnDecisionEvaluationEvent event) {
    write(where, subject, event.getDecisionResult());
  }

  private void write(DecisionContext where, String subject, DmnDecisionLogicEvaluationEvent e) {
    if (!(e instanceof DmnDecisionTableEvaluationEvent table)
        || !(e.getDecision() instanceof DecisionDefinitionEntity definition)) {
      return;
    }
    ledger.record(
        Draft.of(
                where,
                definition.getKey(),
                DecidedBy.rule(definition.getKey(), definition.getVersion()))
            .definition(definition.getId())
            .subject(subject)
            .inputs(inputs(definition, table))
            .outcome(outcome(table))
            .reason(matched(table)));
  }

  /** The table's inputs by their expression (a variable name in this platform's tables). */
  static Map<String, Object> inputs(
      DecisionDefinitionEntity definition, DmnDecisionTableEvaluationEvent table) {
    Map<String, String> expressionById = new LinkedHashMap<>();
    if (definition.getDecisionLogic() instanceof DmnDecisionTableImpl logic) {
      for (DmnDecisionTableInputImpl input : logic.getInputs()) {
        String text = input.getExpression() == null ? null : input.getExpression().getExpression();
        expressionById.put(input.getId(), text == null ? input.getId() : text.trim());
      }
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (DmnEvaluatedInput input : table.getInputs()) {
      String name = expressionById.getOrDefault(input.getId(), input.getId());
      inputs.put(name, input.getValue() == null ? null : input.getValue().getValue());
    }
    return inputs;
  }

  /** The matched rules' output entries: one object for one rule, else an array. */
  String outcome(DmnDecisionTableEvaluationEvent table) {
    Object outcome;
    if (table.getCollectResultName() != null) {
      Map<String, Object> collected = new LinkedHashMap<>();
      collected.put(
          table.getCollectResultName(),
          table.getCollectResultValue() == null ? null : table.getCollectResultValue().getValue());
      outcome = collected;
    } else {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (DmnEvaluatedDecisionRule rule : table.getMatchingRules()) {
        rows.add(outputs(rule));
      }
      outcome = rows.size() == 1 ? rows.get(0) : rows;
    }
    try {
      return json.writeValueAsString(outcome);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Cannot write a decision outcome as JSON", ex);
    }
  }

  static Map<String, Object> outputs(DmnEvaluatedDecisionRule rule) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (DmnEvaluatedOutput output : rule.getOutputEntries().values()) {
      row.put(
          output.getOutputName(), output.getValue() == null ? null : output.getValue().getValue());
    }
    return row;
  }

  private static String matched(DmnDecisionTableEvaluationEvent table) {
    List<String> ids =
        table.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
    return ids.isEmpty() ? "no rule matched" : "rule " + String.join(", ", ids);
  }
}
