package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IncidentService incidentService;
  @Autowired IncidentRepository incidents;

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

  Incident report(Level impact, Level urgency, String category) {
    return report(impact, urgency, category, KnownRequest.NONE, "erin");
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
