package io.handoff.vendor.store;

import io.handoff.platform.engine.EngineClock;
import io.handoff.vendor.ApplicationStatus;
import io.handoff.vendor.VendorApplication;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code vendor_application} table. */
@Repository
public class VendorApplications {

  private final JdbcClient jdbc;

  public VendorApplications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a validated application with status {@link ApplicationStatus#SCREENING}. */
  public void insert(
      String applicationId,
      String processInstanceId,
      String legalName,
      String country,
      String vatId,
      String iban,
      String contactEmail,
      String category,
      BigDecimal annualSpend,
      boolean dataAccess,
      String contractText,
      String requestedBy,
      String requestHash) {
    Timestamp now = EngineClock.timestamp();
    jdbc.sql(
            """
            INSERT INTO vendor_application (application_id, process_instance_id, status,
              legal_name, country, vat_id, iban, contact_email, category, annual_spend,
              data_access, contract_text, requested_by, request_hash, created_at, updated_at)
            VALUES (:id, :pi, :status, :legalName, :country, :vatId, :iban, :email, :category,
              :spend, :dataAccess, :contract, :requestedBy, :requestHash, :now, :now)
            """)
        .param("id", applicationId)
        .param("pi", processInstanceId)
        .param("status", ApplicationStatus.SCREENING.name())
        .param("legalName", legalName)
        .param("country", country)
        .param("vatId", vatId)
        .param("iban", iban)
        .param("email", contactEmail)
        .param("category", category)
        .param("spend", annualSpend)
        .param("dataAccess", dataAccess)
        .param("contract", contractText)
        .param("requestedBy", requestedBy)
        .param("requestHash", requestHash)
        .param("now", now)
        .update();
  }

  public Optional<VendorApplication> find(String applicationId) {
    return jdbc.sql("SELECT * FROM vendor_application WHERE application_id = :id")
        .param("id", applicationId)
        .query(VendorApplications::map)
        .optional();
  }

  public VendorApplication get(String applicationId) {
    return find(applicationId)
        .orElseThrow(
            () -> new IllegalStateException("vendor application " + applicationId + " not found"));
  }

  /**
   * The application a process instance onboards. The process instance id is the engine's own record
   * and cannot be changed by a task completion, unlike the {@code applicationId} variable.
   */
  public Optional<String> idOfProcess(String processInstanceId) {
    return jdbc.sql("SELECT application_id FROM vendor_application WHERE process_instance_id = :pi")
        .param("pi", processInstanceId)
        .query(String.class)
        .optional();
  }

  /** The application of a process instance; fails when the process has not registered one. */
  public VendorApplication ofProcess(String processInstanceId) {
    return idOfProcess(processInstanceId)
        .map(this::get)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no vendor application for process instance " + processInstanceId));
  }

  /** Records the forms under which the requester is known at registration. */
  public void recordRequesterIdentities(String applicationId, java.util.Collection<String> ids) {
    jdbc.sql("UPDATE vendor_application SET requester_identities = :ids WHERE application_id = :id")
        .param("ids", String.join(",", ids))
        .param("id", applicationId)
        .update();
  }

  /** The forms under which the requester was known at registration. */
  public List<String> requesterIdentities(String applicationId) {
    String ids =
        jdbc.sql("SELECT requester_identities FROM vendor_application WHERE application_id = :id")
            .param("id", applicationId)
            .query(String.class)
            .optional()
            .orElse(null);
    return ids == null || ids.isBlank() ? List.of() : Arrays.asList(ids.split(","));
  }

  public Optional<String> contractText(String applicationId) {
    return jdbc.sql("SELECT contract_text FROM vendor_application WHERE application_id = :id")
        .param("id", applicationId)
        .query(String.class)
        .optional();
  }

  /** The application a domain API request with this fingerprint submitted. */
  public Optional<VendorApplication> findByRequestHash(String requestHash) {
    return jdbc.sql("SELECT * FROM vendor_application WHERE request_hash = :hash")
        .param("hash", requestHash)
        .query(VendorApplications::map)
        .optional();
  }

  /** Another open application with the same VAT number or IBAN, oldest first. */
  public Optional<VendorApplication> findOpenWithSameIdentity(
      String applicationId, String vatId, String iban) {
    return jdbc
        .sql(
            """
            SELECT * FROM vendor_application
            WHERE application_id <> :id AND status IN (:open)
              AND (vat_id = :vatId OR iban = :iban)
            ORDER BY created_at
            """)
        .param("id", applicationId)
        .param("open", ApplicationStatus.open().stream().map(Enum::name).toList())
        .param("vatId", vatId)
        .param("iban", iban)
        .query(VendorApplications::map)
        .list()
        .stream()
        .findFirst();
  }

  public void markDuplicate(String applicationId, String kind, String id, String matchedOn) {
    jdbc.sql(
            """
            UPDATE vendor_application SET duplicate_of_kind = :kind, duplicate_of_id = :dup,
              duplicate_matched_on = :on, updated_at = :now WHERE application_id = :id
            """)
        .param("kind", kind)
        .param("dup", id)
        .param("on", matchedOn)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  /** The best match of the screening; its outcome follows from the outcome table. */
  public void recordScreening(
      String applicationId,
      BigDecimal score,
      String entryId,
      String entryName,
      String entryReference) {
    jdbc.sql(
            """
            UPDATE vendor_application SET screening_score = :score,
              screening_entry_id = :entryId, screening_entry_name = :entryName,
              screening_entry_ref = :entryRef, updated_at = :now WHERE application_id = :id
            """)
        .param("score", score.setScale(4, RoundingMode.HALF_UP))
        .param("entryId", entryId)
        .param("entryName", entryName)
        .param("entryRef", entryReference)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  /** The outcome of the screening; a possible match waits for compliance. */
  public void recordScreeningOutcome(String applicationId, String outcome) {
    jdbc.sql(
            """
            UPDATE vendor_application SET screening_outcome = :outcome, updated_at = :now
            WHERE application_id = :id
            """)
        .param("outcome", outcome)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  public void recordSanctionsReview(String applicationId, String review) {
    jdbc.sql(
            "UPDATE vendor_application SET screening_review = :review, updated_at = :now"
                + " WHERE application_id = :id")
        .param("review", review)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  public void recordCountryRisk(String applicationId, String countryRisk) {
    jdbc.sql(
            "UPDATE vendor_application SET country_risk = :countryRisk, updated_at = :now"
                + " WHERE application_id = :id")
        .param("countryRisk", countryRisk)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  public void recordRiskTier(String applicationId, String riskTier) {
    jdbc.sql(
            "UPDATE vendor_application SET risk_tier = :tier, updated_at = :now"
                + " WHERE application_id = :id")
        .param("tier", riskTier)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  /** The groups that must approve; the application now awaits their approvals. */
  public void recordRequiredApprovals(String applicationId, List<String> requiredApprovals) {
    jdbc.sql(
            """
            UPDATE vendor_application SET required_approvals = :approvals, status = :status,
              updated_at = :now WHERE application_id = :id
            """)
        .param("approvals", String.join(",", requiredApprovals))
        .param("status", ApplicationStatus.AWAITING_APPROVAL.name())
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  /** Where the application stands while it is open (what it waits for). */
  public void updateStatus(String applicationId, ApplicationStatus status) {
    jdbc.sql(
            "UPDATE vendor_application SET status = :status, updated_at = :now"
                + " WHERE application_id = :id")
        .param("status", status.name())
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  public void recordContractReview(
      String applicationId,
      String paymentTerms,
      String liabilityCap,
      Boolean dataProcessingClause,
      String outcome) {
    jdbc.sql(
            """
            UPDATE vendor_application SET payment_terms = :terms, liability_cap = :cap,
              data_processing_clause = :dpa, contract_outcome = :outcome, updated_at = :now
            WHERE application_id = :id
            """)
        .param("terms", paymentTerms)
        .param("cap", liabilityCap)
        .param("dpa", dataProcessingClause)
        .param("outcome", outcome)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  /** Ends the application with a final status and, where there is one, the reason. */
  public void close(String applicationId, ApplicationStatus status, String reason) {
    jdbc.sql(
            "UPDATE vendor_application SET status = :status, closing_reason = :reason,"
                + " updated_at = :now WHERE application_id = :id")
        .param("status", status.name())
        .param("reason", reason)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  public void approve(String applicationId, String vendorId) {
    jdbc.sql(
            "UPDATE vendor_application SET status = :status, vendor_id = :vendorId,"
                + " updated_at = :now WHERE application_id = :id")
        .param("status", ApplicationStatus.APPROVED.name())
        .param("vendorId", vendorId)
        .param("now", EngineClock.timestamp())
        .param("id", applicationId)
        .update();
  }

  private static VendorApplication map(ResultSet rs, int row) throws SQLException {
    String approvals = rs.getString("required_approvals");
    Object dpa = rs.getObject("data_processing_clause");
    return new VendorApplication(
        rs.getString("application_id"),
        rs.getString("process_instance_id"),
        ApplicationStatus.valueOf(rs.getString("status")),
        rs.getString("legal_name"),
        rs.getString("country"),
        rs.getString("vat_id"),
        rs.getString("iban"),
        rs.getString("contact_email"),
        rs.getString("category"),
        rs.getBigDecimal("annual_spend"),
        rs.getBoolean("data_access"),
        rs.getString("requested_by"),
        rs.getString("duplicate_of_kind"),
        rs.getString("duplicate_of_id"),
        rs.getString("duplicate_matched_on"),
        rs.getString("screening_outcome"),
        rs.getBigDecimal("screening_score"),
        rs.getString("screening_entry_id"),
        rs.getString("screening_entry_name"),
        rs.getString("screening_entry_ref"),
        rs.getString("screening_review"),
        rs.getString("country_risk"),
        rs.getString("risk_tier"),
        approvals == null || approvals.isBlank() ? List.of() : Arrays.asList(approvals.split(",")),
        rs.getString("payment_terms"),
        rs.getString("liability_cap"),
        dpa == null ? null : rs.getBoolean("data_processing_clause"),
        rs.getString("contract_outcome"),
        rs.getString("closing_reason"),
        rs.getString("vendor_id"),
        rs.getTimestamp("created_at").toInstant());
  }
}
