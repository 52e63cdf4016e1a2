package io.handoff.vendor.store;

import io.handoff.platform.api.list.KeysetQuery;
import io.handoff.platform.api.list.ListRequest;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.api.list.SortKey;
import io.handoff.vendor.ApplicationStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/** {@code GET /api/vendor-applications}: applications by status, requester and time submitted. */
@Component
public class VendorApplicationSearch {

  public static final ListSpec SPEC =
      new ListSpec(
          "/api/vendor-applications",
          Set.of("status", "requestedBy", "createdFrom", "createdTo"),
          List.of(
              new SortKey("createdAt", "created_at", SortKey.Type.TIMESTAMP),
              new SortKey("updatedAt", "updated_at", SortKey.Type.TIMESTAMP)),
          ListSpec.Direction.DESC,
          "application_id");

  /**
   * One application in a list; {@code GET /api/vendor-applications/{applicationId}} has its
   * screening, approvals and decisions. Like that view, it carries no IBAN, contact or contract.
   *
   * @param applicationId id
   * @param processInstanceId the process instance handling it
   * @param status where it stands
   * @param legalName the vendor's legal name
   * @param country ISO country
   * @param vatId VAT number as validated
   * @param category vendor category
   * @param riskTier risk tier, once decided
   * @param requestedBy who asked for the vendor
   * @param vendorId the vendor created, once approved
   * @param createdAt when it was submitted (engine clock)
   * @param updatedAt when it last changed
   */
  public record ApplicationSummary(
      String applicationId,
      String processInstanceId,
      ApplicationStatus status,
      @Schema(example = "Nordlicht Software GmbH") String legalName,
      @Schema(example = "DE") String country,
      @Schema(example = "DE136695976") String vatId,
      @Schema(example = "software") String category,
      @Schema(example = "MEDIUM") String riskTier,
      @Schema(example = "paul") String requestedBy,
      @Schema(example = "VEN-000042") String vendorId,
      Instant createdAt,
      Instant updatedAt) {}

  private final JdbcClient jdbc;

  public VendorApplicationSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Validates the parameters (one 400 naming every bad one) and builds the page's query. */
  public KeysetQuery query(MultiValueMap<String, String> parameters) {
    ListRequest request = new ListRequest(SPEC, parameters);
    Set<ApplicationStatus> status = request.enums("status", ApplicationStatus.class);
    Optional<String> requestedBy = request.text("requestedBy");
    Optional<Instant> from = request.instant("createdFrom");
    Optional<Instant> to = request.instant("createdTo");
    request.range("createdFrom", from, "createdTo", to);
    request.validate();
    return new KeysetQuery(
            request,
            "application_id, process_instance_id, status, legal_name, country, vat_id, category,"
                + " risk_tier, requested_by, vendor_id, created_at, updated_at",
            "vendor_application")
        .in("status", status)
        .equal("requested_by", requestedBy)
        .atLeast("created_at", from.map(Timestamp::from))
        .before("created_at", to.map(Timestamp::from));
  }

  public Page<ApplicationSummary> page(MultiValueMap<String, String> parameters) {
    return query(parameters)
        .page(
            jdbc,
            (rs, n) ->
                new ApplicationSummary(
                    rs.getString("application_id"),
                    rs.getString("process_instance_id"),
                    ApplicationStatus.valueOf(rs.getString("status")),
                    rs.getString("legal_name"),
                    rs.getString("country"),
                    rs.getString("vat_id"),
                    rs.getString("category"),
                    rs.getString("risk_tier"),
                    rs.getString("requested_by"),
                    rs.getString("vendor_id"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant()));
  }
}
