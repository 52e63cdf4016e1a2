package io.handoff.vendor;

import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_DECISION;
import static io.handoff.vendor.VendorOnboardingVariables.APPROVAL_REASON;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_AGREED;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_COMMENT;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_CONFIDENCE;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_NEEDS_HUMAN;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_OUTCOME;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_PROPOSAL;
import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_RATIONALE;
import static io.handoff.vendor.VendorOnboardingVariables.DATA_PROCESSING_CLAUSE_PRESENT;
import static io.handoff.vendor.VendorOnboardingVariables.LIABILITY_CAP;
import static io.handoff.vendor.VendorOnboardingVariables.PAYMENT_TERMS;
import static io.handoff.vendor.VendorOnboardingVariables.PROPOSED_DATA_PROCESSING_CLAUSE;
import static io.handoff.vendor.VendorOnboardingVariables.PROPOSED_LIABILITY_CAP;
import static io.handoff.vendor.VendorOnboardingVariables.PROPOSED_MISSING_CLAUSES;
import static io.handoff.vendor.VendorOnboardingVariables.PROPOSED_PAYMENT_TERMS;
import static io.handoff.vendor.VendorOnboardingVariables.SANCTIONS_REVIEW_COMMENT;
import static io.handoff.vendor.VendorOnboardingVariables.SANCTIONS_REVIEW_OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.LedgerEntry;
import io.handoff.platform.notification.MailCatcher;
import io.handoff.platform.notification.NotificationDelivery;
import io.handoff.platform.notification.OutboxStore;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.SentNotifications;
import io.handoff.vendor.store.Approvals;
import io.handoff.vendor.store.DecisionAudit;
import io.handoff.vendor.store.VendorApplications;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The vendor-onboarding process on the real engine and database; its e-mails go through the
 * notification outbox to a real SMTP server (the mail catcher on a free loopback port).
 */
