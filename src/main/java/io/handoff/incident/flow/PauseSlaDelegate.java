package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Pause SLA clock": the resolver asked the reporter a question. The incident is {@code
 * AWAITING_REPORTER}, the SLA watch has ended with the work sub-process, and the moment the clock
 * stopped is kept ({@code slaPausedAt}) so the answer resumes it with the time that was left. The
 * pause is recorded in {@code incident_pause}, the decision ledger and a counter.
 */
@Component("pauseSla")
public class PauseSlaDelegate implements JavaDelegate {

  public static final String PAUSE_COUNTER = "handoff.incidents.sla.pauses";
  private static final Logger log = LoggerFactory.getLogger(PauseSlaDelegate.class);

  private final IncidentRepository incidents;
  private final DecisionLedger ledger;
  private final MeterRegistry meters;

  public PauseSlaDelegate(
      IncidentRepository incidents, DecisionLedger ledger, MeterRegistry meters) {
    this.incidents = incidents;
    this.ledger = ledger;
    this.meters = meters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EngineClock.now();
    String question = requiredString(execution, REPORTER_QUESTION);
    String askedBy = string(execution, RESOLVED_OR_ASKED_BY);
    Instant slaDue = OffsetDateTime.parse(requiredString(execution, SLA_DUE)).toInstant();
    incidents.pause(incidentId(execution), question, askedBy, slaDue, now);
    setString(execution, SLA_PAUSED_AT, io.handoff.incident.SlaWindow.iso(now));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("slaDue", slaDue.toString());
    inputs.put("question", question);
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "SLA_PAUSED",
                askedBy == null ? DecidedBy.PLATFORM : DecidedBy.person(askedBy))
            .inputs(inputs)
            .outcome("AWAITING_REPORTER")
            .reason("Asked the reporter: " + question));
    Counter.builder(PAUSE_COUNTER)
        .description("SLA pauses: the resolver asked the reporter a question, by priority")
        .tag("priority", priority(execution))
        .register(meters)
        .increment();
    log.info(
        "Incident {}: {} asked the reporter; SLA clock paused with due {}, process instance {}",
        incidentId(execution),
        askedBy,
        slaDue,
        execution.getProcessInstanceId());
  }
}
