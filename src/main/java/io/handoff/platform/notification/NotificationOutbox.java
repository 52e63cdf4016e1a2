package io.handoff.platform.notification;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where every step puts what it wants to tell someone. A call writes one row in the step's own
 * transaction and sends nothing: when the step fails or loses an optimistic-locking race, the row
 * goes with it; when it commits, the node's delivery threads are woken and deliver the row with
 * retries ({@link NotificationDelivery}). One row per key: writing a key again is a no-op.
 *
 * <p>Keys name the event. A notification that happens once per case takes its key from the case
 * ({@code vendor/APP-1/approved/vendor}); one that can repeat (a reminder each time a timer fires)
 * adds {@link #currentStep()}, the engine's id of this run of the step.
 */
@Component("notificationOutbox")
public class NotificationOutbox {

  private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);

  private final OutboxStore store;
  private final NotificationDelivery delivery;

  public NotificationOutbox(OutboxStore store, NotificationDelivery delivery) {
    this.store = store;
    this.delivery = delivery;
  }

  /**
   * An e-mail.
   *
   * @param sender the From address, null for {@code handoff.notifications.mail-from}
   * @param to one or more addresses
   */
  public void mail(
      String key,
      String sender,
      List<String> to,
      String subject,
      String text,
      String processInstanceId) {
    if (to.isEmpty()) {
      throw new IllegalArgumentException("An e-mail needs a recipient: " + key);
    }
    write(
        new OutboxStore.NewRow(
            key,
            NotificationKind.MAIL,
            sender,
            String.join(", ", to),
            subject,
            text,
            processInstanceId));
  }

  /** A post to the operations chat; {@code channel} says for whom (a group), for the record. */
  public void chat(String key, String channel, String text, String processInstanceId) {
    write(
        new OutboxStore.NewRow(
            key, NotificationKind.CHAT, null, channel, null, text, processInstanceId));
  }

  /** A page of the on-call rota {@code recipient}; {@code summary} is what the pager shows. */
  public void page(
      String key, String recipient, String summary, String text, String processInstanceId) {
    write(
        new OutboxStore.NewRow(
            key, NotificationKind.PAGE, null, recipient, summary, text, processInstanceId));
  }

  /**
   * A page that triggers, acknowledges or resolves an alert at the paging service; the three of one
   * case share {@link PageEvent#dedupKey()}, so the service keeps them as one alert.
   */
  public void page(
      String key,
      String recipient,
      String summary,
      String text,
      PageEvent event,
      String processInstanceId) {
    write(
        new OutboxStore.NewRow(
            key,
            NotificationKind.PAGE,
            null,
            recipient,
            summary,
            text,
            processInstanceId,
            event.dedupKey(),
            event.column()));
  }

  /**
   * The paging events one process instance wrote so far, oldest first, including those not
   * delivered yet: each with its alert's dedup key and action.
   */
  public List<PageEvent> pageEvents(String processInstanceId) {
    return store.pageEvents(processInstanceId);
  }

  /** A notice kept by the process's own table for a portal or ERP; the outbox logs it. */
  public void notice(
      String key, String recipient, String subject, String text, String processInstanceId) {
    write(
        new OutboxStore.NewRow(
            key, NotificationKind.NOTICE, null, recipient, subject, text, processInstanceId));
  }

  /**
   * An integration event for one subscriber; {@link IntegrationEvents} writes one per subscriber.
   *
   * @param body the exact JSON posted and signed
   */
  void event(
      String key,
      String subscriber,
      EventType type,
      String eventId,
      String body,
      String processInstanceId) {
    write(
        new OutboxStore.NewRow(
            key,
            NotificationKind.EVENT,
            null,
            subscriber,
            type.wireName(),
            body,
            processInstanceId,
            eventId));
  }

  /**
   * The engine's id of the step running now (process instance and activity instance), for keys of
   * notifications that a step may send more than once per case; a fresh id outside a step.
   */
  public static String currentStep() {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    ExecutionEntity execution = context == null ? null : context.getExecution();
    if (execution != null && execution.getActivityInstanceId() != null) {
      return execution.getProcessInstanceId() + "/" + execution.getActivityInstanceId();
    }
    return "once/" + UUID.randomUUID();
  }

  private void write(OutboxStore.NewRow row) {
    if (row.key() == null || row.key().isBlank() || row.key().length() > 300) {
      throw new IllegalArgumentException("A notification key has 1 to 300 characters");
    }
    boolean written = store.insertIfAbsent(row, ClockUtil.now().toInstant());
    if (!written) {
      log.info("Notification {} is in the outbox already; not written again", row.key());
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              delivery.wake();
            }
          });
    } else {
      delivery.wake();
    }
  }
}
