package io.handoff.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

  private final JdbcClient jdbc;
  private final ObjectMapper objectMapper;

  public DecisionAudit(JdbcClient jdbc, ObjectMapper objectMapper) {
    this.jdbc = jdbc;
    this.objectMapper = objectMapper;
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
