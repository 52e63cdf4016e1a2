package io.handoff.platform.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.engine.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one decision ledger ({@code decision_ledger}): every process and the agent step write each
 * decision here, in the transaction of the step that takes it, with who or what decided, the inputs
 * and the outcome. Rule evaluations are written by {@link RuleLedgerListener} for every deployed
 * decision table, whoever evaluates it.
 */
@Repository
public class DecisionLedger {

  private static final String COLUMNS =
      "entry_id, process_instance_id, process_key, business_key, step, subject, decision,"
          + " decided_by, decision_definition_id, inputs, outcome, reason, agent_proposal,"
          + " agent_agreement, decided_at";

  private final JdbcClient jdbc;
  private final ObjectMapper objectMapper;
  private final TransactionTemplate independent;

  public DecisionLedger(
      JdbcClient jdbc, ObjectMapper objectMapper, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
    this.independent = new TransactionTemplate(transactions);
    this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Writes the decision in the caller's transaction. */
  public void record(Draft draft) {
    insert(
        new Draft(
            complete(draft.where()),
            draft.decision(),
            draft.decidedBy(),
            draft.inputs(),
            draft.outcome(),
            draft.reason(),
            draft.subject(),
            draft.decisionDefinitionId(),
            draft.agentProposal(),
            draft.agentAgreement()));
  }

  private void insert(Draft draft) {
    DecisionContext where =
        draft.where() == null ? new DecisionContext(null, null, null, null) : draft.where();
    jdbc.sql(
            """
            INSERT INTO decision_ledger (process_instance_id, process_key, business_key, step,
              subject, decision, decided_by, decision_definition_id, inputs, outcome, reason,
              agent_proposal, agent_agreement, decided_at)
            VALUES (:pi, :key, :bk, :step, :subject, :decision, :by, :def, :inputs, :outcome,
              :reason, :proposal, :agreement, :at)
            """)
        .param("pi", where.processInstanceId())
        .param("key", where.processKey())
        .param("bk", where.businessKey())
        .param("step", where.step())
        .param("subject", draft.subject())
        .param("decision", draft.decision())
        .param("by", draft.decidedBy())
        .param("def", draft.decisionDefinitionId())
        .param("inputs", draft.inputs() == null ? null : json(draft.inputs()))
        .param("outcome", draft.outcome() == null ? "null" : draft.outcome())
        .param("reason", draft.reason())
        .param("proposal", draft.agentProposal())
        .param("agreement", draft.agentAgreement())
        .param("at", EngineClock.timestamp())
        .update();
  }

  /**
   * Writes the decision in a transaction of its own, so it stays when the caller's transaction is
   * rolled back (a refused claim or completion).
   */
  public void recordIndependently(Supplier<Draft> draft) {
    // The caller's transaction may be unusable (PostgreSQL aborts it on a failed statement): the
    // draft is built, and its keys read, in the new transaction; the step comes from the engine's
    // context.
    independent.executeWithoutResult(
        status -> {
          Draft d = draft.get();
          insert(
              new Draft(
                  fromHistory(withStep(d.where())),
                  d.decision(),
                  d.decidedBy(),
                  d.inputs(),
                  d.outcome(),
                  d.reason(),
                  d.subject(),
                  d.decisionDefinitionId(),
                  d.agentProposal(),
                  d.agentAgreement()));
        });
  }

  /** The decisions of a process instance, in the order they were taken. */
  public List<LedgerEntry> ofInstance(String processInstanceId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM decision_ledger WHERE process_instance_id = ? ORDER BY entry_id")
        .param(processInstanceId)
        .query(DecisionLedger::entry)
        .list();
  }

  /** The decisions of every instance of a process with this business key, in order. */
  public List<LedgerEntry> ofBusinessKey(String processKey, String businessKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM decision_ledger WHERE process_key = ? AND business_key = ?"
                + " ORDER BY entry_id")
        .params(processKey, businessKey)
        .query(DecisionLedger::entry)
        .list();
  }

