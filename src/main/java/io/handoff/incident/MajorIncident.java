package io.handoff.incident;

import java.time.Instant;
import java.util.List;

/**
 * A P1 declared a major incident: who declared it and why, the stakeholder channel it informs on
 * the process's cadence, and its review, without which it cannot close.
 *
 * @param declareGroup the group whose members may declare it and link incidents to it (the BPMN
 *     task's candidate group at the declaration)
 * @param updatesSent stakeholder messages so far, the declaration and the restoration included
 * @param restoredAt when its service was restored (it then waits for its review); null before
 * @param reviewedAt when its review was done; null while it is not (it cannot close)
 */
public record MajorIncident(
    String incidentId,
    Instant declaredAt,
    String declaredBy,
    String reason,
    String declareGroup,
    String stakeholderChannel,
    int updatesSent,
    Instant lastUpdateAt,
    Instant restoredAt,
    Instant reviewedAt,
    String reviewedBy,
    String reviewSummary,
    String reviewActions) {

  public boolean reviewed() {
    return reviewedAt != null;
  }

  /**
   * What a person decided in a major incident's task, kept by the task's guard until the step that
   * records it takes it.
   *
   * @param step {@code DECISION} (declare or not) or {@code REVIEW}
   * @param decidedIn the candidate group of the task the person is a member of
   * @param outcome {@code DECLARE}, {@code NOT_MAJOR} or {@code REVIEWED}
   * @param reason the declaration's reason, or the review's summary
   * @param actions the review's follow-up actions
   */
  public record Decision(
      String step,
      String taskId,
      String decidedBy,
      String decidedIn,
      String outcome,
      String reason,
      List<String> related,
      String actions,
      Instant decidedAt) {

    public static final String DECISION = "DECISION";
    public static final String REVIEW = "REVIEW";
  }

  /**
   * An incident linked to a major incident.
   *
   * @param incidentId the linked incident
   */
  public record Related(
      String incidentId,
      String title,
      IncidentStatus status,
      String priority,
      String linkedBy,
      Instant linkedAt) {}

  /**
   * The major incident as {@code GET /api/incidents/{id}} shows it, with its linked incidents.
   *
   * @param reviewedAt null while the review is not done: the incident cannot close
   */
  public record View(
      Instant declaredAt,
      String declaredBy,
      String reason,
      String stakeholderChannel,
      int updatesSent,
      Instant lastUpdateAt,
      Instant restoredAt,
      Instant reviewedAt,
      String reviewedBy,
      String reviewSummary,
      String reviewActions,
      List<Related> related) {

    static View of(MajorIncident m, List<Related> related) {
      return new View(
          m.declaredAt(),
          m.declaredBy(),
          m.reason(),
          m.stakeholderChannel(),
          m.updatesSent(),
          m.lastUpdateAt(),
          m.restoredAt(),
          m.reviewedAt(),
          m.reviewedBy(),
          m.reviewSummary(),
          m.reviewActions(),
          related);
    }
  }
}
