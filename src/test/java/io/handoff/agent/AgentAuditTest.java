package io.handoff.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every agent step leaves one audit row in the step's own transaction; a person's later decision is
 * recorded against it; the audit API shows both.
 */
@HandoffSpringTest
class AgentAuditTest extends RestTestSupport {

  static final String PASSWORD_TICKET = "I forgot my password and my account is locked out";

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AgentAuditRepository audit;
  @Autowired JdbcClient jdbc;

  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void init() {
    BpmnAwareTests.init(processEngine);
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  private String deploy(String key, BpmnModelInstance model) {
    deployments.add(AgentStepModels.deploy(repositoryService, key, model));
    return key;
  }

  private ProcessInstance startShadowClassification(String text) {
    String key = AgentStepModels.key("classify");
    deploy(key, AgentStepModels.classify(key, "shadow", "0.75"));
    return runtimeService.startProcessInstanceByKey(
        key, Map.of(AgentStepModels.INPUT_VARIABLE, text));
  }

  private long rowsOfActivity(String activityId) {
    return jdbc.sql("SELECT COUNT(*) FROM agent_action WHERE activity_id = :a")
        .param("a", activityId)
        .query(Long.class)
        .single();
  }

  private BpmnModelInstance stepThen(String key, String activityId, boolean failAfterwards) {
    var afterStep =
        AgentStepModels.step(
            Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent("StartEvent")
                .serviceTask(activityId),
            "classify-incident",
            "local",
            "autonomous",
            "0.75",
            "classification");
    return failAfterwards
        ? afterStep
            .serviceTask("FailingTask")
            .camundaDelegateExpression("${noSuchBean}")
            .endEvent("DoneEndEvent")
            .done()
        : afterStep.endEvent("DoneEndEvent").done();
  }

  @Test
  void eachInvocationWritesExactlyOneAuditRow() {
    String activityId = "Classify" + AgentStepModels.key("x").replace("-", "");
    String key = AgentStepModels.key("audited");
    deploy(key, stepThen(key, activityId, false));

    ProcessInstance first =
        runtimeService.startProcessInstanceByKey(
            key, Map.of(AgentStepModels.INPUT_VARIABLE, PASSWORD_TICKET));
    runtimeService.startProcessInstanceByKey(
        key, Map.of(AgentStepModels.INPUT_VARIABLE, "the printer on floor 2 is jammed"));

    assertThat(rowsOfActivity(activityId)).isEqualTo(2);
    assertThat(audit.findByProcessInstance(first.getId())).hasSize(1);
  }

  @Test
  void auditRowRollsBackWithAFailingStepInTheSameTransaction() {
    String activityId = "Classify" + AgentStepModels.key("x").replace("-", "");
    String key = AgentStepModels.key("rolled-back");
    deploy(key, stepThen(key, activityId, true));

    assertThatThrownBy(
            () ->
                runtimeService.startProcessInstanceByKey(
                    key, Map.of(AgentStepModels.INPUT_VARIABLE, PASSWORD_TICKET)))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("noSuchBean");

    assertThat(rowsOfActivity(activityId)).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count())
        .isZero();
  }

  @Test
  void personOverridingTheProposalIsRecordedAsDisagreement() {
    ProcessInstance pi = startShadowClassification(PASSWORD_TICKET);
    assertThat(pi).isWaitingAt(AgentStepModels.DECIDE_TASK);
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.claim(task.getId(), DemoUsers.SAM);

    taskService.complete(task.getId(), Map.of(AgentStepModels.DECISION_VARIABLE, "access"));

    AgentAction row = audit.findByProcessInstance(pi.getId()).get(0);
    assertThat(row.output()).contains("password-reset");
    assertThat(row.decidedBy()).isEqualTo(DemoUsers.SAM);
    assertThat(row.humanDecision()).isEqualTo("\"access\"");
    assertThat(row.agrees()).isFalse();
    assertThat(row.decidedAt()).isNotNull();
  }

  @Test
  void personConfirmingTheProposalIsRecordedAsAgreement() {
    ProcessInstance pi = startShadowClassification(PASSWORD_TICKET);
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.claim(task.getId(), DemoUsers.SAM);

    taskService.complete(task.getId(), Map.of(AgentStepModels.DECISION_VARIABLE, "Password-Reset"));

    AgentAction row = audit.findByProcessInstance(pi.getId()).get(0);
    assertThat(row.agrees()).isTrue();
    assertThat(pi).isEnded().hasPassed(AgentStepModels.DECIDED_END);
  }

  @Test
  void verdictOnAStructuredProposalIsRecorded() {
    String key = AgentStepModels.key("review");
    deploy(
        key,
        AgentStepModels.routed(
            key,
            "review-contract",
            "shadow",
            "0.75",
            "contractReview",
            "${recordAgentDecision.recordVerdict(task, 'contractReview', '"
                + AgentStepModels.AGREES_VARIABLE
                + "')}"));
    ProcessInstance pi =
        runtimeService.startProcessInstanceByKey(
            key, Map.of(AgentStepModels.INPUT_VARIABLE, "Payment terms: net 60 days."));
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.claim(task.getId(), DemoUsers.LEO);

    taskService.complete(task.getId(), Map.of(AgentStepModels.AGREES_VARIABLE, false));

    AgentAction row = audit.findByProcessInstance(pi.getId()).get(0);
    assertThat(row.decidedBy()).isEqualTo(DemoUsers.LEO);
    assertThat(row.agrees()).isFalse();
    assertThat(row.humanDecision()).isEqualTo("\"disagree\"");
  }

  @Test
  void auditApiListsTheInvocationsAndDecisionsOfAProcessInstance() {
    ProcessInstance pi = startShadowClassification(PASSWORD_TICKET);
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.claim(task.getId(), DemoUsers.SAM);
    taskService.complete(task.getId(), Map.of(AgentStepModels.DECISION_VARIABLE, "access"));

    asIntegration()
        .queryParam("processInstanceId", pi.getId())
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].processInstanceId", equalTo(pi.getId()))
        .body("[0].activityId", equalTo(AgentStepModels.STEP))
        .body("[0].task", equalTo("classify-incident"))
        .body("[0].provider", equalTo("local"))
        .body("[0].autonomy", equalTo("shadow"))
        .body("[0].routedToPerson", equalTo(true))
        .body("[0].output.proposal", equalTo("password-reset"))
        .body("[0].inputDigest", equalTo(AgentStepService.sha256(PASSWORD_TICKET)))
        .body("[0].decidedBy", equalTo(DemoUsers.SAM))
        .body("[0].humanDecision", equalTo("access"))
        .body("[0].agrees", equalTo(false))
        .body("[0].error", nullValue());
  }

  @Test
  void auditApiWithoutProcessInstanceIdIs400NamingTheParameter() {
    asIntegration()
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("processInstanceId"));
  }

  @Test
  void auditApiNeedsCredentials() {
    anonymous()
        .queryParam("processInstanceId", "x")
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(401);
  }

  @Test
  void auditApiIsForApiGroupsOnly() {
    as(DemoUsers.ERIN)
        .queryParam("processInstanceId", "x")
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(403);
  }
}
