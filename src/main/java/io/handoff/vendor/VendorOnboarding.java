package io.handoff.vendor;

import io.handoff.platform.notification.EventType;
import io.handoff.platform.notification.IntegrationEvents;
import io.handoff.vendor.screening.SanctionsEntry;
import io.handoff.vendor.screening.SanctionsScreener;
import io.handoff.vendor.store.Approvals;
import io.handoff.vendor.store.DecisionAudit;
import io.handoff.vendor.store.VendorApplications;
import io.handoff.vendor.validation.Ibans;
import io.handoff.vendor.validation.VatNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The steps of vendor onboarding as plain Java: register, find duplicates, screen, assess risk,
 * record the people's decisions, create the vendor. The process's delegates call these; every
 * decision is written to the audit trail.
 */
@Service
public class VendorOnboarding {

  private static final Logger log = LoggerFactory.getLogger(VendorOnboarding.class);

  private final VendorApplications applications;
  private final VendorMaster vendorMaster;
  private final DecisionAudit audit;
  private final Approvals approvals;
  private final SanctionsScreener screener;
  private final VendorNotifications notifications;
  private final SegregationOfDuties segregationOfDuties;
  private final IntegrationEvents events;

  public VendorOnboarding(
      VendorApplications applications,
      VendorMaster vendorMaster,
      DecisionAudit audit,
      Approvals approvals,
      SanctionsScreener screener,
      VendorNotifications notifications,
      SegregationOfDuties segregationOfDuties,
      IntegrationEvents events) {
    this.applications = applications;
    this.vendorMaster = vendorMaster;
    this.audit = audit;
    this.approvals = approvals;
    this.screener = screener;
    this.notifications = notifications;
    this.segregationOfDuties = segregationOfDuties;
    this.events = events;
  }

  /**
   * Stores validated vendor data as a new application (VAT number and IBAN in canonical form).
   *
   * @param requestedBy who requested it, as the process establishes it (the engine's start user, or
   *     the requester the domain API was given)
   * @param requestHash the fingerprint of the domain API request, null for other starts; unique, so
   *     that the same request at the same moment waits for this one and is then refused
   */
  public void register(
      String applicationId,
      String processInstanceId,
      VendorApplicationRequest d,
      String requestedBy,
      String requestHash) {
    applications.insert(
        applicationId,
        processInstanceId,
        d.legalName().trim(),
        d.country(),
        VatNumbers.normalize(d.country(), d.vatId()),
        Ibans.normalize(d.iban()),
        d.contactEmail().trim(),
        d.category(),
        d.annualSpend(),
        d.dataAccess(),
        d.contractText(),
        requestedBy,
        requestHash);
    applications.recordRequesterIdentities(
        applicationId, segregationOfDuties.identitiesOf(requestedBy));
    log.info(
        "Vendor application {} registered for '{}' requested by {} in process instance {}",
        applicationId,
        d.legalName(),
        requestedBy,
        processInstanceId);
  }

  /**
   * A duplicate: an existing vendor or another open application with the same VAT number or IBAN.
   *
   * @param kind {@code VENDOR} or {@code APPLICATION}
   * @param id the vendor id or application id
   * @param matchedOn {@code VAT_ID} or {@code IBAN}
   */
  public record Duplicate(String kind, String id, String matchedOn) {}

