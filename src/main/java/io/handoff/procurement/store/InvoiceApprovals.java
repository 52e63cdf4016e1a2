package io.handoff.procurement.store;

import io.handoff.platform.engine.EngineClock;
import io.handoff.procurement.InvoiceVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who decided which approval level of an invoice, in our own table {@code invoice_approval}. */
@Repository
public class InvoiceApprovals {

  /**
   * One decided level.
   *
   * @param level 1 for the first level
   * @param approverGroup the group that approves the level
   * @param decidedBy user id
   * @param approved approved (true) or rejected
   */
  public record Decided(int level, String approverGroup, String decidedBy, boolean approved) {}

  private final JdbcClient jdbc;

  public InvoiceApprovals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Decided> of(String invoiceId) {
    return jdbc.sql(
            "SELECT level_no, approver_group, decided_by, decision FROM invoice_approval"
                + " WHERE invoice_id = ? ORDER BY level_no")
        .param(invoiceId)
        .query(
            (rs, i) ->
                new Decided(
                    rs.getInt("level_no"),
                    rs.getString("approver_group"),
                    rs.getString("decided_by"),
                    InvoiceVariables.DECISION_APPROVE.equals(rs.getString("decision"))))
        .list();
  }

  /** The level each user decided, by user id. */
  public Map<String, Integer> levelsByUser(String invoiceId) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    of(invoiceId).forEach(d -> levels.put(d.decidedBy(), d.level()));
    return levels;
  }

  /** Records that a level went to the escalation group. */
  public void escalate(String invoiceId, int level, String approverGroup, String escalationGroup) {
    jdbc.sql(
            "INSERT INTO invoice_approval_escalation (invoice_id, level_no, approver_group,"
                + " escalation_group, escalated_at) VALUES (?, ?, ?, ?, ?)")
        .params(invoiceId, level, approverGroup, escalationGroup, EngineClock.timestamp())
        .update();
  }

  /** The group a level was escalated to, if it was. */
  public java.util.Optional<String> escalationGroup(String invoiceId, int level) {
    return jdbc.sql(
            "SELECT escalation_group FROM invoice_approval_escalation"
                + " WHERE invoice_id = ? AND level_no = ?")
        .params(invoiceId, level)
        .query(String.class)
        .optional();
  }

  /**
   * Records a decided level. The table's keys refuse a second decision of the same level and a
   * second level by the same person, also when two arrive at the same moment.
   */
  public void record(
      String invoiceId,
      int level,
      String approverGroup,
      String decidedBy,
      String decision,
      String comment) {
    try {
      insert(invoiceId, level, approverGroup, decidedBy, decision, comment);
    } catch (DuplicateKeyException sameMoment) {
      // The key held: another request decided the level, or this person another level, just now.
      throw new OptimisticLockingException(
          "Approval level " + level + " of this invoice was decided by another request just now.");
    }
  }

  private void insert(
      String invoiceId,
      int level,
      String approverGroup,
      String decidedBy,
      String decision,
      String comment) {
    jdbc.sql(
            "INSERT INTO invoice_approval (invoice_id, level_no, approver_group, decided_by,"
                + " decision, decision_comment, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            invoiceId, level, approverGroup, decidedBy, decision, comment, EngineClock.timestamp())
        .update();
  }
}
