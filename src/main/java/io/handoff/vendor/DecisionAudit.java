package io.handoff.vendor;

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
 * The audit trail of an application ({@code vendor_decision_audit}): one row per decision taken by
 * a rule (DMN), a person (user task) or the platform, with its inputs and result as JSON.
 */
@Repository
public class DecisionAudit {

  /** Who took a decision when it was not a person. */
  public static final String RULES = "dmn";

  public static final String PLATFORM = "platform";

  /** A governed agent step whose proposal stood without a person. */
  public static final String AGENT = "agent";

  /** The decision recorded for the contract review, by the agent step or by legal. */
  public static final String CONTRACT_REVIEW = "CONTRACT_REVIEW";

  /** A refusal by segregation of duties (claim, assignment or completion of an approval). */
  public static final String SEGREGATION_OF_DUTIES = "SEGREGATION_OF_DUTIES";

  /** An approval handed to its group's escalation path. */
  public static final String APPROVAL_ESCALATION = "APPROVAL_ESCALATION";

  private final JdbcClient jdbc;
  private final ObjectMapper objectMapper;
  private final TransactionTemplate independent;

  public DecisionAudit(
      JdbcClient jdbc, ObjectMapper objectMapper, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
    this.independent = new TransactionTemplate(transactions);
    this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** One audit entry. */
  public record Entry(
      String decision, String decidedBy, String outcome, String details, Instant decidedAt) {}

  public void record(
      String applicationId,
      String decision,
      String decidedBy,
      String outcome,
      Map<String, ?> details) {
    String json;
    try {
      json = objectMapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit details not serialisable", e);
    }
    jdbc.sql(
            """
            INSERT INTO vendor_decision_audit (application_id, decision, decided_by, outcome,
              details, decided_at) VALUES (:id, :decision, :by, :outcome, :details, :at)
            """)
        .param("id", applicationId)
        .param("decision", decision)
        .param("by", decidedBy)
        .param("outcome", outcome)
        .param("details", json)
        .param("at", VendorApplications.now())
        .update();
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
    independent.executeWithoutResult(
        status -> record(applicationId, decision, decidedBy, outcome, details));
  }

  public List<Entry> of(String applicationId) {
    return jdbc.sql(
            """
            SELECT decision, decided_by, outcome, details, decided_at FROM vendor_decision_audit
            WHERE application_id = :id ORDER BY audit_id
            """)
        .param("id", applicationId)
        .query(
            (rs, i) ->
                new Entry(
                    rs.getString("decision"),
                    rs.getString("decided_by"),
                    rs.getString("outcome"),
                    rs.getString("details"),
                    rs.getTimestamp("decided_at").toInstant()))
        .list();
  }
}