  /** Looks for a duplicate and, when there is one, records it on the application. */
  public Optional<Duplicate> findDuplicate(String applicationId) {
    VendorApplication a = applications.get(applicationId);
    Optional<Duplicate> duplicate =
        vendorMaster
            .findByVatIdOrIban(a.vatId(), a.iban())
            .map(
                v ->
                    new Duplicate(
                        "VENDOR", v.vendorId(), a.vatId().equals(v.vatId()) ? "VAT_ID" : "IBAN"))
            .or(
                () ->
                    applications
                        .findOpenWithSameIdentity(applicationId, a.vatId(), a.iban())
                        .map(
                            o ->
                                new Duplicate(
                                    "APPLICATION",
                                    o.applicationId(),
                                    a.vatId().equals(o.vatId()) ? "VAT_ID" : "IBAN")));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("vatId", a.vatId());
    details.put("iban", a.iban());
    duplicate.ifPresent(
        d -> {
          details.put("duplicateOfKind", d.kind());
          details.put("duplicateOfId", d.id());
          details.put("matchedOn", d.matchedOn());
          applications.markDuplicate(applicationId, d.kind(), d.id(), d.matchedOn());
        });
    audit.record(
        applicationId,
        "DUPLICATE_CHECK",
        DecisionAudit.PLATFORM,
        duplicate.isPresent() ? "DUPLICATE" : "UNIQUE",
        details);
    return duplicate;
  }

  /**
   * The result of screening, before the outcome table classifies it.
   *
   * @param score best similarity
   * @param entry the best-matching entry (may be null for an empty list)
   * @param matchedName the entry's name or alias that matched
   */
  public record Screening(BigDecimal score, SanctionsEntry entry, String matchedName) {}

  /**
   * Screens the legal name against the sanctions list and keeps the best match with the
   * application; the business rule task after the screening classifies its score.
   */
  public Screening screen(String applicationId) {
    VendorApplication a = applications.get(applicationId);
    SanctionsScreener.Match match = screener.screen(a.legalName());
    SanctionsEntry entry = match.entry();
    applications.recordScreening(
        applicationId,
        match.score(),
        entry == null ? null : entry.id(),
        match.matchedName(),
        entry == null ? null : entry.reference());
    log.info(
        "Application {} screened: score {}, best match '{}'",
        applicationId,
        match.score(),
        match.matchedName());
    return new Screening(match.score(), entry, match.matchedName());
  }

  /**
   * The outcome the sanctions table gave the screening score ({@code HIT}, {@code POSSIBLE_MATCH}
   * or {@code CLEAR}): kept with the application and written to the audit trail with the match.
   */
  public void recordScreeningOutcome(String applicationId, String decision, String outcome) {
    VendorApplication a = applications.get(applicationId);
    applications.recordScreeningOutcome(applicationId, outcome);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("legalName", a.legalName());
    details.put("score", a.screeningScore());
    details.put("decision", decision);
    SanctionsEntry entry =
        a.screeningEntryId() == null ? null : screener.entry(a.screeningEntryId()).orElse(null);
    if (a.screeningEntryId() != null) {
      details.put("matchedName", a.screeningEntryName());
      details.put("entryId", a.screeningEntryId());
      details.put("entryReference", a.screeningEntryReference());
      if (entry != null) {
        details.put("entryNames", entry.names());
        details.put("programme", entry.programme());
      }
    }
    audit.record(applicationId, "SANCTIONS_SCREENING", DecisionAudit.PLATFORM, outcome, details);
    log.info("Application {}: screening outcome {}", applicationId, outcome);
  }

  /** A possible sanctions match of the instance's application is with compliance. */
  public void awaitSanctionsReview(String processInstanceId) {
    applications
        .idOfProcess(processInstanceId)
        .ifPresent(
            id -> applications.updateStatus(id, ApplicationStatus.AWAITING_SANCTIONS_REVIEW));
  }

  /** The contract of the instance's application is with legal. */
  public void awaitContractReview(String processInstanceId) {
    applications
        .idOfProcess(processInstanceId)
        .ifPresent(id -> applications.updateStatus(id, ApplicationStatus.AWAITING_CONTRACT_REVIEW));
  }

  /** The contract is accepted; the approvals the risk tier requires are under way. */
  public void awaitApprovals(String applicationId) {
    applications.updateStatus(applicationId, ApplicationStatus.AWAITING_APPROVAL);
  }

