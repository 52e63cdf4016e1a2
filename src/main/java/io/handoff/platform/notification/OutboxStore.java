package io.handoff.platform.notification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_outbox} table. Writing joins the caller's transaction (the step's);
 * claiming and marking run in the delivery's own short transactions.
 */
@Repository
public class OutboxStore {

  private static final String COLUMNS =
      "id, notification_key, kind, sender, recipient, subject, body, process_instance_id, status,"
          + " attempts, next_attempt_at, lease_owner, lease_until, last_error, created_at,"
          + " delivered_at, event_id, page_event";

  private final JdbcClient jdbc;
  private final boolean postgres;

  public OutboxStore(JdbcClient jdbc, DataSource dataSource) throws SQLException {
    this.jdbc = jdbc;
    try (Connection c = dataSource.getConnection()) {
      this.postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }
  }

  /** A notification to write. */
  record NewRow(
      String key,
      NotificationKind kind,
      String sender,
      String recipient,
      String subject,
      String body,
      String processInstanceId,
      String eventId,
      String pageEvent) {

    NewRow(
        String key,
        NotificationKind kind,
        String sender,
        String recipient,
        String subject,
        String body,
        String processInstanceId,
        String eventId) {
      this(key, kind, sender, recipient, subject, body, processInstanceId, eventId, null);
    }

    NewRow(
        String key,
        NotificationKind kind,
        String sender,
        String recipient,
        String subject,
        String body,
        String processInstanceId) {
      this(key, kind, sender, recipient, subject, body, processInstanceId, null, null);
    }
  }

