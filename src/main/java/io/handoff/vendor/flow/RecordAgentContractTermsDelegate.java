package io.handoff.vendor.flow;

import static io.handoff.vendor.VendorOnboardingVariables.CONTRACT_REVIEW_OUTCOME;
import static io.handoff.vendor.VendorOnboardingVariables.DATA_PROCESSING_CLAUSE_PRESENT;
import static io.handoff.vendor.VendorOnboardingVariables.LIABILITY_CAP;
import static io.handoff.vendor.VendorOnboardingVariables.PAYMENT_TERMS;
import static io.handoff.vendor.VendorOnboardingVariables.RESULT_VARIABLE;

import io.handoff.agent.AgentStepVariables;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.vendor.ProposedContractTerms;
import io.handoff.vendor.VendorOnboarding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Takes the contract-review agent step's proposal as the contract review when it stood without a
 * person (confident and complete): sets {@code paymentTerms}, {@code liabilityCap}, {@code
 * dataProcessingClausePresent} and {@code contractReviewOutcome = ACCEPTED}, stores the terms on
 * the application and audits them with the agent's confidence, rationale and audit id. The input
 * parameter {@code resultVariable} names the agent step's result prefix. A missing or incomplete
 * proposal here is a modelling error (the gateway before must send it to legal) and raises an
 * incident.
 */
@Component("recordAgentContractTerms")
public class RecordAgentContractTermsDelegate implements JavaDelegate {

  static final String ACCEPTED = "ACCEPTED";

  private final VendorOnboarding onboarding;
  private final AgentAuditRepository agentAudit;

  public RecordAgentContractTermsDelegate(
      VendorOnboarding onboarding, AgentAuditRepository agentAudit) {
    this.onboarding = onboarding;
    this.agentAudit = agentAudit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String prefix = ProcessVariables.string(execution, RESULT_VARIABLE);
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException(
          execution.getCurrentActivityId() + " has no input '" + RESULT_VARIABLE + "'");
    }
    ProposedContractTerms.Terms terms =
        ProposedContractTerms.read(execution.getVariable(AgentStepVariables.proposal(prefix)))
            .filter(ProposedContractTerms.Terms::complete)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Process instance "
                            + execution.getProcessInstanceId()
                            + ": no complete contract proposal in "
                            + AgentStepVariables.proposal(prefix)
                            + "; an incomplete or missing proposal must go to legal"));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("confidence", execution.getVariable(AgentStepVariables.confidence(prefix)));
    context.put("rationale", execution.getVariable(AgentStepVariables.rationale(prefix)));
    String auditId = AgentStepVariables.auditId(execution, prefix);
    context.put("agentAuditId", auditId);
    String decidedBy =
        agentAudit
            .find(auditId)
            .map(AgentAuditRepository::decidedBy)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Process instance "
                            + execution.getProcessInstanceId()
                            + ": the agent step's audit row "
                            + auditId
                            + " is missing"));
    onboarding.recordContractReview(
        onboarding.applicationIdOf(execution.getProcessInstanceId()),
        decidedBy,
        terms.paymentTerms(),
        terms.liabilityCap(),
        terms.dataProcessingClause(),
        ACCEPTED,
        context);
    execution.setVariable(PAYMENT_TERMS, terms.paymentTerms());
    execution.setVariable(LIABILITY_CAP, terms.liabilityCap());
    execution.setVariable(DATA_PROCESSING_CLAUSE_PRESENT, terms.dataProcessingClause());
    execution.setVariable(CONTRACT_REVIEW_OUTCOME, ACCEPTED);
  }
}
