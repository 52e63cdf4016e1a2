package io.handoff.vendor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A vendor application as stored in {@code vendor_application}. */
public record VendorApplication(
    String applicationId,
    String processInstanceId,
    ApplicationStatus status,
    String legalName,
    String country,
    String vatId,
    String iban,
    String contactEmail,
    String category,
    BigDecimal annualSpend,
    boolean dataAccess,
    String requestedBy,
    String duplicateOfKind,
    String duplicateOfId,
    String duplicateMatchedOn,
    String screeningOutcome,
    BigDecimal screeningScore,
    String screeningEntryId,
    String screeningEntryName,
    String screeningEntryReference,
    String screeningReview,
    String countryRisk,
    String riskTier,
    List<String> requiredApprovals,
    String paymentTerms,
    String liabilityCap,
    Boolean dataProcessingClause,
    String contractOutcome,
    String closingReason,
    String vendorId,
    Instant createdAt) {}
