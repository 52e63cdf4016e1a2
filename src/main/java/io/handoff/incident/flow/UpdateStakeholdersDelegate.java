package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.Incident;
import io.handoff.incident.IncidentChat;
import io.handoff.incident.MajorIncident;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.engine.EngineClock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Update stakeholders": posts where a major incident stands to its stakeholder channel. With the
 * input {@code stakeholderUpdate} = {@code PROGRESS} (the cadence timer's step) it reports status,
 * group, level and linked incidents; with {@code RESTORED} (after the resolution) it reports the
 * service restored, and the incident waits for its review ({@code AWAITING_REVIEW}). A major
 * incident worked again after a reopen gets a progress update at once, then on the cadence.
 */
@Component("updateStakeholders")
public class UpdateStakeholdersDelegate implements JavaDelegate {

  static final String PROGRESS = "PROGRESS";
  static final String RESTORED = "RESTORED";

  private static final Logger log = LoggerFactory.getLogger(UpdateStakeholdersDelegate.class);

  private final IncidentRepository incidents;
  private final MajorIncidentRepository majors;
  private final IncidentChat chat;

  public UpdateStakeholdersDelegate(
      IncidentRepository incidents, MajorIncidentRepository majors, IncidentChat chat) {
    this.incidents = incidents;
    this.majors = majors;
    this.chat = chat;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = incidentId(execution);
    String update = requiredString(execution, IN_STAKEHOLDER_UPDATE);
    if (!PROGRESS.equals(update) && !RESTORED.equals(update)) {
      throw new IllegalStateException(
          "stakeholderUpdate must be PROGRESS or RESTORED, not " + update);
    }
    MajorIncident major = majors.find(id).orElse(null);
    if (major == null) {
      // only reached by a token moved here: there are no stakeholders to tell
      log.warn("Incident {} is not a major incident: no stakeholder update", id);
      return;
    }
    Incident incident = incidents.find(id).orElseThrow();
    Instant now = EngineClock.now();
    int related = majors.related(id).size();
    String text;
    if (RESTORED.equals(update)) {
      majors.restored(id, now);
      text =
          "Major incident "
              + incident.title()
              + ": service restored ("
              + incident.resolutionCode()
              + "). A review follows before it closes.";
    } else {
      majors.recordUpdate(id, now);
      text =
          "Major incident "
              + incident.title()
              + ": "
              + incident.status()
              + ", worked by "
              + incident.assignedGroup()
              + " at level "
              + incident.escalationLevel()
              + ", resolution due "
              + incident.slaDue()
              + (related == 0 ? "." : ", " + related + " related incidents.")
              + " Update "
              + (major.updatesSent() + 1)
              + ".";
    }
    chat.post(
        id,
        execution.getProcessInstanceId(),
        "major-" + update.toLowerCase(java.util.Locale.ROOT),
        major.stakeholderChannel(),
        text);
    log.info(
        "Incident {}: stakeholders updated ({}) on {}", id, update, major.stakeholderChannel());
  }
}
