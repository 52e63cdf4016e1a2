package io.handoff.vendor;

import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.agent.AgentStepVariables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/** Variable names of the {@code vendor-onboarding} process and typed access to them. */
public final class VendorOnboardingVariables {

  public static final String PROCESS_KEY = "vendor-onboarding";

  // vendor data (start form, correction form, REST intake)
  public static final String APPLICATION_ID = "applicationId";
  public static final String REQUESTER = "requester";
  public static final String LEGAL_NAME = "legalName";
  public static final String COUNTRY = "country";
  public static final String VAT_ID = "vatId";
  public static final String IBAN = "iban";
  public static final String CONTACT_EMAIL = "contactEmail";
  public static final String CATEGORY = "category";
  public static final String ANNUAL_SPEND = "annualSpend";
  public static final String DATA_ACCESS = "dataAccess";
  public static final String CONTRACT_TEXT = "contractText";

  /**
   * Transient: the fingerprint of a domain API submission, stored on its application so that the
   * same request again is recognised; never written to the engine's tables.
   */
  public static final String REQUEST_FINGERPRINT = "requestFingerprint";

  // validation
  public static final String VENDOR_DATA_VALID = "vendorDataValid";
  public static final String VALIDATION_PROBLEMS = "validationProblems";

  // duplicate check
  public static final String DUPLICATE_OF_ID = "duplicateOfId";
  public static final String DUPLICATE_OF_KIND = "duplicateOfKind";

  // sanctions screening
  public static final String SCREENING_SCORE = "screeningScore";
  public static final String SCREENING_OUTCOME = "screeningOutcome";
  public static final String MATCHED_ENTRY_NAME = "matchedEntryName";
  public static final String MATCHED_ENTRY_REFERENCE = "matchedEntryReference";
  public static final String MATCHED_ENTRY_ALIASES = "matchedEntryAliases";
  public static final String MATCHED_ENTRY_PROGRAMME = "matchedEntryProgramme";
  public static final String SANCTIONS_REVIEW_OUTCOME = "sanctionsReviewOutcome";
  public static final String SANCTIONS_REVIEW_COMMENT = "sanctionsReviewComment";

  // risk tier
  public static final String COUNTRY_RISK = "countryRisk";
  public static final String RISK_TIER = "riskTier";
  public static final String REQUIRED_APPROVALS = "requiredApprovals";
  public static final String APPROVAL_GROUP = "approvalGroup";

  // results of the business rule tasks (camunda:resultVariable): the end listener of each task
  // keeps the result with the application and removes the variable
  public static final String SCREENING_OUTCOME_RESULT = "screeningOutcomeResult";
  public static final String COUNTRY_RISK_RESULT = "countryRiskResult";
  public static final String RISK_TIER_RESULT = "riskTierResult";
  public static final String REQUIRED_APPROVALS_RESULT = "requiredApprovalsResult";

  // contract review (the terms, whether the agent step or legal read them)
  public static final String PAYMENT_TERMS = "paymentTerms";
  public static final String LIABILITY_CAP = "liabilityCap";
  public static final String DATA_PROCESSING_CLAUSE_PRESENT = "dataProcessingClausePresent";
  public static final String CONTRACT_REVIEW_OUTCOME = "contractReviewOutcome";
  public static final String CONTRACT_REVIEW_COMMENT = "contractReviewComment";

  // the contract-review agent step: its result prefix (input resultVariable) and results
  public static final String CONTRACT_REVIEW = "contractReview";
  public static final String CONTRACT_REVIEW_PROPOSAL =
      CONTRACT_REVIEW + AgentStepVariables.PROPOSAL;
  public static final String CONTRACT_REVIEW_CONFIDENCE =
      CONTRACT_REVIEW + AgentStepVariables.CONFIDENCE;
  public static final String CONTRACT_REVIEW_RATIONALE =
      CONTRACT_REVIEW + AgentStepVariables.RATIONALE;
  public static final String CONTRACT_REVIEW_NEEDS_HUMAN =
      CONTRACT_REVIEW + AgentStepVariables.NEEDS_HUMAN;
  public static final String CONTRACT_REVIEW_AUDIT_ID =
      CONTRACT_REVIEW + AgentStepVariables.AUDIT_ID;

  /** Input of the agent step and of "Record agent's contract terms": the result prefix. */
  public static final String RESULT_VARIABLE = AgentStepVariables.RESULT_VARIABLE;

  // legal's task: the agent's reading (local to the task) and legal's verdict on it
  public static final String PROPOSED_PAYMENT_TERMS = "proposedPaymentTerms";
  public static final String PROPOSED_LIABILITY_CAP = "proposedLiabilityCap";
  public static final String PROPOSED_DATA_PROCESSING_CLAUSE = "proposedDataProcessingClause";
  public static final String PROPOSED_MISSING_CLAUSES = "proposedMissingClauses";
  public static final String CONTRACT_REVIEW_AGREED = "contractReviewAgreed";

  // approvals
  public static final String APPROVAL_DECISION = "approvalDecision";
  public static final String APPROVAL_REASON = "approvalReason";
  public static final String APPROVAL_REJECTED = "approvalRejected";
  public static final String REJECTION_REASON = "rejectionReason";

  // closing (input parameters of the close task)
  public static final String FINAL_STATUS = "finalStatus";
  public static final String CLOSING_REASON = "closingReason";

  // input parameters of the platform service tasks (set in the BPMN / element templates)
  public static final String APPROVAL_TASK = "approvalTask";

  // result
  public static final String VENDOR_ID = "vendorId";

  private VendorOnboardingVariables() {}

  /** The start variables of an application submitted through the REST API. */
  public static VariableMap forSubmission(
      String applicationId, String fingerprint, VendorApplicationRequest r) {
    return Variables.createVariables()
        .putValueTyped(REQUEST_FINGERPRINT, Variables.stringValue(fingerprint, true))
        .putValue(APPLICATION_ID, applicationId)
        .putValue(REQUESTER, r.requestedBy())
        .putValue(LEGAL_NAME, r.legalName())
        .putValue(COUNTRY, r.country())
        .putValue(VAT_ID, r.vatId())
        .putValue(IBAN, r.iban())
        .putValue(CONTACT_EMAIL, r.contactEmail())
        .putValue(CATEGORY, r.category())
        .putValue(ANNUAL_SPEND, r.annualSpend())
        .putValue(DATA_ACCESS, r.dataAccess())
        .putValue(CONTRACT_TEXT, r.contractText());
  }

  /** The vendor data as the forms and the REST intake deliver it, for validation. */
  public static VendorApplicationRequest vendorData(VariableScope scope) {
    return new VendorApplicationRequest(
        string(scope, LEGAL_NAME),
        string(scope, COUNTRY),
        string(scope, VAT_ID),
        string(scope, IBAN),
        string(scope, CONTACT_EMAIL),
        string(scope, CATEGORY),
        decimal(scope, ANNUAL_SPEND),
        bool(scope, DATA_ACCESS),
        string(scope, CONTRACT_TEXT),
        string(scope, REQUESTER));
  }

  /** The approval groups the risk-tier decision requires. */
  public static List<String> requiredApprovals(VariableScope scope) {
    Object value = scope.getVariable(REQUIRED_APPROVALS);
    List<String> groups = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      c.forEach(g -> groups.add(g.toString()));
    }
    return groups;
  }
}
