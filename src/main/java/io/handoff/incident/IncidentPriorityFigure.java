package io.handoff.incident;

import io.handoff.platform.decision.CountPerOutcome;
import org.springframework.stereotype.Component;

/** What-if headline figure of the priority table: incidents per priority. */
@Component
class IncidentPriorityFigure extends CountPerOutcome {

  IncidentPriorityFigure() {
    super(IncidentDecisions.PRIORITY, "priority", "incidents per priority");
  }
}
