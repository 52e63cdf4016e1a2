package io.handoff.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.support.HandoffSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.BooleanValue;
import org.camunda.bpm.engine.variable.value.DoubleValue;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each autonomy level routes the work where it belongs, through a real engine and model. */
@HandoffSpringTest
class AgentStepRoutingTest {

  static final String CLEAR_TICKET = "I forgot my password and my account is locked out";
  static final String VAGUE_TICKET = "it is not working since this morning, please have a look";

  /** A real ticket the classifier places with little confidence (its words point elsewhere). */
  static final String UNSURE_TICKET = "I get \"account locked\" when I try to log in to my PC";

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired AgentAuditRepository audit;

  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void init() {
    BpmnAwareTests.init(processEngine);
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  private ProcessInstance run(String autonomy, String threshold, String text) {
    String key = AgentStepModels.key("classify");
    deployments.add(
        AgentStepModels.deploy(
            repositoryService, key, AgentStepModels.classify(key, autonomy, threshold)));
    return runtimeService.startProcessInstanceByKey(
        key, Map.of(AgentStepModels.INPUT_VARIABLE, text));
  }

  /** A supervised review-contract step (threshold 0.75) on the contract text. */
  private ProcessInstance review(String contract) {
    String key = AgentStepModels.key("review");
    deployments.add(
        AgentStepModels.deploy(
            repositoryService,
            key,
            AgentStepModels.routed(
                key,
                "review-contract",
                "supervised",
                "0.75",
                "contractReview",
                "${recordAgentDecision.recordVerdict(task, 'contractReview', '"
                    + AgentStepModels.AGREES_VARIABLE
                    + "')}")));
    return runtimeService.startProcessInstanceByKey(
        key, Map.of(AgentStepModels.INPUT_VARIABLE, contract));
  }

  private boolean needsHuman(ProcessInstance pi) {
    BooleanValue value = runtimeService.getVariableTyped(pi.getId(), "classificationNeedsHuman");
    return value.getValue();
  }

  @Test
  void unknownProposalGoesToAPersonEvenWhenAutonomous() {
    ProcessInstance pi = run("autonomous", "0.0", VAGUE_TICKET);

    assertThat(pi).isWaitingAt(AgentStepModels.DECIDE_TASK);
    assertThat(runtimeService.getVariable(pi.getId(), "classificationProposal"))
        .isEqualTo("unknown");
    AgentAction row = audit.findByProcessInstance(pi.getId()).get(0);
    assertThat(row.confidence().doubleValue()).isZero();
    assertThat(row.routedToPerson()).isTrue();
  }

  @Test
  void autonomousProposalStandsEvenAtLowConfidence() {
    ProcessInstance pi = run("autonomous", "0.99", UNSURE_TICKET);

    assertThat(pi).isEnded().hasPassed(AgentStepModels.ACCEPTED_END);
    AgentAction row = audit.findByProcessInstance(pi.getId()).get(0);
    assertThat(row.confidence().doubleValue()).isLessThan(0.99);
    assertThat(row.routedToPerson()).isFalse();
    assertThat(row.autonomy()).isEqualTo("autonomous");
  }

  @Test
  void supervisedProposalAtOrAboveThresholdStands() {
    ProcessInstance pi = run("supervised", "0.0", CLEAR_TICKET);

    assertThat(pi).isEnded().hasPassed(AgentStepModels.ACCEPTED_END);
  }

  @Test
  void supervisedProposalBelowThresholdGoesToAPerson() {
    ProcessInstance pi = run("supervised", "1.0", CLEAR_TICKET);

    assertThat(pi).isWaitingAt(AgentStepModels.DECIDE_TASK);
    assertThat(needsHuman(pi)).isTrue();
  }

  @Test
  void supervisedThresholdSplitsBetweenTheTwoSidesOfTheConfidence() {
    ProcessInstance probe = run("supervised", "0.0", CLEAR_TICKET);
    double confidence =
        audit.findByProcessInstance(probe.getId()).get(0).confidence().doubleValue();
    String justAbove = String.valueOf(Math.min(1.0, confidence + 0.001));
    String justBelow = String.valueOf(Math.max(0.0, confidence - 0.001));

    assertThat(run("supervised", justAbove, CLEAR_TICKET)).isWaitingAt(AgentStepModels.DECIDE_TASK);
    assertThat(run("supervised", justBelow, CLEAR_TICKET))
        .isEnded()
        .hasPassed(AgentStepModels.ACCEPTED_END);
  }

  @Test
  void shadowAlwaysGoesToAPersonEvenWhenConfident() {
    ProcessInstance pi = run("shadow", "0.0", CLEAR_TICKET);

    assertThat(pi).isWaitingAt(AgentStepModels.DECIDE_TASK);
    assertThat(needsHuman(pi)).isTrue();
  }

  @Test
  void resultsAreTypedProcessVariables() {
    ProcessInstance pi = run("shadow", "0.75", CLEAR_TICKET);

    StringValue proposal = runtimeService.getVariableTyped(pi.getId(), "classificationProposal");
    DoubleValue confidence =
        runtimeService.getVariableTyped(pi.getId(), "classificationConfidence");
    StringValue rationale = runtimeService.getVariableTyped(pi.getId(), "classificationRationale");
    StringValue auditId = runtimeService.getVariableTyped(pi.getId(), "classificationAuditId");
    assertThat(proposal.getValue()).isEqualTo("password-reset");
    assertThat(confidence.getValue()).isBetween(0.5, 1.0);
    assertThat(rationale.getValue()).contains("password-reset");
    AgentAction row = audit.find(auditId.getValue()).orElseThrow();
    assertThat(row.processInstanceId()).isEqualTo(pi.getId());
    assertThat(row.activityId()).isEqualTo(AgentStepModels.STEP);
    assertThat(row.task()).isEqualTo("classify-incident");
    assertThat(row.provider()).isEqualTo("local");
    assertThat(row.model()).isEqualTo("opennlp-doccat-naivebayes-calibrated");
    assertThat(row.inputDigest()).isEqualTo(AgentStepService.sha256(CLEAR_TICKET));
    assertThat(row.output()).contains("\"proposal\":\"password-reset\"");
    assertThat(row.confidence().doubleValue())
        .isCloseTo(confidence.getValue(), org.assertj.core.data.Offset.offset(0.0001));
    assertThat(row.routedToPerson()).isTrue();
    assertThat(row.maskedKinds()).isEmpty();
    assertThat(row.error()).isNull();
  }

  @Test
  void contractReviewProposesStructuredFieldsAsJson() {
    String contract =
        "Payment terms: NET30. The supplier's total liability shall not exceed EUR 1,000,000."
            + " The parties conclude a data processing agreement under Art. 28 GDPR.";
    ProcessInstance pi = review(contract);

    assertThat(pi).isEnded().hasPassed(AgentStepModels.ACCEPTED_END);
    SpinJsonNode proposal =
        (SpinJsonNode)
            processEngine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("contractReviewProposal")
                .singleResult()
                .getValue();
    assertThat(proposal.prop("paymentTerms").stringValue()).isEqualTo("NET30");
    assertThat(proposal.prop("paymentDays").numberValue().intValue()).isEqualTo(30);
    assertThat(proposal.prop("liabilityCap").stringValue()).isEqualTo("EUR 1000000.00");
    assertThat(proposal.prop("dataProcessingClause").boolValue()).isTrue();
    assertThat(proposal.prop("complete").boolValue()).isTrue();
  }

  @Test
  void contractWithoutDataProcessingClauseGoesToAPerson() {
    ProcessInstance pi =
        review("Invoices are payable within 45 days. Liability is limited to USD 250,000.");

    assertThat(pi).isWaitingAt(AgentStepModels.DECIDE_TASK);
    SpinJsonNode proposal =
        (SpinJsonNode) runtimeService.getVariable(pi.getId(), "contractReviewProposal");
    assertThat(proposal.prop("complete").boolValue()).isFalse();
    assertThat(proposal.prop("missing").elements())
        .extracting(SpinJsonNode::stringValue)
        .containsExactly("dataProcessingClause");
  }
}