  /**
   * Writes the row unless one with its key exists; returns whether it wrote one. On PostgreSQL a
   * failed insert would abort the caller's transaction, so the key is checked by the database
   * ({@code ON CONFLICT DO NOTHING}); H2 keeps the transaction usable after a unique violation.
   */
  boolean insertIfAbsent(NewRow row, Instant now) {
    String insert =
        "INSERT INTO notification_outbox (notification_key, kind, sender, recipient, subject, body,"
            + " process_instance_id, status, attempts, next_attempt_at, created_at, event_id,"
            + " page_event) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)";
    JdbcClient.StatementSpec spec =
        jdbc.sql(postgres ? insert + " ON CONFLICT (notification_key) DO NOTHING" : insert)
            .params(
                row.key(),
                row.kind().name(),
                row.sender(),
                row.recipient(),
                row.subject(),
                row.body(),
                row.processInstanceId(),
                ts(now),
                ts(now),
                row.eventId(),
                row.pageEvent());
    if (postgres) {
      return spec.update() == 1;
    }
    try {
      return spec.update() == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * A page waits while an earlier page of the same alert (dedup key) is still pending, so the
   * paging service gets trigger, acknowledge and resolve in that order even when the trigger is
   * retried.
   */
  private static final String NOT_BEHIND_AN_EARLIER_PAGE =
      " AND NOT (o.kind = 'PAGE' AND o.event_id IS NOT NULL AND EXISTS (SELECT 1 FROM"
          + " notification_outbox e WHERE e.process_instance_id = o.process_instance_id"
          + " AND e.kind = 'PAGE' AND e.event_id = o.event_id AND e.id < o.id"
          + " AND e.status = 'PENDING'))";

  /**
   * Claims the oldest due row for {@code owner} until {@code leaseUntil} and counts the attempt.
   * The conditional update decides between nodes racing for the same row (one of them updates it);
   * on PostgreSQL {@code FOR UPDATE SKIP LOCKED} lets each node pass over rows another node is
   * claiming at that moment instead of waiting for it. Call inside a transaction.
   */
  Optional<OutboxEntry> claimNext(String owner, Instant now, Instant leaseUntil) {
    String due =
        "SELECT o.id FROM notification_outbox o WHERE o.status = 'PENDING'"
            + " AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?)"
            + NOT_BEHIND_AN_EARLIER_PAGE
            + " ORDER BY o.next_attempt_at, o.id";
    List<Long> candidates =
        jdbc.sql(
                postgres
                    ? due + " LIMIT 8 FOR UPDATE SKIP LOCKED"
                    : due + " FETCH FIRST 8 ROWS ONLY")
            .params(ts(now), ts(now))
            .query(Long.class)
            .list();
    for (long id : candidates) {
      int claimed =
          jdbc.sql(
                  "UPDATE notification_outbox SET lease_owner = ?, lease_until = ?,"
                      + " attempts = attempts + 1 WHERE id = ? AND status = 'PENDING'"
                      + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)")
              .params(owner, ts(leaseUntil), id, ts(now), ts(now))
              .update();
      if (claimed == 1) {
        return find(id);
      }
    }
    return Optional.empty();
  }

  /** Marks a delivered (or logged) row; false when it was no longer pending. */
  boolean markDone(long id, NotificationStatus status, Instant now) {
    return jdbc.sql(
                "UPDATE notification_outbox SET status = ?, delivered_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND status = 'PENDING'")
            .params(status.name(), ts(now), id)
            .update()
        == 1;
  }

  /**
   * Records a failed attempt of the owner: due again at {@code retryAt}, or {@code FAILED} when
   * that is null.
   */
  void markAttemptFailed(long id, String owner, String error, Instant retryAt) {
    jdbc.sql(
            "UPDATE notification_outbox SET status = ?, next_attempt_at = COALESCE(?,"
                + " next_attempt_at), last_error = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ? AND status = 'PENDING' AND lease_owner = ?")
        .params(
            retryAt == null ? NotificationStatus.FAILED.name() : NotificationStatus.PENDING.name(),
            retryAt == null ? null : ts(retryAt),
            error,
            id,
            owner)
        .update();
  }

  Optional<OutboxEntry> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE id = ?")
        .param(id)
        .query(OutboxStore::entry)
        .optional();
  }

  public Optional<OutboxEntry> findByKey(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification_outbox WHERE notification_key = ?")
        .param(key)
        .query(OutboxStore::entry)
        .optional();
  }

  /** Rows written by the steps of one process instance, oldest first. */
  public List<OutboxEntry> ofProcessInstance(String processInstanceId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM notification_outbox WHERE process_instance_id = ? ORDER BY id")
        .param(processInstanceId)
        .query(OutboxStore::entry)
        .list();
  }

  /** The paging events (trigger, acknowledge, resolve) one process instance wrote, oldest first. */
  public List<PageEvent> pageEvents(String processInstanceId) {
    return jdbc.sql(
            "SELECT event_id, page_event FROM notification_outbox WHERE process_instance_id = ?"
                + " AND kind = ? AND event_id IS NOT NULL AND page_event IS NOT NULL ORDER BY id")
        .params(processInstanceId, NotificationKind.PAGE.name())
        .query((rs, i) -> PageEvent.fromColumn(rs.getString(2), rs.getString(1)))
        .list();
  }

  /**
   * The newest rows, optionally of one kind, status or process instance, and with a row id below
   * {@code beforeId} (the paging cursor).
   */
  public List<OutboxEntry> newest(
      NotificationKind kind,
      NotificationStatus status,
      String processInstanceId,
      Long beforeId,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification_outbox");
    List<Object> params = new ArrayList<>();
    String glue = " WHERE ";
    if (kind != null) {
      sql.append(glue).append("kind = ?");
      params.add(kind.name());
      glue = " AND ";
    }
    if (status != null) {
      sql.append(glue).append("status = ?");
      params.add(status.name());
      glue = " AND ";
    }
    if (processInstanceId != null) {
      sql.append(glue).append("process_instance_id = ?");
      params.add(processInstanceId);
      glue = " AND ";
    }
    if (beforeId != null) {
      sql.append(glue).append("id < ?");
      params.add(beforeId);
    }
    sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.sql(sql.toString()).params(params).query(OutboxStore::entry).list();
  }

  /**
   * Event deliveries ({@link NotificationKind#EVENT} rows), newest first, filtered by each non-null
   * argument: event type, status, subscriber, created at or after {@code since}, row id below
   * {@code beforeId} (the paging cursor).
   */
  public List<OutboxEntry> eventDeliveries(
      EventType type,
      NotificationStatus status,
      String subscriber,
      Instant since,
      Long beforeId,
      int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM notification_outbox WHERE kind = ?");
    List<Object> params = new ArrayList<>();
    params.add(NotificationKind.EVENT.name());
    if (type != null) {
      sql.append(" AND subject = ?");
      params.add(type.wireName());
    }
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status.name());
    }
    if (subscriber != null) {
      sql.append(" AND recipient = ?");
      params.add(subscriber);
    }
    if (since != null) {
      sql.append(" AND created_at >= ?");
      params.add(ts(since));
    }
    if (beforeId != null) {
      sql.append(" AND id < ?");
      params.add(beforeId);
    }
    sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.sql(sql.toString()).params(params).query(OutboxStore::entry).list();
  }

  private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
    return new OutboxEntry(
        rs.getLong("id"),
        rs.getString("notification_key"),
        NotificationKind.valueOf(rs.getString("kind")),
        rs.getString("sender"),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("process_instance_id"),
        NotificationStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        rs.getString("lease_owner"),
        instant(rs.getTimestamp("lease_until")),
        rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("delivered_at")),
        rs.getString("event_id"),
        rs.getString("page_event"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
