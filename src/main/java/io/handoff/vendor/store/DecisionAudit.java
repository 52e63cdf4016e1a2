package io.handoff.vendor.store;

import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.decision.LedgerEntry;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An application's decisions in the platform's decision ledger: what people, the agent and the
 * platform decided about it, with details as JSON (rule evaluations are written by the ledger
 * itself).
 */
@Component
public class DecisionAudit {

  public static final String PLATFORM = DecidedBy.PLATFORM;

  /** The decision recorded for the contract review, by the agent step or by legal. */
  public static final String CONTRACT_REVIEW = "CONTRACT_REVIEW";

  /** A refusal by segregation of duties (claim, assignment or completion of an approval). */
  public static final String SEGREGATION_OF_DUTIES = "SEGREGATION_OF_DUTIES";

  /** An approval handed to its group's escalation path. */
  public static final String APPROVAL_ESCALATION = "APPROVAL_ESCALATION";

  private final DecisionLedger ledger;
  private final JdbcClient jdbc;

  public DecisionAudit(DecisionLedger ledger, JdbcClient jdbc) {
    this.ledger = ledger;
    this.jdbc = jdbc;
  }

  /**
   * Records a decision about the application.
   *
   * @param decidedBy {@link DecidedBy}'s form; a plain user id is read as that person
   */
  public void record(
      String applicationId,
      String decision,
      String decidedBy,
      String outcome,
      Map<String, ?> details) {
    ledger.record(draft(applicationId, decision, decidedBy, outcome, details));
  }

  /**
   * Records in a transaction of its own, so the entry stays when the caller's transaction is rolled
   * back (a refused claim or completion).
   */
  public void recordIndependently(
      String applicationId,
      String decision,
      String decidedBy,
      String outcome,
      Map<String, ?> details) {
    ledger.recordIndependently(() -> draft(applicationId, decision, decidedBy, outcome, details));
  }

  /** Every decision about the application, rules included, in the order taken. */
  public List<LedgerEntry> of(String applicationId) {
    return processInstanceOf(applicationId).map(ledger::ofInstance).orElse(List.of());
  }

  private Draft draft(
      String applicationId,
      String decision,
      String decidedBy,
      String outcome,
      Map<String, ?> details) {
    return Draft.of(
            DecisionContext.ofInstance(processInstanceOf(applicationId).orElse(null)),
            decision,
            qualified(decidedBy))
        .subject(applicationId)
        .inputs(details)
        .outcome(outcome);
  }

  private static String qualified(String decidedBy) {
    return decidedBy == null || decidedBy.contains(":") || PLATFORM.equals(decidedBy)
        ? (decidedBy == null ? PLATFORM : decidedBy)
        : DecidedBy.person(decidedBy);
  }

  private java.util.Optional<String> processInstanceOf(String applicationId) {
    return jdbc.sql("SELECT process_instance_id FROM vendor_application WHERE application_id = ?")
        .param(applicationId)
        .query(String.class)
        .optional();
  }
}
