package io.handoff.incident.store;

import io.handoff.incident.IncidentSource;
import io.handoff.incident.IncidentStatus;
import io.handoff.platform.api.list.KeysetQuery;
import io.handoff.platform.api.list.ListRequest;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.api.list.SortKey;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * {@code GET /api/incidents}: incidents by status, priority, group, reporter, source and the time
 * they were reported.
 */
@Component
public class IncidentSearch {

  public static final ListSpec SPEC =
      new ListSpec(
          "/api/incidents",
          Set.of("status", "priority", "group", "reporter", "source", "createdFrom", "createdTo"),
          List.of(
              new SortKey("createdAt", "created_at", SortKey.Type.TIMESTAMP),
              new SortKey("updatedAt", "updated_at", SortKey.Type.TIMESTAMP)),
          ListSpec.Direction.DESC,
          "id");

  /**
   * Priorities are the priority table's outputs (P1 the most urgent); the list takes their form,
   * not a fixed set, so that a new row in the table needs no change here.
   */
  private static final Pattern PRIORITY = Pattern.compile("P[0-9]{1,2}");

  /**
   * One incident in a list; {@code GET /api/incidents/{id}} has its resolution and escalation
   * history.
   *
   * @param incidentId id
   * @param title title
   * @param status where it stands
   * @param priority priority (P1 the most urgent), once assessed
   * @param category category, once classified
   * @param assignedGroup the support group working it
   * @param escalationLevel its escalation level
   * @param reporter who reported it
   * @param service the affected service
   * @param source how it was reported
   * @param slaDue when the current SLA window ends
   * @param createdAt when it was reported (engine clock)
   * @param updatedAt when it last changed
   */
  public record IncidentSummary(
      String incidentId,
      @Schema(example = "VPN drops every 10 minutes") String title,
      IncidentStatus status,
      @Schema(example = "P2") String priority,
      @Schema(example = "network") String category,
      @Schema(example = "network-support") String assignedGroup,
      Integer escalationLevel,
      @Schema(example = "erin") String reporter,
      @Schema(example = "vpn") String service,
      IncidentSource source,
      Instant slaDue,
      Instant createdAt,
      Instant updatedAt) {}

  private final JdbcClient jdbc;

  public IncidentSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Validates the parameters (one 400 naming every bad one) and builds the page's query. */
  public KeysetQuery query(MultiValueMap<String, String> parameters) {
    ListRequest request = new ListRequest(SPEC, parameters);
    Set<IncidentStatus> status = request.enums("status", IncidentStatus.class);
    Set<String> priority = request.texts("priority", PRIORITY, "P followed by 1-2 digits, e.g. P1");
    Optional<String> group = request.text("group");
    Optional<String> reporter = request.text("reporter");
    Set<IncidentSource> source = request.enums("source", IncidentSource.class);
    Optional<Instant> from = request.instant("createdFrom");
    Optional<Instant> to = request.instant("createdTo");
    request.range("createdFrom", from, "createdTo", to);
    request.validate();
    return new KeysetQuery(
            request,
            "id, title, status, priority, category, assigned_group, escalation_level, reporter,"
                + " service, source, sla_due, created_at, updated_at",
            "incident")
        .in("status", status)
        .in("priority", priority)
        .equal("assigned_group", group)
        .equal("reporter", reporter)
        .in("source", source)
        .atLeast("created_at", from.map(Timestamp::from))
        .before("created_at", to.map(Timestamp::from));
  }

  public Page<IncidentSummary> page(MultiValueMap<String, String> parameters) {
    return query(parameters)
        .page(
            jdbc,
            (rs, n) ->
                new IncidentSummary(
                    rs.getString("id"),
                    rs.getString("title"),
                    IncidentStatus.valueOf(rs.getString("status")),
                    rs.getString("priority"),
                    rs.getString("category"),
                    rs.getString("assigned_group"),
                    (Integer) rs.getObject("escalation_level", Integer.class),
                    rs.getString("reporter"),
                    rs.getString("service"),
                    IncidentSource.valueOf(rs.getString("source")),
                    instant(rs, "sla_due"),
                    instant(rs, "created_at"),
                    instant(rs, "updated_at")));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
