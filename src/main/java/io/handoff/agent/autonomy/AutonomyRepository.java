package io.handoff.agent.autonomy;

import io.handoff.agent.Autonomy;
import io.handoff.platform.persistence.Sequences;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code agent_autonomy_change} table and the autonomy figures read from {@code agent_action},
 * on the caller's transaction.
 */
@Repository
public class AutonomyRepository {

  /**
   * What the demotion rule reads for a step.
   *
   * @param reviewed reviewed decisions (a person decided on a proposal)
   * @param agreed how many of them agreed with the proposal
   * @param actedAlone actions taken on a proposal without a person
   * @param reversed how many of them were later reopened or overridden
   */
  public record Figures(int reviewed, int agreed, int actedAlone, int reversed) {

    /** Share of reviewed decisions that agreed; NaN without reviews. */
    public double agreement() {
      return reviewed == 0 ? Double.NaN : (double) agreed / reviewed;
    }

    /** Share of autonomous actions reversed; NaN without actions. */
    public double reversalShare() {
      return actedAlone == 0 ? Double.NaN : (double) reversed / actedAlone;
    }
  }

  private final JdbcClient jdbc;
  private final String nextOrder;

  public AutonomyRepository(JdbcClient jdbc, Sequences sequences) {
    this.jdbc = jdbc;
    this.nextOrder = sequences.next("agent_event_seq");
  }

  public void insert(AutonomyChange c) {
    jdbc.sql(
            """
            INSERT INTO agent_autonomy_change (id, process_definition_key, activity_id, task,
              from_level, to_level, changed_by, by_platform, reason, reviewed, agreement,
              acted_alone, reversal_share, changed_at, changed_seq)
            VALUES (:id, :key, :activity, :task, :from, :to, :by, :platform, :reason, :reviewed,
              :agreement, :acted, :reversal, :at, %s)
            """
                .formatted(nextOrder))
        .param("id", c.id())
        .param("key", c.step().processDefinitionKey())
        .param("activity", c.step().activityId())
        .param("task", c.task())
        .param("from", c.from().id())
        .param("to", c.to().id())
        .param("by", c.changedBy())
        .param("platform", c.byPlatform())
        .param("reason", c.reason().length() > 1000 ? c.reason().substring(0, 1000) : c.reason())
        .param("reviewed", c.reviewed())
        .param("agreement", scaled(c.agreement()))
        .param("acted", c.actedAlone())
        .param("reversal", scaled(c.reversalShare()))
        .param("at", Timestamp.from(c.changedAt()))
        .update();
  }

  /** The step's latest change, which sets the highest level it may run at. */
  public Optional<AutonomyChange> latest(AgentStep step) {
    return jdbc.sql(
            """
            SELECT * FROM agent_autonomy_change
            WHERE process_definition_key = :key AND activity_id = :activity
            ORDER BY changed_seq DESC, changed_at DESC, id DESC FETCH FIRST 1 ROWS ONLY
            """)
        .param("key", step.processDefinitionKey())
        .param("activity", step.activityId())
        .query(AutonomyRepository::map)
        .optional();
  }

  /** Every change, newest first. */
  public List<AutonomyChange> all() {
    return jdbc.sql(
            "SELECT * FROM agent_autonomy_change ORDER BY changed_seq DESC, changed_at DESC, id DESC")
        .query(AutonomyRepository::map)
        .list();
  }

  /** The latest change of every step that has one. */
  public List<AutonomyChange> latestPerStep() {
    return jdbc.sql(
            """
            SELECT c.* FROM agent_autonomy_change c
            WHERE NOT EXISTS (SELECT 1 FROM agent_autonomy_change n
              WHERE n.process_definition_key = c.process_definition_key
                AND n.activity_id = c.activity_id
                AND (n.changed_seq > c.changed_seq
                  OR (n.changed_seq = c.changed_seq AND n.changed_at > c.changed_at)
                  OR (n.changed_seq = c.changed_seq AND n.changed_at = c.changed_at
                    AND n.id > c.id)))
            ORDER BY c.process_definition_key, c.activity_id
            """)
        .query(AutonomyRepository::map)
        .list();
  }

  /**
   * The step's figures over its latest {@code window} reviewed decisions and latest {@code window}
   * autonomous actions written after the change {@code since} (empty: all).
   */
  public Figures figures(AgentStep step, Optional<AutonomyChange> since, int window) {
    Timestamp after = Timestamp.from(since.map(AutonomyChange::changedAt).orElse(Instant.EPOCH));
    long afterOrder = since.map(AutonomyChange::order).orElse(-1L);
    List<Boolean> agrees =
        jdbc.sql(
                """
                SELECT agrees FROM agent_action
                WHERE process_definition_key = :key AND activity_id = :activity
                  AND agrees IS NOT NULL
                  AND (decided_seq > :order OR (decided_seq = :order AND decided_at > :since))
                ORDER BY decided_seq DESC, decided_at DESC, id DESC FETCH FIRST :window ROWS ONLY
                """)
            .param("key", step.processDefinitionKey())
            .param("activity", step.activityId())
            .param("since", after)
            .param("order", afterOrder)
            .param("window", window)
            .query((rs, n) -> rs.getBoolean(1))
            .list();
    List<Boolean> reversed =
        jdbc.sql(
                """
                SELECT reversal FROM agent_action
                WHERE process_definition_key = :key AND activity_id = :activity
                  AND action IS NOT NULL
                  AND (acted_seq > :order OR (acted_seq = :order AND acted_at > :since))
                ORDER BY acted_seq DESC, acted_at DESC, id DESC FETCH FIRST :window ROWS ONLY
                """)
            .param("key", step.processDefinitionKey())
            .param("activity", step.activityId())
            .param("since", after)
            .param("order", afterOrder)
            .param("window", window)
            .query((rs, n) -> rs.getString(1) != null)
            .list();
    return new Figures(
        agrees.size(),
        (int) agrees.stream().filter(Boolean::booleanValue).count(),
        reversed.size(),
        (int) reversed.stream().filter(Boolean::booleanValue).count());
  }

  /** The level the step's latest invocation actually ran at, if it ran. */
  public Optional<Autonomy> lastLevelUsed(AgentStep step) {
    return jdbc.sql(
            """
            SELECT autonomy FROM agent_action
            WHERE process_definition_key = :key AND activity_id = :activity
            ORDER BY created_seq DESC, created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY
            """)
        .param("key", step.processDefinitionKey())
        .param("activity", step.activityId())
        .query(String.class)
        .optional()
        .flatMap(Autonomy::fromId);
  }

  private static BigDecimal scaled(BigDecimal value) {
    return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
  }

  private static AutonomyChange map(ResultSet rs, int row) throws SQLException {
    int reviewed = rs.getInt("reviewed");
    Integer reviewedValue = rs.wasNull() ? null : reviewed;
    int acted = rs.getInt("acted_alone");
    Integer actedValue = rs.wasNull() ? null : acted;
    return new AutonomyChange(
        rs.getString("id"),
        new AgentStep(rs.getString("process_definition_key"), rs.getString("activity_id")),
        rs.getString("task"),
        Autonomy.fromId(rs.getString("from_level")).orElseThrow(),
        Autonomy.fromId(rs.getString("to_level")).orElseThrow(),
        rs.getString("changed_by"),
        rs.getBoolean("by_platform"),
        rs.getString("reason"),
        reviewedValue,
        rs.getBigDecimal("agreement"),
        actedValue,
        rs.getBigDecimal("reversal_share"),
        rs.getTimestamp("changed_at").toInstant(),
        rs.getLong("changed_seq"));
  }
}
