package io.handoff.incident;

import static io.handoff.platform.engine.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Variable names of the {@code incident-escalation} process and typed access to them. The incident
 * itself lives in the {@code incident} table; the process carries its id and the few values that
 * gateways, timers and forms need. Form field keys equal these names.
 */
public final class IncidentVariables {

  public static final String PROCESS_KEY = "incident-escalation";
  public static final String RESOLVE_TASK = "ResolveIncidentTask";
  public static final String TRIAGE_TASK = "TriageIncidentTask";
  public static final String REVIEW_TASK = "PostIncidentReviewTask";
  public static final String ALERT_REVIEW_TASK = "AlertPostIncidentReviewTask";

  public static final String MESSAGE_REPORTER_CONFIRMED = "ReporterConfirmed";
  public static final String MESSAGE_REPORTER_REOPENED = "ReporterReopened";
  public static final String MESSAGE_ALERT_RESOLVED = "AlertResolved";
  public static final String ERROR_REMEDIATION_FAILED = "REMEDIATION_FAILED";
  public static final String RESOLUTION_AUTO_REMEDIATED = "AUTO_REMEDIATED";

  // intake
  public static final String INCIDENT_ID = "incidentId";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String REPORTER = "reporter";
  public static final String INITIATOR = "initiator";
  public static final String SERVICE = "service";
  public static final String IMPACT = "impact";
  public static final String URGENCY = "urgency";
  public static final String SOURCE = "source";
  public static final String ALERT_FINGERPRINT = "alertFingerprint";

  // classification and triage; category is the single source of truth once set
  public static final String CATEGORY = "category";
  public static final String KNOWN_REQUEST = "knownRequest";
  public static final String CATEGORY_PROPOSAL = "categoryProposal";
  public static final String CATEGORY_CONFIDENCE = "categoryConfidence";
  public static final String CATEGORY_RATIONALE = "categoryRationale";
  public static final String CATEGORY_NEEDS_HUMAN = "categoryNeedsHuman";
  public static final String CATEGORY_AUDIT_ID = "categoryAuditId";

  // automatic remediation: may it act alone, and was it done
  public static final String REMEDIATION_ACT_ALONE = "remediationActAlone";
  public static final String REMEDIATION_EVIDENCE = "remediationEvidence";
  public static final String REMEDIATED_AUTOMATICALLY = "remediatedAutomatically";
  public static final String REMEDIATION_ACTION = "remediationAction";

  // priority and SLA
  public static final String PRIORITY = "priority";
  public static final String RESPOND_WITHIN = "respondWithin";
  public static final String RESOLVE_WITHIN = "resolveWithin";
  public static final String REMINDER_PERCENT = "slaReminderPercent";
  public static final String SLA_DUE = "slaDue";
  public static final String REMINDER_DUE = "reminderDue";

  /** {@code 24x7} or {@code BUSINESS}: whether the clocks count the group's working time. */
  public static final String SLA_CLOCK = "slaClock";

  public static final String RESPONSE_DUE = "responseDue";

  /** The severity a page of this priority carries, from the SLA targets table. */
  public static final String PAGE_SEVERITY = "pageSeverity";

  /** Whether an escalation of this priority pages on-call, from the SLA targets table. */
  public static final String PAGE_ON_ESCALATION = "pageOnEscalation";

  // assignment and escalation
  public static final String ASSIGNED_GROUP = "assignedGroup";
  public static final String FIRST_LEVEL_GROUP = "firstLevelGroup";
  public static final String SECOND_LEVEL_GROUP = "secondLevelGroup";
  public static final String TOP_LEVEL_GROUP = "topLevelGroup";
  public static final String ESCALATION_LEVEL = "escalationLevel";
  public static final String FURTHER_ESCALATION_POSSIBLE = "furtherEscalationPossible";

  /** What the last escalation was for: {@code RESOLUTION} or {@code RESPONSE}. */
  public static final String LAST_ESCALATION = "lastEscalation";

  // resolution and review
  public static final String RESOLUTION_CODE = "resolutionCode";
  public static final String RESOLUTION_NOTES = "resolutionNotes";
  public static final String REOPEN_REASON = "reopenReason";

  /** The code and notes of the resolution the reporter refused, shown when it is resolved again. */
  public static final String REFUSED_RESOLUTION = "refusedResolution";

  // SLA pause: the resolver asks the reporter
  public static final String ANSWER_TASK = "AnswerReporterQuestionTask";
  public static final String RESOLVE_OUTCOME = "resolveOutcome";
  public static final String OUTCOME_ASK_REPORTER = "ASK_REPORTER";
  public static final String REPORTER_QUESTION = "reporterQuestion";
  public static final String REPORTER_ANSWER = "reporterAnswer";
  public static final String SLA_PAUSED_AT = "slaPausedAt";

  /** Who asked the reporter (the resolver's login), written by the guard of the resolve task. */
  public static final String RESOLVED_OR_ASKED_BY = "questionAskedBy";

  /** Who answered (the reporter's login), written by the guard of the answer task. */
  public static final String ANSWERED_BY = "questionAnsweredBy";

