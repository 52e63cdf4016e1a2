package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.notification.NotificationOutbox;
import io.handoff.platform.notification.PageEvent;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Default reporter and on-call notifiers. Every notification is recorded in {@code
 * incident_notification} (what the reporter portal and the on-call rota read) and written to the
 * platform's notification outbox, both in the step's transaction: the reporter gets an e-mail at
 * the address of their platform account (or at the reporter given as an address; a reporter with
 * neither, such as Alertmanager, gets a notice in the log), on-call a page through the paging
 * service ({@code handoff.notifications.pager.*}; logged when none is set): a trigger whose
 * PagerDuty {@code dedup_key} is the incident id, then one acknowledge at the first response and
 * one resolve when the incident is resolved or closed, for incidents that were paged; a later page
 * (an escalation the SLA table marks, a reopened P1) is acknowledged by the next claim and resolved
 * again.
 */
@Component
public class OutboxIncidentNotifiers implements ReporterNotifier, OnCallNotifier {

  static final String REPORTER_CHANNEL = "REPORTER";
  static final String ON_CALL_CHANNEL = "ON_CALL";
  private static final Logger log = LoggerFactory.getLogger(OutboxIncidentNotifiers.class);

  private final IncidentRepository incidents;
  private final NotificationOutbox outbox;
  private final IdentityService identityService;
  private final String onCallRecipient;

  public OutboxIncidentNotifiers(
      IncidentRepository incidents,
      NotificationOutbox outbox,
      IdentityService identityService,
      IncidentProperties properties) {
    this.incidents = incidents;
    this.outbox = outbox;
    this.identityService = identityService;
    this.onCallRecipient = properties.onCall().recipient();
  }

  @Override
  public void notify(String incidentId, String processInstanceId, String reporter, String message) {
    record(incidentId, REPORTER_CHANNEL, reporter, message);
    String key = "incident/" + incidentId + "/reporter/" + NotificationOutbox.currentStep();
    String subject = "Incident " + incidentId + ": please confirm or reopen";
    String address = addressOf(reporter);
    if (address == null) {
      outbox.notice(key, reporter, subject, message, processInstanceId);
    } else {
      outbox.mail(key, null, List.of(address), subject, message, processInstanceId);
    }
  }

  @Override
  public void page(String incidentId, String processInstanceId, String message, String severity) {
    record(incidentId, ON_CALL_CHANNEL, onCallRecipient, message);
    outbox.page(
        "incident/" + incidentId + "/on-call/" + NotificationOutbox.currentStep(),
        onCallRecipient,
        message,
        message,
        PageEvent.trigger(incidentId, severity),
        processInstanceId);
  }

  /**
   * Acknowledges the page when the incident's latest page is a trigger not acknowledged yet: the
   * first response to a paged incident, or the claim that follows an escalation's page.
   */
  @Override
  public void acknowledge(String incidentId, String processInstanceId, String by) {
    List<String> actions = outbox.pageActions(processInstanceId, incidentId);
    if (actions.isEmpty() || !PageEvent.TRIGGER.equals(actions.get(actions.size() - 1))) {
      return;
    }
    String message = "Acknowledged" + (by == null ? "" : " by " + by);
    record(incidentId, ON_CALL_CHANNEL, onCallRecipient, message);
    outbox.page(
        followUpKey(incidentId, PageEvent.ACKNOWLEDGE, actions),
        onCallRecipient,
        message,
        message,
        PageEvent.acknowledge(incidentId),
        processInstanceId);
  }

  /**
   * Resolves the page when the incident was paged and its latest page is not a resolve: at each
   * resolution or close, so a reopened incident paged again is resolved again.
   */
  @Override
  public void resolve(String incidentId, String processInstanceId) {
    List<String> actions = outbox.pageActions(processInstanceId, incidentId);
    if (actions.isEmpty() || PageEvent.RESOLVE.equals(actions.get(actions.size() - 1))) {
      return;
    }
    record(incidentId, ON_CALL_CHANNEL, onCallRecipient, "Resolved");
    outbox.page(
        followUpKey(incidentId, PageEvent.RESOLVE, actions),
        onCallRecipient,
        "Resolved",
        "Resolved",
        PageEvent.resolve(incidentId),
        processInstanceId);
  }

  /**
   * The outbox key of the n-th acknowledge or resolve of one incident: the same for a retried
   * transaction, so each is written once.
   */
  private static String followUpKey(String incidentId, String action, List<String> actions) {
    long before = actions.stream().filter(action::equals).count();
    return "incident/"
        + incidentId
        + "/on-call/"
        + action
        + (before == 0 ? "" : "/" + (before + 1));
  }

  private String addressOf(String reporter) {
    if (reporter == null || reporter.isBlank()) {
      return null;
    }
    if (reporter.contains("@")) {
      return reporter.trim();
    }
    User user = identityService.createUserQuery().userId(reporter).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank()
        ? null
        : user.getEmail();
  }

  private void record(String incidentId, String channel, String recipient, String message) {
    incidents.recordNotification(incidentId, channel, recipient, message, EngineClock.now());
    log.info("Incident {}: {} notification to {}: {}", incidentId, channel, recipient, message);
  }
}
