package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.notification.NotificationOutbox;
import io.handoff.platform.notification.PageEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
 * one resolve when the incident is resolved or closed, for incidents that were paged. A later page
 * (an escalation the SLA table marks) while that alert is open is an alert of its own, so the
 * paging service notifies again; the next claim acknowledges it and the resolution resolves it.
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
    String key = "incident/" + incidentId + "/on-call/" + NotificationOutbox.currentStep();
    String action = alerts(processInstanceId).get(incidentId);
    boolean open = action != null && !PageEvent.RESOLVE.equals(action);
    String dedupKey =
        open ? UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString() : incidentId;
    record(incidentId, ON_CALL_CHANNEL, onCallRecipient, message);
    outbox.page(
        key,
        onCallRecipient,
        message,
        message,
        PageEvent.trigger(dedupKey, severity),
        processInstanceId);
  }

  /**
   * Acknowledges every alert of the incident whose latest event is a trigger: the first response to
   * a paged incident, the claim that follows an escalation's page.
   */
  @Override
  public void acknowledge(String incidentId, String processInstanceId, String by) {
    String message = "Acknowledged" + (by == null ? "" : " by " + by);
    followUp(
        incidentId, processInstanceId, PageEvent.ACKNOWLEDGE, message, PageEvent.TRIGGER::equals);
  }

  /**
   * Resolves every alert of the incident that is not resolved: at each resolution or close, so an
   * incident paged again after it was resolved once is resolved again.
   */
  @Override
  public void resolve(String incidentId, String processInstanceId) {
    followUp(
        incidentId,
        processInstanceId,
        PageEvent.RESOLVE,
        "Resolved",
        a -> !PageEvent.RESOLVE.equals(a));
  }

  private void followUp(
      String incidentId,
      String processInstanceId,
      String action,
      String message,
      Predicate<String> due) {
    List<PageEvent> events = outbox.pageEvents(processInstanceId);
    Map<String, String> alerts = latestByAlert(events);
    boolean recorded = false;
    for (Map.Entry<String, String> alert : alerts.entrySet()) {
      if (!due.test(alert.getValue())) {
        continue;
      }
      if (!recorded) {
        record(incidentId, ON_CALL_CHANNEL, onCallRecipient, message);
        recorded = true;
      }
      outbox.page(
          followUpKey(incidentId, alert.getKey(), action, events),
          onCallRecipient,
          message,
          message,
          PageEvent.ACKNOWLEDGE.equals(action)
              ? PageEvent.acknowledge(alert.getKey())
              : PageEvent.resolve(alert.getKey()),
          processInstanceId);
    }
  }

  /** The latest action of each alert (dedup key) the instance paged, in the order they began. */
  private Map<String, String> alerts(String processInstanceId) {
    return latestByAlert(outbox.pageEvents(processInstanceId));
  }

  private static Map<String, String> latestByAlert(List<PageEvent> events) {
    Map<String, String> latest = new LinkedHashMap<>();
    events.forEach(e -> latest.put(e.dedupKey(), e.action()));
    return latest;
  }

  /**
   * The outbox key of an acknowledge or resolve: the n-th of the incident's own alert (which a
   * resolved incident may trigger again), or the one of an alert of its own; the same for a retried
   * transaction, so each is written once.
   */
  private static String followUpKey(
      String incidentId, String dedupKey, String action, List<PageEvent> events) {
    String key = "incident/" + incidentId + "/on-call/" + action;
    if (!incidentId.equals(dedupKey)) {
      return key + "/" + dedupKey;
    }
    long before =
        events.stream()
            .filter(e -> dedupKey.equals(e.dedupKey()) && action.equals(e.action()))
            .count();
    return key + (before == 0 ? "" : "/" + (before + 1));
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