  /** How long the reporter has to answer (ISO-8601), from the SLA targets table. */
  public static final String REPORTER_ANSWER_WITHIN = "reporterAnswerWithin";

  public static final String REVIEW_SUMMARY = "reviewSummary";
  public static final String REVIEW_ACTIONS = "reviewActions";

  // major incidents
  public static final String DECLARE_MAJOR_TASK = "DeclareMajorIncidentTask";
  public static final String MAJOR_REVIEW_TASK = "MajorIncidentReviewTask";
  public static final String MAJOR_DECISION = "majorDecision";
  public static final String MAJOR_DECLARE = "DECLARE";
  public static final String MAJOR_NOT_MAJOR = "NOT_MAJOR";
  public static final String MAJOR_REASON = "majorReason";

  /** Incident ids, separated by commas, spaces or new lines, as the declaration form takes them. */
  public static final String MAJOR_RELATED = "relatedIncidents";

  // service task input parameters (element templates)
  public static final String IN_REMINDER_AT_PERCENT = "reminderAtPercent";
  public static final String IN_CLOSE_REASON = "closeReason";
  public static final String IN_NOTICE = "notice";
  public static final String IN_AUTONOMY_LEVEL = "autonomyLevel";
  public static final String IN_STAKEHOLDER_CHANNEL = "stakeholderChannel";
  public static final String IN_STAKEHOLDER_UPDATE = "stakeholderUpdate";

  /**
   * Transient: the fingerprint of a report made through the domain API, kept on the incident while
   * it is open so that the same report again is recognised; never written to the engine's tables.
   */
  public static final String REQUEST_FINGERPRINT = "requestFingerprint";

  private IncidentVariables() {}

  /** The variables a REST report starts the process with, with the report's fingerprint. */
  public static VariableMap startVariables(
      String incidentId, NewIncident incident, String requestFingerprint) {
    return startVariables(incidentId, incident)
        .putValueTyped(REQUEST_FINGERPRINT, Variables.stringValue(requestFingerprint, true));
  }

  /** The variables a REST or Alertmanager intake starts the process with. */
  public static VariableMap startVariables(String incidentId, NewIncident incident) {
    VariableMap vars =
        Variables.createVariables()
            .putValueTyped(INCIDENT_ID, Variables.stringValue(incidentId))
            .putValueTyped(TITLE, Variables.stringValue(incident.title()))
            .putValueTyped(DESCRIPTION, Variables.stringValue(incident.description()))
            .putValueTyped(REPORTER, Variables.stringValue(incident.reporter()))
            .putValueTyped(SERVICE, Variables.stringValue(incident.service()))
            .putValueTyped(IMPACT, Variables.stringValue(incident.impact().name()))
            .putValueTyped(URGENCY, Variables.stringValue(incident.urgency().name()))
            .putValueTyped(SOURCE, Variables.stringValue(incident.source().name()))
            .putValueTyped(KNOWN_REQUEST, Variables.stringValue(incident.knownRequest().name()));
    if (incident.category() != null) {
      vars.putValueTyped(CATEGORY, Variables.stringValue(incident.category()));
    }
    if (incident.alertFingerprint() != null) {
      vars.putValueTyped(ALERT_FINGERPRINT, Variables.stringValue(incident.alertFingerprint()));
    }
    return vars;
  }

  public static String incidentId(VariableScope scope) {
    return requiredString(scope, INCIDENT_ID);
  }

  public static String category(VariableScope scope) {
    String value = string(scope, CATEGORY);
    return value == null || value.isBlank() ? null : value;
  }

  public static KnownRequest knownRequest(VariableScope scope) {
    String value = string(scope, KNOWN_REQUEST);
    return value == null || value.isBlank() ? KnownRequest.NONE : KnownRequest.valueOf(value);
  }

  public static String priority(VariableScope scope) {
    return requiredString(scope, PRIORITY);
  }

  public static String pageSeverity(VariableScope scope) {
    String value = string(scope, PAGE_SEVERITY);
    return value == null || value.isBlank() ? "critical" : value;
  }

  public static boolean pageOnEscalation(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(PAGE_ON_ESCALATION));
  }

  public static int escalationLevel(VariableScope scope) {
    Integer level = integer(scope, ESCALATION_LEVEL);
    return level == null ? 1 : level;
  }

  public static void setString(VariableScope scope, String name, String value) {
    scope.setVariable(name, Variables.stringValue(value));
  }

  public static void setInteger(VariableScope scope, String name, int value) {
    scope.setVariable(name, Variables.integerValue(value));
  }

  public static void setBoolean(VariableScope scope, String name, boolean value) {
    scope.setVariable(name, Variables.booleanValue(value));
  }

  /** Writes the SLA window of the current level: when to remind and when to escalate. */
  public static void setSlaWindow(VariableScope scope, SlaWindow window) {
    setString(scope, SLA_DUE, window.dueIso());
    setString(scope, REMINDER_DUE, window.reminderIso());
  }

  /** Reads the resolution target and reminder share written when the priority was determined. */
  public static SlaWindow.Target slaTarget(VariableScope scope) {
    return new SlaWindow.Target(
        requiredString(scope, RESOLVE_WITHIN), integer(scope, REMINDER_PERCENT));
  }
}