  /** The evaluations of a decision table in a period ({@code from} inclusive, {@code to} not). */
  public List<LedgerEntry> ofRule(String decisionKey, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM decision_ledger WHERE decision = ? AND decided_by LIKE ?"
                + " AND decided_at >= ? AND decided_at < ? ORDER BY entry_id")
        .params(decisionKey, "rule:%", Timestamp.from(from), Timestamp.from(to))
        .query(DecisionLedger::entry)
        .list();
  }

  /** How many evaluations of a decision table the period holds. */
  public long countRule(String decisionKey, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM decision_ledger WHERE decision = ? AND decided_by LIKE ?"
                + " AND decided_at >= ? AND decided_at < ?")
        .params(decisionKey, "rule:%", Timestamp.from(from), Timestamp.from(to))
        .query(Long.class)
        .single();
  }

  /** The process instance a business key names, the latest where several did. */
  public Optional<String> instanceOf(String processKey, String businessKey) {
    return jdbc.sql(
            "SELECT process_instance_id FROM decision_ledger WHERE process_key = ? AND"
                + " business_key = ? ORDER BY entry_id DESC")
        .params(processKey, businessKey)
        .query(String.class)
        .optional();
  }

  private DecisionContext complete(DecisionContext where) {
    return withKeys(withStep(where));
  }

  /** A decision taken inside a step of its instance is that step's. */
  private static DecisionContext withStep(DecisionContext where) {
    if (where == null || where.step() != null || where.processInstanceId() == null) {
      return where;
    }
    if (Context.getCommandContext() != null
        && Context.getCoreExecutionContext() != null
        && Context.getCoreExecutionContext().getExecution() instanceof ExecutionEntity execution
        && where.processInstanceId().equals(execution.getProcessInstanceId())) {
      return where.atStep(execution.getActivityId());
    }
    return where;
  }

  private DecisionContext withKeys(DecisionContext where) {
    if (where == null
        || where.processInstanceId() == null
        || (where.processKey() != null && where.businessKey() != null)) {
      return where == null ? new DecisionContext(null, null, null, null) : where;
    }
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      ExecutionEntity instance =
          command.getExecutionManager().findExecutionById(where.processInstanceId());
      if (instance != null && instance.getProcessDefinition() != null) {
        return new DecisionContext(
            where.processInstanceId(),
            where.processKey() != null
                ? where.processKey()
                : instance.getProcessDefinition().getKey(),
            where.businessKey() != null ? where.businessKey() : instance.getBusinessKey(),
            where.step());
      }
    }
    return fromHistory(where);
  }

  /** Process key and business key from the engine's history, where the caller left them out. */
  private DecisionContext fromHistory(DecisionContext where) {
    if (where == null
        || where.processInstanceId() == null
        || (where.processKey() != null && where.businessKey() != null)) {
      return where == null ? new DecisionContext(null, null, null, null) : where;
    }
    return jdbc.sql(
            "SELECT PROC_DEF_KEY_, BUSINESS_KEY_ FROM ACT_HI_PROCINST WHERE PROC_INST_ID_ = ?")
        .param(where.processInstanceId())
        .query(
            (rs, i) ->
                new DecisionContext(
                    where.processInstanceId(),
                    where.processKey() != null ? where.processKey() : rs.getString(1),
                    where.businessKey() != null ? where.businessKey() : rs.getString(2),
                    where.step()))
        .optional()
        .orElse(where);
  }

  private String json(Map<String, ?> inputs) {
    try {
      return objectMapper.writeValueAsString(inputs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write decision inputs as JSON", e);
    }
  }

  private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(
        rs.getLong("entry_id"),
        rs.getString("process_instance_id"),
        rs.getString("process_key"),
        rs.getString("business_key"),
        rs.getString("step"),
        rs.getString("subject"),
        rs.getString("decision"),
        rs.getString("decided_by"),
        rs.getString("decision_definition_id"),
        rs.getString("inputs"),
        rs.getString("outcome"),
        rs.getString("reason"),
        rs.getString("agent_proposal"),
        rs.getString("agent_agreement"),
        rs.getTimestamp("decided_at").toInstant());
  }
}