@HandoffSpringTest
class VendorOnboardingProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired FormService formService;
  @Autowired RepositoryService repositoryService;
  @Autowired VendorApplicationService service;
  @Autowired VendorApplications applications;
  @Autowired Approvals approvals;
  @Autowired DecisionAudit audit;
  @Autowired VendorMaster vendorMaster;
  @Autowired AgentAuditRepository agentAudit;
  @Autowired NotificationDelivery delivery;
  @Autowired OutboxStore outbox;
  @Autowired MailCatcher catcher;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  // --- driving the process -------------------------------------------------------------------

  private ProcessInstance instance(VendorApplicationService.Submitted s) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceId(s.processInstanceId())
        .singleResult();
  }

  private Task task(String processInstanceId, String taskKey) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey)
        .singleResult();
  }

  private List<Task> tasks(String processInstanceId, String taskKey) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey)
        .list();
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId)
            .toList();
    identityService.setAuthentication(userId, groups);
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static String groupOf(TaskService taskService, Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(g -> g != null)
        .findFirst()
        .orElseThrow();
  }

  private static final Map<String, String> APPROVER =
      Map.of(
          "procurement",
          DemoUsers.PAUL,
          "finance-directors",
          DemoUsers.FIONA,
          "compliance",
          "clara",
          "security-ops",
          "sofia");

  private void approveAll(String processInstanceId) {
    for (Task t : tasks(processInstanceId, "ApproveVendorTask")) {
      String group = groupOf(taskService, t);
      completeAs(
          APPROVER.get(group),
          t,
          Variables.createVariables()
              .putValue(APPROVAL_DECISION, "APPROVED")
              .putValue(APPROVAL_REASON, "fits our needs"));
    }
  }

  private void executeJobs(String processInstanceId) {
    List<Job> jobs =
        managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
    for (Job job : jobs) {
      managementService.executeJob(job.getId());
    }
  }

  private List<String> approvalGroupsOpen(String processInstanceId) {
    return tasks(processInstanceId, "ApproveVendorTask").stream()
        .map(t -> groupOf(taskService, t))
        .sorted()
        .toList();
  }

  /** The e-mails the instance's steps sent to the address, as the SMTP server received them. */
  private List<MailCatcher.CaughtMail> mailsTo(String processInstanceId, String address) {
    SentNotifications sent = new SentNotifications(delivery, outbox, catcher);
    sent.deliver();
    return sent.mailsTo(processInstanceId, address);
  }

  // --- risk tiers ----------------------------------------------------------------------------

  @Test
  void lowRiskVendorIsApprovedByProcurementAloneCreatedAndBothSidesAreMailed() throws Exception {
    var submitted = service.submit(VendorRequests.lowRisk(DemoUsers.ERIN));
    assertThat(submitted.status()).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    ProcessInstance pi = instance(submitted);
    assertThat(pi).isWaitingAt("ApproveVendorTask");
    assertThat(approvalGroupsOpen(pi.getId())).containsExactly("procurement");
    approveAll(pi.getId());

    VendorApplication approved = applications.get(submitted.applicationId());
    assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
    assertThat(approved.riskTier()).isEqualTo("LOW");
    assertThat(approved.vendorId()).matches("VEN-\\d{6,}");
    assertThat(vendorMaster.find(approved.vendorId()))
        .hasValueSatisfying(
            v -> {
              assertThat(v.vatId()).isEqualTo(approved.vatId());
              assertThat(v.applicationId()).isEqualTo(submitted.applicationId());
            });
    assertThat(approvals.of(submitted.applicationId()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.group()).isEqualTo("procurement");
              assertThat(a.userId()).isEqualTo(DemoUsers.PAUL);
              assertThat(a.outcome()).isEqualTo("APPROVED");
            });

    assertThat(pi).isWaitingAt("NotifyVendorApprovedTask");
    executeJobs(pi.getId());
    assertThat(pi).isEnded().hasPassed("VendorOnboardedEndEvent");
    List<MailCatcher.CaughtMail> toVendor = mailsTo(pi.getId(), "contact@vendor.example");
    assertThat(toVendor).hasSize(1);
    assertThat(toVendor.get(0).text()).contains(approved.vendorId());
    assertThat(toVendor.get(0).from()).isEqualTo("onboarding@handoff.example");
    List<MailCatcher.CaughtMail> toRequester = mailsTo(pi.getId(), "erin@handoff.example");
    assertThat(toRequester).hasSize(1);
    assertThat(toRequester.get(0).subject()).contains(approved.vendorId());
  }

  @Test
  void mediumRiskVendorNeedsProcurementAndFinanceDirectors() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Hafenlogistik Weser GmbH", "LOGISTICS", new BigDecimal("120000"), false, "erin"));
    String pi = submitted.processInstanceId();
    assertThat(approvalGroupsOpen(pi)).containsExactly("finance-directors", "procurement");
    assertThat(applications.get(submitted.applicationId()).riskTier()).isEqualTo("MEDIUM");
    approveAll(pi);
    assertThat(applications.get(submitted.applicationId()).status())
        .isEqualTo(ApplicationStatus.APPROVED);
  }

  @Test
  void highRiskVendorWithDataAccessNeedsComplianceAndSecurityToo() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Wolkenwerk Cloud Services GmbH", "CLOUD", new BigDecimal("30000"), true, "erin"));
    String pi = submitted.processInstanceId();
    assertThat(approvalGroupsOpen(pi))
        .containsExactly("compliance", "finance-directors", "procurement", "security-ops");
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.riskTier()).isEqualTo("HIGH");
    assertThat(a.requiredApprovals())
        .containsExactly("procurement", "finance-directors", "compliance", "security-ops");
    approveAll(pi);
    assertThat(applications.get(submitted.applicationId()).status())
        .isEqualTo(ApplicationStatus.APPROVED);
    assertThat(approvals.of(submitted.applicationId())).hasSize(4);
  }

  @Test
  void highRiskVendorWithoutDataAccessNeedsNoSecurityApproval() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Stahlhandel Ruhr GmbH", "RAW_MATERIALS", new BigDecimal("750000"), false, "erin"));
    assertThat(approvalGroupsOpen(submitted.processInstanceId()))
        .containsExactly("compliance", "finance-directors", "procurement");
  }

  @Test
  void theRiskTierDecisionIsAuditedWithItsInputs() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Hafenlogistik Elbe GmbH", "LOGISTICS", new BigDecimal("80000"), false, "erin"));
    assertThat(audit.of(submitted.applicationId()))
        .filteredOn(e -> e.decision().equals("vendor-risk-tier"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decidedBy()).startsWith("rule:vendor-risk-tier:");
              assertThat(e.outcome()).isEqualTo("{\"riskTier\":\"MEDIUM\"}");
              assertThat(e.inputs())
                  .contains("\"countryRisk\":\"LOW\"", "80000")
                  .contains("\"category\":\"LOGISTICS\"", "\"screeningOutcome\":\"CLEAR\"");
            });
  }

  // --- rejection and contract review --------------------------------------------------------

  @Test
  void oneRejectionEndsTheApplicationAndCancelsTheOtherApprovals() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Hafenlogistik Jade GmbH", "LOGISTICS", new BigDecimal("120000"), false, "erin"));
    String pi = submitted.processInstanceId();
    Task finance =
        tasks(pi, "ApproveVendorTask").stream()
            .filter(t -> groupOf(taskService, t).equals("finance-directors"))
            .findFirst()
            .orElseThrow();
    completeAs(
        DemoUsers.FIONA,
        finance,
        Variables.createVariables()
            .putValue(APPROVAL_DECISION, "REJECTED")
            .putValue(APPROVAL_REASON, "prices far above market"));

    assertThat(tasks(pi, "ApproveVendorTask")).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.status()).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(a.closingReason())
        .isEqualTo("Rejected by fiona for finance-directors: prices far above market");
    assertThat(a.vendorId()).isNull();
    assertThat(approvals.of(submitted.applicationId()))
        .singleElement()
        .satisfies(x -> assertThat(x.outcome()).isEqualTo("REJECTED"));
  }

  // --- contract review: the agent step, and legal when it is unsure or a clause is missing ------

  private VendorApplicationService.Submitted submitWithContract(String contract) {
    return service.submit(VendorRequests.withContract(VendorRequests.lowRisk("erin"), contract));
  }

  private AgentAction agentAction(String processInstanceId) {
    List<AgentAction> actions = agentAudit.findByProcessInstance(processInstanceId);
    assertThat(actions).hasSize(1);
    return actions.get(0);
  }

  private static SpinJsonNode proposal(boolean complete) {
    return Spin.JSON(
        "{\"paymentTerms\":\"NET30\",\"paymentDays\":30,\"liabilityCap\":\"EUR 1000000.00\","
            + "\"dataProcessingClause\":"
            + complete
            + ",\"missing\":"
            + (complete ? "[]" : "[\"dataProcessingClause\"]")
            + ",\"complete\":"
            + complete
            + "}");
  }

  /** Starts an instance at the gateway after the agent step, with the step's results given. */
  private ProcessInstance atContractClearGateway(boolean needsHuman, boolean complete) {
    return runtimeService
        .createProcessInstanceByKey(VendorOnboardingVariables.PROCESS_KEY)
        .startBeforeActivity("ContractClearGateway")
        .setVariable("applicationId", "routing-" + UUID.randomUUID())
        .setVariable(CONTRACT_REVIEW_PROPOSAL, proposal(complete))
        .setVariable(CONTRACT_REVIEW_CONFIDENCE, needsHuman ? 0.5 : 0.95)
        .setVariable(CONTRACT_REVIEW_NEEDS_HUMAN, needsHuman)
        .execute();
  }

  @Test
  void aClearCompleteContractPassesTheAgentAndNeedsNoLegalReview() {
    var submitted = submitWithContract(VendorRequests.CONTRACT);
    String pi = submitted.processInstanceId();

    assertThat(instance(submitted))
        .hasPassed("AgentReviewContractTask", "RecordAgentContractTermsTask")
        .hasNotPassed("ReviewContractTask")
        .isWaitingAt("ApproveVendorTask");
    assertThat(tasks(pi, "ReviewContractTask")).isEmpty();
    assertThat(runtimeService.getVariables(pi))
        .containsEntry(CONTRACT_REVIEW_CONFIDENCE, 0.95)
        .containsEntry(CONTRACT_REVIEW_NEEDS_HUMAN, false)
        .containsEntry(PAYMENT_TERMS, "net 30 days")
        .containsEntry(LIABILITY_CAP, "EUR 1000000.00")
        .containsEntry(DATA_PROCESSING_CLAUSE_PRESENT, true)
        .containsEntry(CONTRACT_REVIEW_OUTCOME, "ACCEPTED");

    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.contractOutcome()).isEqualTo("ACCEPTED");
    assertThat(a.paymentTerms()).isEqualTo("net 30 days");
    assertThat(a.liabilityCap()).isEqualTo("EUR 1000000.00");
    assertThat(a.dataProcessingClause()).isTrue();
    AgentAction action = agentAction(pi);
    assertThat(action.activityId()).isEqualTo("AgentReviewContractTask");
    assertThat(action.task()).isEqualTo("review-contract");
    assertThat(action.routedToPerson()).isFalse();
    assertThat(action.decidedBy()).isNull();
    assertThat(audit.of(submitted.applicationId()))
        .filteredOn(e -> e.decision().equals(DecisionAudit.CONTRACT_REVIEW))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decidedBy()).isEqualTo(AgentAuditRepository.decidedBy(action));
              assertThat(e.outcome()).isEqualTo("ACCEPTED");
              assertThat(e.inputs())
                  .contains("\"confidence\":0.95", "\"agentAuditId\":\"" + action.id() + "\"")
                  .contains("\"dataProcessingClausePresent\":true");
            });
  }

  @Test
  void aContractMissingAClauseGoesToLegalWithTheAgentsReadingShownAndPrefilled() {
    var submitted = submitWithContract(VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE);
    String pi = submitted.processInstanceId();
    assertThat(instance(submitted)).isWaitingAt("ReviewContractTask");
    Task review = task(pi, "ReviewContractTask");
    assertThat(review).hasCandidateGroup("legal");

    Map<String, Object> shown = taskService.getVariables(review.getId());
    assertThat(shown)
        .containsEntry("contractText", VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE)
        .containsEntry(PROPOSED_PAYMENT_TERMS, "net 45 days")
        .containsEntry(PROPOSED_LIABILITY_CAP, "EUR 250000.00")
        .containsEntry(PROPOSED_DATA_PROCESSING_CLAUSE, false)
        .containsEntry(PROPOSED_MISSING_CLAUSES, "data-processing clause")
        .containsEntry(CONTRACT_REVIEW_CONFIDENCE, 0.65)
        .containsEntry(PAYMENT_TERMS, "net 45 days")
        .containsEntry(LIABILITY_CAP, "EUR 250000.00")
        .containsEntry(DATA_PROCESSING_CLAUSE_PRESENT, false);
    assertThat((String) shown.get(CONTRACT_REVIEW_RATIONALE))
        .contains("no data-processing clause found");
    SpinJsonNode proposal = (SpinJsonNode) shown.get(CONTRACT_REVIEW_PROPOSAL);
    assertThat(proposal.prop("complete").boolValue()).isFalse();
    assertThat(proposal.prop("missing").toString()).isEqualTo("[\"dataProcessingClause\"]");
    // the agent's reading and the contract text are the task's own, not the process's
    assertThat(runtimeService.getVariable(pi, "contractText")).isNull();
    assertThat(runtimeService.getVariable(pi, PROPOSED_PAYMENT_TERMS)).isNull();

    // legal confirms the reading (the clause is indeed missing) and accepts with a comment
    completeAs(
        DemoUsers.LEO,
        review,
        Variables.createVariables()
            .putValue(CONTRACT_REVIEW_AGREED, true)
            .putValue(CONTRACT_REVIEW_OUTCOME, "ACCEPTED")
            .putValue(CONTRACT_REVIEW_COMMENT, "no personal data involved"));

    assertThat(processInstanceWaitsForApprovals(pi)).isTrue();
    // the prefilled terms legal kept are the process's now, for the approvers' form
    assertThat(runtimeService.getVariables(pi))
        .containsEntry(PAYMENT_TERMS, "net 45 days")
        .containsEntry(LIABILITY_CAP, "EUR 250000.00")
        .containsEntry(DATA_PROCESSING_CLAUSE_PRESENT, false);
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.contractOutcome()).isEqualTo("ACCEPTED");
    assertThat(a.paymentTerms()).isEqualTo("net 45 days");
    assertThat(a.liabilityCap()).isEqualTo("EUR 250000.00");
    assertThat(a.dataProcessingClause()).isFalse();
    AgentAction action = agentAction(pi);
    assertThat(action.routedToPerson()).isTrue();
    assertThat(action.decidedBy()).isEqualTo(DemoUsers.LEO);
    assertThat(action.humanDecision()).isEqualTo("\"agree\"");
    assertThat(action.agrees()).isTrue();
    assertThat(action.decidedAt()).isNotNull();
    assertThat(audit.of(submitted.applicationId()))
        .filteredOn(e -> e.decision().equals(DecisionAudit.CONTRACT_REVIEW))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decidedBy()).isEqualTo(DecidedBy.person(DemoUsers.LEO));
              assertThat(e.inputs())
                  .contains("\"agentReadingCorrect\":true", "\"agentAuditId\":\"" + action.id());
            });
  }

  @Test
  void aVagueContractTheAgentIsUnsureAboutGoesToLegalAndTheCorrectionIsAudited() {
    var submitted = submitWithContract(VendorRequests.VAGUE_CONTRACT);
    String pi = submitted.processInstanceId();
    Task review = task(pi, "ReviewContractTask");
    assertThat(review).hasCandidateGroup("legal");
    Map<String, Object> shown = taskService.getVariables(review.getId());
    assertThat((Double) shown.get(CONTRACT_REVIEW_CONFIDENCE)).isLessThan(0.75);
    assertThat(shown)
        .containsEntry(CONTRACT_REVIEW_NEEDS_HUMAN, true)
        .containsEntry(PROPOSED_PAYMENT_TERMS, null)
        .containsEntry(PAYMENT_TERMS, null)
        .containsEntry(PROPOSED_LIABILITY_CAP, "EUR 500000.00")
        .containsEntry(PROPOSED_MISSING_CLAUSES, "payment terms");
    assertThat((String) shown.get(CONTRACT_REVIEW_RATIONALE))
        .contains("payment terms unclear or conflicting");

    completeAs(
        DemoUsers.LEO,
        review,
        Variables.createVariables()
            .putValue(PAYMENT_TERMS, "net 30 days, urgent orders net 10 days")
            .putValue(CONTRACT_REVIEW_AGREED, false)
            .putValue(CONTRACT_REVIEW_OUTCOME, "ACCEPTED"));

    assertThat(applications.get(submitted.applicationId()).paymentTerms())
        .isEqualTo("net 30 days, urgent orders net 10 days");
    assertThat(runtimeService.getVariable(pi, PAYMENT_TERMS))
        .isEqualTo("net 30 days, urgent orders net 10 days");
    AgentAction action = agentAction(pi);
    assertThat(action.decidedBy()).isEqualTo(DemoUsers.LEO);
    assertThat(action.humanDecision()).isEqualTo("\"disagree\"");
    assertThat(action.agrees()).isFalse();
  }

  @Test
  void anIncompleteProposalGoesToLegalEvenWhenTheAgentIsConfident() {
    ProcessInstance pi = atContractClearGateway(false, false);
    try {
      assertThat(pi).isWaitingAt("ReviewContractTask").hasNotPassed("RecordAgentContractTermsTask");
    } finally {
      runtimeService.deleteProcessInstance(pi.getId(), "routing test");
    }
  }

  @Test
  void aCompleteProposalTheAgentIsUnsureAboutGoesToLegal() {
    ProcessInstance pi = atContractClearGateway(true, true);
    try {
      assertThat(pi).isWaitingAt("ReviewContractTask").hasNotPassed("RecordAgentContractTermsTask");
    } finally {
      runtimeService.deleteProcessInstance(pi.getId(), "routing test");
    }
  }

  private boolean processInstanceWaitsForApprovals(String pi) {
    return !tasks(pi, "ApproveVendorTask").isEmpty();
  }

  @Test
  void aContractLegalRejectsEndsTheApplicationRejected() {
    var submitted = submitWithContract(VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE);
    String pi = submitted.processInstanceId();
    completeAs(
        DemoUsers.LEO,
        task(pi, "ReviewContractTask"),
        Variables.createVariables()
            .putValue(PAYMENT_TERMS, "payment in advance")
            .putValue(LIABILITY_CAP, "none")
            .putValue(DATA_PROCESSING_CLAUSE_PRESENT, false)
            .putValue(CONTRACT_REVIEW_AGREED, false)
            .putValue(CONTRACT_REVIEW_OUTCOME, "REJECTED")
            .putValue(CONTRACT_REVIEW_COMMENT, "unlimited liability for us"));
    assertThat(tasks(pi, "ApproveVendorTask")).isEmpty();
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.status()).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(a.closingReason())
        .isEqualTo("Contract rejected by legal: unlimited liability for us");
    assertThat(agentAction(pi).agrees()).isFalse();
  }

  @Test
  void theRequesterNeitherSeesNorCompletesTheApprovalOfTheirOwnApplication() {
    var submitted = service.submit(VendorRequests.lowRisk(DemoUsers.PAUL));
    String pi = submitted.processInstanceId();
    Task approval = task(pi, "ApproveVendorTask");
    assertThat(approval).hasCandidateGroup("procurement");

    identityService.setAuthentication(DemoUsers.PAUL, List.of("procurement", "employees"));
    try {
      assertThat(
              taskService
                  .createTaskQuery()
                  .processInstanceId(pi)
                  .taskDefinitionKey("ApproveVendorTask")
                  .count())
          .isZero();
    } finally {
      identityService.clearAuthentication();
    }
    assertThatThrownBy(
            () ->
                completeAs(
                    DemoUsers.PAUL,
                    approval,
                    Variables.createVariables().putValue(APPROVAL_DECISION, "APPROVED")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(task(pi, "ApproveVendorTask")).isNotNull();
    assertThat(approvals.of(submitted.applicationId())).isEmpty();

    // anyone else allowed to work the task still can (here the administrator)
    completeAs(
        DemoUsers.ADMIN,
        approval,
        Variables.createVariables().putValue(APPROVAL_DECISION, "APPROVED"));
    assertThat(applications.get(submitted.applicationId()).status())
        .isEqualTo(ApplicationStatus.APPROVED);
  }

  @Test
  void anEngineCallWithoutAuthorizationChecksCannotGiveTheApprovalToItsRequester() {
    var submitted = service.submit(VendorRequests.lowRisk(DemoUsers.PAUL));
    Task approval = task(submitted.processInstanceId(), "ApproveVendorTask");
    // an engine call without authorization checks, as an administrator's script would make
    identityService.clearAuthentication();
    assertThatThrownBy(() -> taskService.setAssignee(approval.getId(), DemoUsers.PAUL))
        .hasMessageContaining("paul requested vendor application")
        .hasMessageContaining("may not approve it");
    assertThat(task(submitted.processInstanceId(), "ApproveVendorTask").getAssignee()).isNull();
    assertThat(approvals.of(submitted.applicationId())).isEmpty();
    assertThat(audit.of(submitted.applicationId()))
        .filteredOn(e -> e.decision().equals(DecisionAudit.SEGREGATION_OF_DUTIES))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decidedBy()).isEqualTo(DecidedBy.person(DemoUsers.PAUL));
              assertThat(e.outcome()).isEqualTo("REFUSED");
              assertThat(e.inputs()).contains("\"event\":\"assignment\"");
            });
  }

  @Test
  void anInstanceMovedPastItsApprovalsCreatesNoVendor() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Hafenlogistik Peene GmbH", "LOGISTICS", new BigDecimal("120000"), false, "erin"));
    String pi = submitted.processInstanceId();
    approveAll(pi, "procurement");
    assertThatThrownBy(
            () ->
                runtimeService
                    .createProcessInstanceModification(pi)
                    .cancelAllForActivity("ApproveVendorTask")
                    .startBeforeActivity("CreateVendorTask")
                    .execute())
        .hasMessageContaining("is not approved (missing approvals: [finance-directors])");
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.status()).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    assertThat(a.vendorId()).isNull();
    assertThat(approvalGroupsOpen(pi)).containsExactly("finance-directors");
  }

  private void approveAll(String processInstanceId, String group) {
    for (Task t : tasks(processInstanceId, "ApproveVendorTask")) {
      if (groupOf(taskService, t).equals(group)) {
        completeAs(
            APPROVER.get(group),
            t,
            Variables.createVariables().putValue(APPROVAL_DECISION, "APPROVED"));
      }
    }
  }

  // --- sanctions screening ------------------------------------------------------------------

  @Test
  void aSanctionsHitBlocksTheApplicationAndTellsCompliance() throws Exception {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Kavir Trading Co. Ltd", "LOGISTICS", new BigDecimal("5000"), false, "erin"));
    assertThat(submitted.status()).isEqualTo(ApplicationStatus.BLOCKED_SANCTIONS);
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.screeningOutcome()).isEqualTo("HIT");
    assertThat(a.screeningScore()).isEqualByComparingTo("1.0000");
    assertThat(a.screeningEntryName()).isEqualTo("Kavir Trading Co");
    assertThat(a.screeningEntryReference()).startsWith("EU.");

    ProcessInstance pi = instance(submitted);
    assertThat(pi).isWaitingAt("NotifyComplianceTask");
    executeJobs(pi.getId());
    assertThat(pi).isEnded().hasPassed("BlockedEndEvent");
    List<MailCatcher.CaughtMail> mails = mailsTo(pi.getId(), "compliance@handoff.example");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).subject()).contains("Sanctions hit");
    assertThat(mails.get(0).text()).contains("Kavir Trading Co");
    assertThat(audit.of(submitted.applicationId()))
        .anySatisfy(
            e -> {
              assertThat(e.decision()).isEqualTo("SANCTIONS_SCREENING");
              assertThat(e.outcome()).isEqualTo("HIT");
              assertThat(e.inputs()).contains("Kavir Tejarat Parsian Company", "\"score\":1");
            });
  }

  @Test
  void aPossibleMatchGoesToComplianceWithTheMatchedEntryAndClearedContinuesAsHighRisk() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Global Horizont Trade LLC", "CONSULTING", new BigDecimal("5000"), false, "erin"));
    assertThat(submitted.status()).isEqualTo(ApplicationStatus.AWAITING_SANCTIONS_REVIEW);
    String pi = submitted.processInstanceId();
    Task review = task(pi, "ReviewSanctionsMatchTask");
    assertThat(review).hasCandidateGroup("compliance");
    Map<String, Object> shown = taskService.getVariables(review.getId());
    assertThat(shown)
        .containsEntry("matchedEntryName", "Global Horizon Trading LLC")
        .containsEntry("screeningOutcome", "POSSIBLE_MATCH")
        .containsKeys("matchedEntryReference", "matchedEntryAliases", "screeningScore");
    assertThat((Double) shown.get("screeningScore")).isBetween(0.85, 0.95);

    completeAs(
        "clara",
        review,
        Variables.createVariables()
            .putValue(SANCTIONS_REVIEW_OUTCOME, "CLEARED")
            .putValue(SANCTIONS_REVIEW_COMMENT, "different company, registered in Germany"));

    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.screeningReview()).isEqualTo("CLEARED");
    assertThat(a.riskTier()).isEqualTo("HIGH");
    assertThat(approvalGroupsOpen(pi)).contains("compliance");
    assertThat(audit.of(submitted.applicationId()))
        .anySatisfy(
            e -> {
              assertThat(e.decision()).isEqualTo("SANCTIONS_REVIEW");
              assertThat(e.decidedBy()).isEqualTo(DecidedBy.person("clara"));
              assertThat(e.outcome()).isEqualTo("CLEARED");
            });
  }

  @Test
  void aPossibleMatchComplianceConfirmsIsBlocked() {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Global Horizont Trade LLC", "CONSULTING", new BigDecimal("5000"), false, "erin"));
    String pi = submitted.processInstanceId();
    completeAs(
        "clara",
        task(pi, "ReviewSanctionsMatchTask"),
        Variables.createVariables()
            .putValue(SANCTIONS_REVIEW_OUTCOME, "CONFIRMED_MATCH")
            .putValue(SANCTIONS_REVIEW_COMMENT, "same owners"));
    assertThat(instance(submitted)).isNull();
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi)
                .activityId("ConfirmedMatchEndEvent")
                .count())
        .isEqualTo(1);
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.status()).isEqualTo(ApplicationStatus.BLOCKED_SANCTIONS);
    assertThat(a.closingReason()).contains("Global Horizon Trading LLC", "same owners");
  }

  @Test
  void aClearNameGoesStraightOnToRiskAssessment() {
    var submitted = service.submit(VendorRequests.lowRisk("erin"));
    VendorApplication a = applications.get(submitted.applicationId());
    assertThat(a.screeningOutcome()).isEqualTo("CLEAR");
    assertThat(a.screeningScore()).isLessThan(new BigDecimal("0.85"));
    assertThat(instance(submitted))
        .hasPassed("ScreenSanctionsTask", "AssessRiskTierTask")
        .hasNotPassed("ReviewSanctionsMatchTask");
  }

  // --- duplicates ---------------------------------------------------------------------------

  @Test
  void anOpenApplicationWithTheSameVatNumberMakesTheSecondADuplicate() {
    var first = service.submit(VendorRequests.lowRisk("erin"));
    VendorApplication firstApp = applications.get(first.applicationId());
    var second =
        service.submit(
            VendorRequests.withIdentity(
                VendorRequests.lowRisk("erin"),
                firstApp.vatId().substring(2),
                VendorRequests.freshGermanIban()));
    assertThat(second.status()).isEqualTo(ApplicationStatus.DUPLICATE);
    VendorApplication dup = applications.get(second.applicationId());
    assertThat(dup.duplicateOfKind()).isEqualTo("APPLICATION");
    assertThat(dup.duplicateOfId()).isEqualTo(first.applicationId());
    assertThat(dup.duplicateMatchedOn()).isEqualTo("VAT_ID");
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(second.processInstanceId())
                .activityId("DuplicateEndEvent")
                .count())
        .isEqualTo(1);
  }

  @Test
  void anExistingVendorWithTheSameIbanMakesTheApplicationADuplicate() {
    var first = service.submit(VendorRequests.lowRisk("erin"));
    approveAll(first.processInstanceId());
    VendorApplication vendorApp = applications.get(first.applicationId());

    String spacedIban = vendorApp.iban().replaceAll("(.{4})", "$1 ").toLowerCase();
    var second =
        service.submit(
            VendorRequests.withIdentity(
                VendorRequests.lowRisk("erin"), VendorRequests.freshGermanVatId(), spacedIban));
    VendorApplication dup = applications.get(second.applicationId());
    assertThat(dup.status()).isEqualTo(ApplicationStatus.DUPLICATE);
    assertThat(dup.duplicateOfKind()).isEqualTo("VENDOR");
    assertThat(dup.duplicateOfId()).isEqualTo(vendorApp.vendorId());
    assertThat(dup.duplicateMatchedOn()).isEqualTo("IBAN");
  }

  // --- reminder and escalation --------------------------------------------------------------

  @Test
  void aStalledApprovalIsRemindedAfterTwoDaysAndEscalatedToTheLeadAfterFour() throws Exception {
    var submitted =
        service.submit(
            VendorRequests.request(
                "Hafenlogistik Ems GmbH", "LOGISTICS", new BigDecimal("120000"), false, "erin"));
    String pi = submitted.processInstanceId();
    // procurement decides at once, finance directors do not
    Task procurement =
        tasks(pi, "ApproveVendorTask").stream()
            .filter(t -> groupOf(taskService, t).equals("procurement"))
            .findFirst()
            .orElseThrow();
    completeAs(
        DemoUsers.PAUL,
        procurement,
        Variables.createVariables().putValue(APPROVAL_DECISION, "APPROVED"));
    Date start = ClockUtil.getCurrentTime();

    ClockUtil.setCurrentTime(Date.from(start.toInstant().plus(Duration.ofDays(2)).plusSeconds(60)));
    List<Job> due =
        managementService.createJobQuery().processInstanceId(pi).timers().executable().list();
    assertThat(due).hasSize(1);
    managementService.executeJob(due.get(0).getId());
    List<MailCatcher.CaughtMail> reminders = mailsTo(pi, "fiona@handoff.example");
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).subject()).startsWith("Reminder");
    assertThat(reminders.get(0).to()).contains("frank@handoff.example");
    assertThat(mailsTo(pi, "paul@handoff.example")).isEmpty();
    assertThat(tasks(pi, "ApproveVendorTask")).hasSize(1);

    ClockUtil.setCurrentTime(Date.from(start.toInstant().plus(Duration.ofDays(4)).plusSeconds(60)));
    due = managementService.createJobQuery().processInstanceId(pi).timers().executable().list();
    assertThat(due).hasSize(1);
    managementService.executeJob(due.get(0).getId());

    Task stalled = task(pi, "ApproveVendorTask");
    assertThat(stalled).isNotNull();
    assertThat(
            taskService.getIdentityLinksForTask(stalled.getId()).stream()
                .filter(
                    l -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(l.getType()))
                .map(IdentityLink::getUserId)
                .filter(u -> u != null)
                .collect(Collectors.toList()))
        .containsExactly("demo");
    assertThat(stalled).isAssignedTo("demo");
    // one reminder to both finance directors, then the escalation to the lead
    assertThat(mailsTo(pi, "demo@handoff.example"))
        .singleElement()
        .satisfies(m -> assertThat(m.subject()).startsWith("Escalation"));
    assertThat(mailsTo(pi, "fiona@handoff.example")).hasSize(1);
    assertThat(audit.of(submitted.applicationId()))
        .extracting(LedgerEntry::decision)
        .contains("APPROVAL_REMINDER", "APPROVAL_ESCALATION");

    completeAs(
        "demo", stalled, Variables.createVariables().putValue(APPROVAL_DECISION, "APPROVED"));
    assertThat(applications.get(submitted.applicationId()).status())
        .isEqualTo(ApplicationStatus.APPROVED);
  }

  // --- Tasklist start form -------------------------------------------------------------------

  @Test
  void aFormStartWithBadDataGivesTheRequesterACorrectionTask() {
    Map<String, Object> form =
        Variables.createVariables()
            .putValue("legalName", "Kontorbedarf Lahn GmbH")
            .putValue("country", "DE")
            .putValue("vatId", VendorRequests.freshGermanVatId())
            .putValue("iban", "DE89370400440532013001")
            .putValue("contactEmail", "not-an-address")
            .putValue("category", "OFFICE_SUPPLIES")
            .putValue("annualSpend", 8000L)
            .putValue("dataAccess", false)
            .putValue("contractText", VendorRequests.CONTRACT);
    identityService.setAuthentication(DemoUsers.PAUL, List.of("procurement", "employees"));
    ProcessInstance pi;
    try {
      // As the Tasklist starts it: the start form submitted for the latest definition.
      String definitionId =
          repositoryService
              .createProcessDefinitionQuery()
              .processDefinitionKey(VendorOnboardingVariables.PROCESS_KEY)
              .latestVersion()
              .singleResult()
              .getId();
      pi = formService.submitStartForm(definitionId, form);
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(pi).isWaitingAt("CorrectVendorDataTask");
    Task correct = task(pi.getId(), "CorrectVendorDataTask");
    assertThat(correct).isAssignedTo(DemoUsers.PAUL);
    String problems = (String) taskService.getVariable(correct.getId(), "validationProblems");
    assertThat(problems).contains("iban: has wrong check digits").contains("contactEmail:");

    completeAs(
        DemoUsers.PAUL,
        correct,
        Variables.createVariables()
            .putValue("iban", VendorRequests.freshGermanIban())
            .putValue("contactEmail", "office@kontorbedarf.example"));

    assertThat(pi).isWaitingAt("ApproveVendorTask");
    String applicationId = (String) runtimeService.getVariable(pi.getId(), "applicationId");
    VendorApplication a = applications.get(applicationId);
    assertThat(a.requestedBy()).isEqualTo(DemoUsers.PAUL);
    assertThat(a.annualSpend()).isEqualByComparingTo("8000");
    assertThat(a.processInstanceId()).isEqualTo(pi.getId());
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(applicationId)
                .count())
        .isEqualTo(1);
  }
}
