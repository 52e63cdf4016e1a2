package io.handoff.vendor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.api.list.ListDoc;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.LedgerEntry;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.vendor.ApplicationStatus;
import io.handoff.vendor.VendorApplication;
import io.handoff.vendor.VendorApplicationRequest;
import io.handoff.vendor.VendorApplicationService;
import io.handoff.vendor.store.ApprovalTasks;
import io.handoff.vendor.store.Approvals;
import io.handoff.vendor.store.DecisionAudit;
import io.handoff.vendor.store.VendorApplicationSearch;
import io.handoff.vendor.store.VendorApplications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Vendor applications: submit a vendor for onboarding and follow it. */
@RestController
@RequestMapping("/api/vendor-applications")
@Tag(name = "Vendor onboarding", description = "Submit vendors for onboarding and read status")
public class VendorApplicationController {

  private final VendorApplicationService service;
  private final VendorApplications applications;
  private final Approvals approvals;
  private final ApprovalTasks approvalTasks;
  private final DecisionAudit audit;
  private final ObjectMapper objectMapper;
  private final VendorApplicationSearch search;

  public VendorApplicationController(
      VendorApplicationService service,
      VendorApplications applications,
      Approvals approvals,
      ApprovalTasks approvalTasks,
      DecisionAudit audit,
      ObjectMapper objectMapper,
      VendorApplicationSearch search) {
    this.service = service;
    this.applications = applications;
    this.approvals = approvals;
    this.approvalTasks = approvalTasks;
    this.audit = audit;
    this.objectMapper = objectMapper;
    this.search = search;
  }