  /**
   * Compliance's decision on a possible sanctions match; a cleared match goes on with the screening
   * (a confirmed one is closed next).
   */
  public void recordSanctionsReview(
      String applicationId, String userId, String outcome, String comment) {
    applications.recordSanctionsReview(applicationId, outcome);
    if ("CLEARED".equals(outcome)) {
      applications.updateStatus(applicationId, ApplicationStatus.SCREENING);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("comment", comment);
    audit.record(applicationId, "SANCTIONS_REVIEW", userId, outcome, details);
  }

  /** The country risk the country table gave the application's country. */
  public void recordCountryRisk(String applicationId, String countryRisk) {
    applications.recordCountryRisk(applicationId, countryRisk);
  }

  /** The risk tier the risk tier table gave the application. */
  public void recordRiskTier(String applicationId, String riskTier) {
    applications.recordRiskTier(applicationId, riskTier);
  }

  /**
   * The groups whose approval the required-approvals table names, each once in the table's order;
   * the application now awaits its approvals. A table that names no group is a technical failure.
   */
  public List<String> recordRequiredApprovals(String applicationId, List<?> collected) {
    List<String> groups = new ArrayList<>();
    for (Object group : collected) {
      if (group != null && !group.toString().isBlank() && !groups.contains(group.toString())) {
        groups.add(group.toString());
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalStateException(
          "The required-approvals table named no approval group for application " + applicationId);
    }
    applications.recordRequiredApprovals(applicationId, groups);
    VendorApplication a = applications.get(applicationId);
    log.info(
        "Application {} assessed as {} risk, approvals by {}", applicationId, a.riskTier(), groups);
    return groups;
  }

  /**
   * The review of the supplier contract: its terms and outcome on the application, and an audit
   * entry.
   *
   * @param decidedBy the legal reviewer, or the agent ({@code agent:<task>/<provider>/<model>})
   *     when the agent step's reading stood
   * @param context further audit details (comment, the agent's confidence, its audit id, …)
   */
  public void recordContractReview(
      String applicationId,
      String decidedBy,
      String paymentTerms,
      String liabilityCap,
      Boolean dataProcessingClause,
      String outcome,
      Map<String, ?> context) {
    applications.recordContractReview(
        applicationId, paymentTerms, liabilityCap, dataProcessingClause, outcome);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("paymentTerms", paymentTerms);
    details.put("liabilityCap", liabilityCap);
    details.put("dataProcessingClausePresent", dataProcessingClause);
    details.putAll(context);
    audit.record(applicationId, DecisionAudit.CONTRACT_REVIEW, decidedBy, outcome, details);
    log.info(
        "Application {}: contract review {} by {} (payment {}, liability cap {}, data processing {})",
        applicationId,
        outcome,
        decidedBy,
        paymentTerms,
        liabilityCap,
        dataProcessingClause);
  }

  /**
   * The id of the application a process instance onboards (looked up, not read from a variable).
   */
  public String applicationIdOf(String processInstanceId) {
    return applications
        .idOfProcess(processInstanceId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no vendor application for process instance " + processInstanceId));
  }

  /**
   * One group's approval decision, by a person segregation of duties allows (checked by the
   * caller). The database keeps one decision per person and application: when a second decision by
   * the same person arrives at the same moment, the row is refused and so is the decision.
   */
  public void recordApproval(
      VendorApplication a,
      String taskId,
      String group,
      String userId,
      String outcome,
      String reason) {
    try {
      approvals.record(a.applicationId(), group, userId, outcome, reason);
    } catch (DuplicateKeyException e) {
      throw segregationOfDuties.refuse(
          a,
          taskId,
          group,
          userId,
          "complete",
          SegregationOfDuties.alreadyDecided(a, userId, null, group));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("group", group);
    details.put("reason", reason);
    details.put("taskId", taskId);
    audit.record(a.applicationId(), "APPROVAL", userId, outcome, details);
  }

  /** Ends an application without a vendor (duplicate, sanctions, rejection). */
  public void close(String applicationId, ApplicationStatus status, String reason) {
    if (status.isOpen() || status == ApplicationStatus.APPROVED) {
      throw new IllegalArgumentException(status + " is not a closing status");
    }
    applications.close(applicationId, status, reason);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    audit.record(applicationId, "CLOSED", DecisionAudit.PLATFORM, status.name(), details);
    log.info("Application {} closed as {}: {}", applicationId, status, reason);
  }

  /** Tells compliance about a sanctions hit. */
  public void notifySanctionsHit(String applicationId) {
    notifications.sanctionsHit(applications.get(applicationId));
  }

  /**
   * What creating the vendor came to.
   *
   * @param vendorId the new vendor, or null when one existed already
   * @param existing the vendor with the same VAT number or IBAN, created while the application was
   *     open (by another application approved meanwhile, or at the same moment)
   */
  public record Creation(String vendorId, Duplicate existing) {}

  /**
   * Creates the vendor in the vendor master and marks the application approved. Only an application
   * every required group approved in {@code vendor_approval} (and none rejected) becomes a vendor,
   * however the process reached this step. When the master holds a vendor with the same VAT number
   * or IBAN by now, no second one is created: the application is marked a duplicate of it, and the
   * caller closes it.
   */
  public Creation createVendor(String applicationId) {
    VendorApplication a = applications.get(applicationId);
    List<Approvals.Approval> decided = approvals.of(applicationId);
    List<String> missing =
        a.requiredApprovals().stream()
            .filter(
                g ->
                    decided.stream()
                        .noneMatch(x -> g.equals(x.group()) && "APPROVED".equals(x.outcome())))
            .toList();
    if (a.requiredApprovals().isEmpty()
        || !missing.isEmpty()
        || decided.stream().anyMatch(x -> "REJECTED".equals(x.outcome()))) {
      throw new IllegalStateException(
          "Vendor application "
              + applicationId
              + " is not approved (missing approvals: "
              + missing
              + "); no vendor created");
    }
    String vendorId;
    try {
      vendorId =
          vendorMaster.create(
              new VendorMaster.NewVendor(
                  a.legalName(),
                  a.country(),
                  a.vatId(),
                  a.iban(),
                  a.contactEmail(),
                  a.category(),
                  a.riskTier(),
                  applicationId));
    } catch (VendorMaster.VendorExistsException e) {
      VendorMaster.Vendor v = e.existing();
      Duplicate duplicate =
          new Duplicate("VENDOR", v.vendorId(), a.vatId().equals(v.vatId()) ? "VAT_ID" : "IBAN");
      applications.markDuplicate(
          applicationId, duplicate.kind(), duplicate.id(), duplicate.matchedOn());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("vatId", a.vatId());
      details.put("iban", a.iban());
      details.put("duplicateOfKind", duplicate.kind());
      details.put("duplicateOfId", duplicate.id());
      details.put("matchedOn", duplicate.matchedOn());
      details.put("checkedAt", "VENDOR_CREATION");
      audit.record(applicationId, "DUPLICATE_CHECK", DecisionAudit.PLATFORM, "DUPLICATE", details);
      log.info(
          "Application {} approved, but vendor {} with the same {} exists by now; none created",
          applicationId,
          v.vendorId(),
          duplicate.matchedOn());
      return new Creation(null, duplicate);
    }
    applications.approve(applicationId, vendorId);
    audit.record(
        applicationId,
        "VENDOR_CREATED",
        DecisionAudit.PLATFORM,
        vendorId,
        Map.of("vendorId", vendorId));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("vendorId", vendorId);
    event.put("applicationId", applicationId);
    event.put("legalName", a.legalName());
    event.put("country", a.country());
    event.put("vatId", a.vatId());
    event.put("iban", a.iban());
    event.put("contactEmail", a.contactEmail());
    event.put("category", a.category());
    event.put("riskTier", a.riskTier());
    events.publish(EventType.VENDOR_CREATED, applicationId, event, a.processInstanceId());
    log.info("Application {} approved; vendor {} created", applicationId, vendorId);
    return new Creation(vendorId, null);
  }

  /** Tells requester and vendor contact that the vendor exists. */
  public void notifyApproved(String applicationId) {
    VendorApplication a = applications.get(applicationId);
    notifications.vendorApproved(a, a.vendorId());
  }
}
