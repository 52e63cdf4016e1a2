package io.handoff.procurement.store;

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
 * An invoice's decisions in the platform's decision ledger: what people and the platform decided
 * about it (rule evaluations are written by the ledger itself), and every refused attempt.
 */
@Component
public class InvoiceDecisionLog {

  /** What a person or the platform decided about an invoice. */
  public enum Kind {
    EXCEPTION_RESOLUTION,
    APPROVAL,
    APPROVAL_ESCALATION,
    REMINDER,
    REFUSED,
    PAYMENT_RELEASED
  }

  private final DecisionLedger ledger;
  private final JdbcClient jdbc;

  public InvoiceDecisionLog(DecisionLedger ledger, JdbcClient jdbc) {
    this.ledger = ledger;
    this.jdbc = jdbc;
  }

  public void record(
      String invoiceId,
      DecisionContext where,
      Kind kind,
      String decidedBy,
      Map<String, ?> inputs,
      String outcome,
      String reason) {
    ledger.record(draft(invoiceId, where, kind, decidedBy, inputs, outcome, reason));
  }

  /**
   * Records in its own transaction, so the entry stays even when the caller's transaction is rolled
   * back (a refused approval).
   */
  public void recordIndependently(
      String invoiceId,
      DecisionContext where,
      Kind kind,
      String decidedBy,
      Map<String, ?> inputs,
      String outcome,
      String reason) {
    ledger.recordIndependently(
        () -> draft(invoiceId, where, kind, decidedBy, inputs, outcome, reason));
  }

  /** Every decision about the invoice, rules included, in the order taken. */
  public List<LedgerEntry> entries(String invoiceId) {
    return jdbc.sql("SELECT process_instance_id FROM invoice WHERE invoice_id = ?")
        .param(invoiceId)
        .query(String.class)
        .optional()
        .map(ledger::ofInstance)
        .orElse(List.of());
  }

  /** The user ids of the people who took decisions of this kind on the invoice with an outcome. */
  public List<String> peopleWho(String invoiceId, Kind kind, String outcome) {
    return entries(invoiceId).stream()
        .filter(e -> kind.name().equals(e.decision()) && outcome.equals(e.outcome()))
        .map(e -> DecidedBy.userOf(e.decidedBy()))
        .filter(u -> u != null)
        .toList();
  }

  private static Draft draft(
      String invoiceId,
      DecisionContext where,
      Kind kind,
      String decidedBy,
      Map<String, ?> inputs,
      String outcome,
      String reason) {
    return Draft.of(where, kind.name(), decidedBy)
        .subject(invoiceId)
        .inputs(inputs)
        .outcome(outcome)
        .reason(reason);
  }
}
