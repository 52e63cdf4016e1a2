package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.support.RestTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Starting incidents, running their jobs and timers on a moved engine clock, reading tasks. */
abstract class IncidentTestSupport extends RestTestSupport {

  static final Instant MONDAY_NINE = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * A ticket with no evidence for any category: the agent proposes "unknown" and a person triages.
   */
  /** Variables no major incident form has, as an attacker might send them. */
  static final String MAJOR_DECLARED_BY = "majorDeclaredBy";

  static final String MAJOR_DECLARE_GROUP = "majorDeclareGroup";
  static final String MAJOR_REVIEWED_BY = "majorReviewedBy";

  static final String VAGUE_TITLE = "Something is wrong";

  static final String VAGUE_DESCRIPTION = "It is not working since this morning, please help";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IncidentService incidentService;
  @Autowired IncidentRepository incidents;
  @Autowired AgentAuditRepository agentAudit;

  @BeforeEach
  void startTheClockOnMondayMorning() {
    BpmnAwareTests.init(processEngine);
    setClock(MONDAY_NINE);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static void setClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Incident report(
      Level impact, Level urgency, String category, KnownRequest request, String reporter) {
    return incidentService.report(
        new NewIncident(
            unique("Printer on fire"),
            "Smoke from tray 2",
            reporter,
            "printing",
            impact,
            urgency,
            category,
            request,
            IncidentSource.REST,
            null));
  }

  /** Reports an incident with this text (what the classification agent reads). */
  Incident reportText(
      String title,
      String description,
      Level impact,
      Level urgency,
      String category,
      KnownRequest request) {
    return incidentService.report(
        new NewIncident(
            title,
            description,
            "erin",
            "workplace",
            impact,
            urgency,
            category,
            request,
            IncidentSource.REST,
            null));
  }

  /**
   * Reports an incident the way an employee does in the Tasklist: the start form submitted under
   * their login, so they are the reporter.
   */
  Incident reportInTasklist(
      String user,
      String title,
      String description,
      Level impact,
      Level urgency,
      String category,
      KnownRequest request) {
    Map<String, Object> form = new java.util.LinkedHashMap<>();
    form.put("title", title);
    form.put("description", description);
    form.put("service", "workplace");
    form.put("impact", impact.name());
    form.put("urgency", urgency.name());
    form.put("category", category == null ? "" : category);
    form.put("knownRequest", request == null ? "" : request.name());
    String definitionId =
        processEngine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(IncidentVariables.PROCESS_KEY)
            .latestVersion()
            .singleResult()
            .getId();
    processEngine.getIdentityService().setAuthentication(user, List.of("employees"));
    ProcessInstance pi;
    try {
      pi = processEngine.getFormService().submitStartForm(definitionId, form);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
    String incidentId =
        processEngine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(pi.getId())
            .singleResult()
            .getBusinessKey();
    return incidents.find(incidentId).orElseThrow();
  }

  /** A real ticket whose words point the classifier elsewhere: a proposal with low confidence. */
  static final String UNSURE_TITLE = "Cannot log in";

  static final String UNSURE_DESCRIPTION = "I get \"account locked\" when I try to log in to my PC";

  /** An incident the agent proposes a category for, below the threshold: it waits in triage. */
  Incident reportUnsure(Level impact, Level urgency) {
    return reportText(UNSURE_TITLE, UNSURE_DESCRIPTION, impact, urgency, null, KnownRequest.NONE);
  }

  /** An incident without a category whose text leaves the agent unsure: it waits in triage. */
  Incident reportVague(Level impact, Level urgency) {
    return reportText(VAGUE_TITLE, VAGUE_DESCRIPTION, impact, urgency, null, KnownRequest.NONE);
  }

  /** The classification agent's audit rows of the incident's process instance. */
  List<AgentAction> agentActions(Incident incident) {
    return agentAudit.findByProcessInstance(incident.processInstanceId());
  }

  /** The one classification the agent made for the incident. */
  AgentAction classification(Incident incident) {
    List<AgentAction> actions = agentActions(incident);
    assertThat(actions).as("agent actions").hasSize(1);
    assertThat(actions.get(0).activityId()).isEqualTo("ClassifyIncidentTask");
    return actions.get(0);
  }

  Incident report(Level impact, Level urgency, String category) {
    return report(impact, urgency, category, KnownRequest.NONE, "erin");
  }

  /** The incident as an integrator reads it: {@code GET /api/incidents/{id}}. */
  io.restassured.response.ValidatableResponse incidentOverRest(Incident incident) {
    return asIntegration().get("/api/incidents/" + incident.id()).then().statusCode(200);
  }

  Incident reload(Incident incident) {
    return incidents.find(incident.id()).orElseThrow();
  }

  ProcessInstance instance(Incident incident) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(incident.id())
        .singleResult();
  }

  /** The job waiting at the activity (an async continuation or a timer). */
  Job job(Incident incident, String activityId) {
    List<Job> jobs =
        managementService
            .createJobQuery()
            .processInstanceId(incident.processInstanceId())
            .activityId(activityId)
            .list();
    assertThat(jobs).as("jobs at " + activityId).hasSize(1);
    return jobs.get(0);
  }

  void runJob(Incident incident, String activityId) {
    managementService.executeJob(job(incident, activityId).getId());
  }

  /** Moves the engine clock to the timer's due date and fires it. */
  Instant fireTimer(Incident incident, String activityId) {
    Job timer = job(incident, activityId);
    Instant due = timer.getDuedate().toInstant();
    setClock(due);
    managementService.executeJob(timer.getId());
    return due;
  }

  /** Completes "Resolve incident" and lets the process ask the reporter to confirm. */
  void resolveAndAskReporter(Incident incident, String code) {
    Task task = task(incident, IncidentVariables.RESOLVE_TASK);
    taskService.complete(
        task.getId(),
        Map.of(
            IncidentVariables.RESOLUTION_CODE,
            code,
            IncidentVariables.RESOLUTION_NOTES,
            "Replaced the fuser"));
    runJob(incident, "AskReporterToConfirmTask");
  }

  Task task(Incident incident, String taskKey) {
    return taskService
        .createTaskQuery()
        .processInstanceId(incident.processInstanceId())
        .taskDefinitionKey(taskKey)
        .singleResult();
  }

  List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(IdentityLink::getGroupId)
        .toList();
  }

  static Duration between(Instant from, Instant to) {
    return Duration.between(from, to);
  }
}