  @GetMapping
  @Operation(
      summary = "List vendor applications by status, requester and time submitted",
      description = ListDoc.PAGING + " Sort keys: createdAt (default, newest first), updatedAt.")
  @Parameter(
      name = "status",
      in = ParameterIn.QUERY,
      description = "One or more statuses, comma-separated or repeated",
      array = @ArraySchema(schema = @Schema(implementation = ApplicationStatus.class)),
      example = "SCREENING,AWAITING_APPROVAL")
  @Parameter(
      name = "requestedBy",
      in = ParameterIn.QUERY,
      description = "Who asked for the vendor, exactly as submitted",
      example = "paul")
  @Parameter(
      name = "createdFrom",
      in = ParameterIn.QUERY,
      description = "Submitted at or after: an ISO 8601 instant or a date (its start, 00:00 UTC)",
      example = "2026-03-01")
  @Parameter(
      name = "createdTo",
      in = ParameterIn.QUERY,
      description = "Submitted before (exclusive): an instant or a date (its start, 00:00 UTC)",
      example = "2026-04-01")
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = ListDoc.SORT,
      schema =
          @Schema(
              type = "string",
              example = "updatedAt,desc",
              pattern = "^(createdAt|updatedAt)(,(asc|desc))?$"))
  @Parameter(
      name = "size",
      in = ParameterIn.QUERY,
      description = ListDoc.SIZE,
      schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
  @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListDoc.CURSOR)
  @ApiResponse(responseCode = "200", description = "One page of vendor applications")
  @ApiResponse(
      responseCode = "400",
      description = "Bad parameters; every bad one is named",
      content = @Content(mediaType = "application/problem+json"))
  public Page<VendorApplicationSearch.ApplicationSummary> list(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
    return search.page(parameters);
  }

  /** Answer to a submission. */
  public record SubmittedResponse(
      String applicationId, String processInstanceId, ApplicationStatus status) {}

  @PostMapping
  @Operation(
      summary = "Submit a vendor for onboarding",
      description =
          "Validates country (ISO 3166), VAT number (format and check digits per EU country),"
              + " IBAN (iban4j) and e-mail, then starts the vendor-onboarding process. 201 with the"
              + " application; 400 problem+json naming each bad field. The same request again"
              + " (every field the same, VAT number and IBAN compared in canonical form) answers"
              + " 200 with the application it submitted, whatever its status, also when both"
              + " arrive at the same moment.")
  @ApiResponse(responseCode = "201", description = "Application stored, process started")
  @ApiResponse(responseCode = "200", description = "Repeat of an earlier identical request")
  @ApiResponse(responseCode = "400", description = "Invalid; every bad field is named")
  public ResponseEntity<SubmittedResponse> submit(
      @Valid @RequestBody VendorApplicationRequest request) {
    VendorApplicationService.Submitted submitted = service.submit(request);
    SubmittedResponse body =
        new SubmittedResponse(
            submitted.applicationId(), submitted.processInstanceId(), submitted.status());
    URI location = URI.create("/api/vendor-applications/" + submitted.applicationId());
    return submitted.created()
        ? ResponseEntity.created(location).body(body)
        : ResponseEntity.ok().location(location).body(body);
  }

  /** Sanctions screening result. */
  public record ScreeningView(
      String outcome,
      BigDecimal score,
      String matchedName,
      String entryId,
      String entryReference,
      String review) {}

  /** The application this one duplicates. */
  public record DuplicateView(String kind, String id, String matchedOn) {}

  /**
   * The contract's terms as reviewed: by the agent step when its reading stood ({@code reviewedBy}
   * = {@code agent}), else by the legal reviewer named.
   */
  public record ContractReviewView(
      String outcome,
      String paymentTerms,
      String liabilityCap,
      Boolean dataProcessingClause,
      String reviewedBy) {}

  /** One group's decision. */
  public record ApprovalView(
      String group, String userId, String outcome, String reason, Instant decidedAt) {}

  /**
   * An approval not decided yet: with its group ({@code WITH_GROUP}) or handed to its escalation
   * path ({@code ESCALATED}: to a lead or a group, at a level, because nobody in the group may
   * decide it ({@code NO_ELIGIBLE_APPROVER}) or it was not decided in time ({@code
   * NO_DECISION_IN_TIME})).
   */
  public record PendingApprovalView(
      String group,
      String state,
      String escalatedTo,
      String escalatedToGroup,
      Integer escalationLevel,
      String escalationReason,
      Instant escalatedAt) {}

  /** One entry of the audit trail: who or what decided, the outcome and its inputs. */
  public record DecisionView(
      String decision, String decidedBy, String outcome, JsonNode details, Instant decidedAt) {}

  /** Where an application stands. */
  public record ApplicationView(
      String applicationId,
      String processInstanceId,
      ApplicationStatus status,
      String legalName,
      String country,
      String vatId,
      String riskTier,
      String countryRisk,
      List<String> requiredApprovals,
      List<ApprovalView> approvals,
      List<PendingApprovalView> pendingApprovals,
      ScreeningView screening,
      DuplicateView duplicateOf,
      ContractReviewView contractReview,
      String closingReason,
      String vendorId,
      Instant createdAt,
      List<DecisionView> decisions) {}

  @GetMapping("/{applicationId}")
  @Operation(summary = "Read a vendor application's status, risk tier, approvals and screening")
  public ApplicationView get(@PathVariable String applicationId) {
    VendorApplication a =
        applications
            .find(applicationId)
            .orElseThrow(
                () -> ApiProblemException.notFound("No vendor application " + applicationId));
    List<LedgerEntry> decisions = audit.of(applicationId);
    String contractReviewedBy =
        decisions.stream()
            .filter(e -> DecisionAudit.CONTRACT_REVIEW.equals(e.decision()))
            .reduce((first, second) -> second)
            .map(LedgerEntry::decidedBy)
            .map(by -> DecidedBy.isAgent(by) ? "agent" : DecidedBy.userOf(by))
            .orElse(null);
    List<Approvals.Approval> decided = approvals.of(applicationId);
    List<PendingApprovalView> pending =
        a.status() != ApplicationStatus.AWAITING_APPROVAL
            ? List.of()
            : approvalTasks.ofApplication(applicationId).stream()
                .filter(t -> decided.stream().noneMatch(d -> d.group().equals(t.group())))
                .map(
                    t ->
                        new PendingApprovalView(
                            t.group(),
                            t.escalated() ? "ESCALATED" : "WITH_GROUP",
                            t.escalatedToUser(),
                            t.escalatedToGroup(),
                            t.escalationLevel(),
                            t.escalationReason(),
                            t.escalatedAt()))
                .toList();
    return new ApplicationView(
        a.applicationId(),
        a.processInstanceId(),
        a.status(),
        a.legalName(),
        a.country(),
        a.vatId(),
        a.riskTier(),
        a.countryRisk(),
        a.requiredApprovals(),
        decided.stream()
            .map(
                x ->
                    new ApprovalView(x.group(), x.userId(), x.outcome(), x.reason(), x.decidedAt()))
            .toList(),
        pending,
        a.screeningOutcome() == null
            ? null
            : new ScreeningView(
                a.screeningOutcome(),
                a.screeningScore(),
                a.screeningEntryName(),
                a.screeningEntryId(),
                a.screeningEntryReference(),
                a.screeningReview()),
        a.duplicateOfId() == null
            ? null
            : new DuplicateView(a.duplicateOfKind(), a.duplicateOfId(), a.duplicateMatchedOn()),
        a.contractOutcome() == null
            ? null
            : new ContractReviewView(
                a.contractOutcome(),
                a.paymentTerms(),
                a.liabilityCap(),
                a.dataProcessingClause(),
                contractReviewedBy),
        a.closingReason(),
        a.vendorId(),
        a.createdAt(),
        decisions.stream()
            .map(
                e ->
                    new DecisionView(
                        e.decision(), e.decidedBy(), e.outcome(), json(e.inputs()), e.decidedAt()))
            .toList());
  }

  private JsonNode json(String details) {
    try {
      return details == null ? null : objectMapper.readTree(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored audit details are not JSON", e);
    }
  }
}
