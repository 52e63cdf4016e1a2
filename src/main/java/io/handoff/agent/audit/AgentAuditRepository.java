package io.handoff.agent.audit;

import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.persistence.Sequences;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code agent_action} table. Runs on the caller's transaction (the engine's), so a row rolls
 * back with the step that wrote it.
 */
@Repository
public class AgentAuditRepository {

  private static final String ORDER = "agent_event_seq";

  private final JdbcClient jdbc;
  private final DecisionLedger ledger;
  private final String nextOrder;

  public AgentAuditRepository(JdbcClient jdbc, DecisionLedger ledger, Sequences sequences) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.nextOrder = sequences.next(ORDER);
  }

  /** Who decided when an agent's proposal stood: {@code agent:<task>/<provider>/<model>}. */
  public static String decidedBy(AgentAction a) {
    return DecidedBy.agent(a.task(), a.provider(), a.model());
  }

  public void insert(AgentAction a) {
    jdbc.sql(
            """
            INSERT INTO agent_action (id, process_instance_id, activity_id, task, provider, model,
              input_digest, output, confidence, autonomy, routed_to_person, latency_ms, error,
              masked_kinds, created_at, process_definition_key, declared_autonomy, created_seq)
            VALUES (:id, :pi, :activity, :task, :provider, :model, :digest, :output, :confidence,
              :autonomy, :routed, :latency, :error, :masked, :created, :key, :declared, %s)
            """
                .formatted(nextOrder))
        .param("id", a.id())
        .param("pi", a.processInstanceId())
        .param("activity", a.activityId())
        .param("task", a.task())
        .param("provider", a.provider())
        .param("model", a.model())
        .param("digest", a.inputDigest())
        .param("output", a.output())
        .param("confidence", a.confidence().setScale(4, RoundingMode.HALF_UP))
        .param("autonomy", a.autonomy())
        .param("routed", a.routedToPerson())
        .param("latency", a.latencyMs())
        .param("error", truncate(a.error(), 2000))
        .param("masked", a.maskedKinds().isEmpty() ? null : String.join(",", a.maskedKinds()))
        .param("created", Timestamp.from(a.createdAt()))
        .param("key", a.processDefinitionKey())
        .param("declared", a.declaredAutonomy())
        .update();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("inputDigest", a.inputDigest());
    inputs.put("confidence", a.confidence());
    inputs.put("autonomy", a.autonomy());
    inputs.put("routedToPerson", a.routedToPerson());
    inputs.put("maskedKinds", a.maskedKinds());
    ledger.record(
        Draft.of(
                new DecisionContext(
                    a.processInstanceId(), a.processDefinitionKey(), null, a.activityId()),
                a.task(),
                decidedBy(a))
            .subject(a.id())
            .inputs(inputs)
            .outcome(a.output())
            .reason(a.error()));
  }

  /** Records an action taken on a proposal without a person; false when it was decided on. */
  public boolean recordAction(String id, String action, Instant at) {
    return jdbc.sql(
                """
                UPDATE agent_action SET action = :action, acted_at = :at, acted_seq = %s
                WHERE id = :id AND decided_by IS NULL
                """
                    .formatted(nextOrder))
            .param("action", action)
            .param("at", Timestamp.from(at))
            .param("id", id)
            .update()
        == 1;
  }

  /** Records that an action taken alone was reopened or overridden (the first reversal counts). */
  public boolean recordReversal(String id, String reversal, Instant at) {
    return jdbc.sql(
                """
                UPDATE agent_action SET reversal = :reversal, reversed_at = :at
                WHERE id = :id AND action IS NOT NULL AND reversal IS NULL
                """)
            .param("reversal", reversal)
            .param("at", Timestamp.from(at))
            .param("id", id)
            .update()
        == 1;
  }

  /** Records a person's decision on a proposal; false when there is no such audit row. */
  public boolean recordDecision(
      String id, String decidedBy, String decision, Boolean agrees, Instant at) {
    Optional<AgentAction> action = find(id);
    action.ifPresent(
        a ->
            ledger.record(
                Draft.of(
                        new DecisionContext(
                            a.processInstanceId(), a.processDefinitionKey(), null, a.activityId()),
                        a.task(),
                        decidedBy == null ? DecidedBy.PLATFORM : DecidedBy.person(decidedBy))
                    .subject(a.id())
                    .outcome(decision)
                    .onProposal(a.id(), agrees)));
    return jdbc.sql(
                """
                UPDATE agent_action SET decided_by = :by, human_decision = :decision,
                  agrees = :agrees, decided_at = :at, decided_seq = %s WHERE id = :id
                """
                    .formatted(nextOrder))
            .param("by", decidedBy)
            .param("decision", decision)
            .param("agrees", agrees)
            .param("at", Timestamp.from(at))
            .param("id", id)
            .update()
        == 1;
  }

  public Optional<AgentAction> find(String id) {
    return jdbc.sql("SELECT * FROM agent_action WHERE id = :id")
        .param("id", id)
        .query(AgentAuditRepository::map)
        .optional();
  }

  public List<AgentAction> findByProcessInstance(String processInstanceId) {
    return jdbc.sql(
            "SELECT * FROM agent_action WHERE process_instance_id = :pi ORDER BY created_seq, created_at, id")
        .param("pi", processInstanceId)
        .query(AgentAuditRepository::map)
        .list();
  }

  /** The agent task of the step's latest invocation, if it ran. */
  public Optional<String> lastTaskOf(String processDefinitionKey, String activityId) {
    return jdbc.sql(
            """
            SELECT task FROM agent_action
            WHERE process_definition_key = :key AND activity_id = :activity
            ORDER BY created_seq DESC, created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY
            """)
        .param("key", processDefinitionKey)
        .param("activity", activityId)
        .query(String.class)
        .optional();
  }

  /** Whether a person agreed, for the latest {@code window} reviewed proposals of a task. */
  public List<Boolean> latestAgreements(String task, int window) {
    return jdbc.sql(
            """
            SELECT agrees FROM agent_action WHERE task = :task AND agrees IS NOT NULL
            ORDER BY decided_seq DESC, decided_at DESC, id DESC FETCH FIRST :window ROWS ONLY
            """)
        .param("task", task)
        .param("window", window)
        .query((rs, n) -> rs.getBoolean(1))
        .list();
  }

  private static AgentAction map(ResultSet rs, int row) throws SQLException {
    String masked = rs.getString("masked_kinds");
    Timestamp decidedAt = rs.getTimestamp("decided_at");
    Object agrees = rs.getObject("agrees");
    BigDecimal confidence = rs.getBigDecimal("confidence");
    return new AgentAction(
        rs.getString("id"),
        rs.getString("process_instance_id"),
        rs.getString("activity_id"),
        rs.getString("task"),
        rs.getString("provider"),
        rs.getString("model"),
        rs.getString("input_digest"),
        rs.getString("output"),
        confidence,
        rs.getString("autonomy"),
        rs.getBoolean("routed_to_person"),
        rs.getLong("latency_ms"),
        rs.getString("error"),
        masked == null ? List.of() : Arrays.asList(masked.split(",")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("decided_by"),
        rs.getString("human_decision"),
        agrees == null ? null : rs.getBoolean("agrees"),
        decidedAt == null ? null : decidedAt.toInstant(),
        rs.getString("process_definition_key"),
        rs.getString("declared_autonomy"),
        rs.getString("action"),
        instant(rs, "acted_at"),
        rs.getString("reversal"),
        instant(rs, "reversed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
