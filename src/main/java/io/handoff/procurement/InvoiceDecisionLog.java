package io.handoff.procurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of an invoice: every decision by a rule or a person, with its inputs, and every
 * refused attempt.
 */
@Repository
public class InvoiceDecisionLog {

  /** What was decided. */
  public enum Kind {
    LINE_MATCH,
    APPROVAL_ROUTE,
    EXCEPTION_RESOLUTION,
    APPROVAL,
    APPROVAL_ESCALATION,
    REMINDER,
    REFUSED
  }

  /**
   * One entry.
   *
   * @param kind what was decided
   * @param decidedBy {@code dmn:<decision key>} for a rule, {@code user:<id>} for a person
   * @param inputs the inputs, as JSON
   * @param outcome the outcome
   * @param reason why
   * @param decidedAt when
   */
  public record Entry(
      Kind kind,
      String decidedBy,
      String inputs,
      String outcome,
      String reason,
      Instant decidedAt) {}

  private final JdbcClient jdbc;
  private final ObjectMapper objectMapper;
  private final TransactionTemplate independent;

  public InvoiceDecisionLog(
      JdbcClient jdbc, ObjectMapper objectMapper, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
    this.independent = new TransactionTemplate(transactions);
    this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public static String rule(String decisionKey) {
    return "dmn:" + decisionKey;
  }

  public static String person(String userId) {
    return "user:" + userId;
  }

  /** The user id of a person's entry, null for a rule's. */
  public static String userOf(String decidedBy) {
    return decidedBy != null && decidedBy.startsWith("user:") ? decidedBy.substring(5) : null;
  }

  public void record(
      String invoiceId,
      String processInstanceId,
      Kind kind,
      String decidedBy,
      Map<String, ?> inputs,
      String outcome,
      String reason) {
    jdbc.sql(
            "INSERT INTO invoice_decision (invoice_id, process_instance_id, kind, decided_by,"
                + " inputs, outcome, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            invoiceId,
            processInstanceId,
            kind.name(),
            decidedBy,
            json(inputs),
            outcome,
            reason,
            PurchasingStore.now())
        .update();
  }

  /**
   * Records in its own transaction, so the entry stays even when the caller's transaction is rolled
   * back (a refused approval).
   */
  public void recordIndependently(
      String invoiceId,
      String processInstanceId,
      Kind kind,
      String decidedBy,
      Map<String, ?> inputs,
      String outcome,
      String reason) {
    independent.executeWithoutResult(
        status -> record(invoiceId, processInstanceId, kind, decidedBy, inputs, outcome, reason));
  }

  public List<Entry> entries(String invoiceId) {
    return jdbc.sql(
            "SELECT kind, decided_by, inputs, outcome, reason, decided_at FROM invoice_decision"
                + " WHERE invoice_id = ? ORDER BY decision_id")
        .param(invoiceId)
        .query(
            (rs, i) ->
                new Entry(
                    Kind.valueOf(rs.getString("kind")),
                    rs.getString("decided_by"),
                    rs.getString("inputs"),
                    rs.getString("outcome"),
                    rs.getString("reason"),
                    rs.getTimestamp("decided_at").toInstant()))
        .list();
  }

  private String json(Map<String, ?> inputs) {
    try {
      return objectMapper.writeValueAsString(inputs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write decision inputs as JSON", e);
    }
  }
}
