package io.handoff.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.support.HandoffSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on the real engine and database: rows written in the step's transaction, delivered
 * after it by leased claims with retries, to a real webhook receiver on loopback. On PostgreSQL
 * with {@code -Ppostgres-tests}.
 */
@HandoffSpringTest
class NotificationOutboxTest {

  @Autowired NotificationOutbox outbox;
  @Autowired OutboxStore store;
  @Autowired NotificationDelivery contextDelivery;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JavaMailSender mailSender;
  @Autowired NotificationProperties properties;
  @Autowired ObjectMapper json;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  final List<AutoCloseable> closeLater = new ArrayList<>();
  String deploymentId;
  Instant now = Instant.parse("2031-03-03T09:00:00Z");

  @BeforeEach
  void quietOutboxAndFixedClock() {
    // Rows other tests left due are delivered by the context's own delivery first.
    ClockUtil.setCurrentTime(Date.from(now));
    contextDelivery.deliverDue();
  }

  @AfterEach
  void cleanUp() throws Exception {
    ClockUtil.reset();
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  // --- a "node": the platform's transports, with chat posts to the given receiver ---------------

  private WebhookReceiver receiver(IntFunction<Integer> answer) throws Exception {
    WebhookReceiver r = new WebhookReceiver(answer);
    closeLater.add(r);
    return r;
  }

  private NotificationDelivery node(String name, WebhookReceiver chat, Duration timeout) {
    NotificationProperties withChat =
        new NotificationProperties(
            properties.mailFrom(),
            properties.delivery(),
            properties.mailCatcher(),
            new NotificationProperties.Webhook(chat.url(), Duration.ofSeconds(2), timeout),
            properties.pager());
    Map<NotificationKind, NotificationTransport> transports =
        new EnumMap<>(NotificationConfig.transports(mailSender, withChat, json));
    return new NotificationDelivery(
        store,
        transactionManager,
        transports,
        new NotificationProperties.Delivery(
            false,
            1,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1))),
        name + "/" + UUID.randomUUID());
  }

  private void inTransaction(Runnable work) {
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> work.run());
  }

  private static String key(String what) {
    return "test/" + what + "/" + UUID.randomUUID();
  }

  private OutboxEntry row(String key) {
    return store.findByKey(key).orElseThrow();
  }

  private void moveClock(Duration by) {
    now = now.plus(by);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  // --- the step's transaction ---------------------------------------------------------------

  /** Chat post, then a call to a system that is down unless {@code systemUp}: one transaction. */
  private String deployProbe() {
    String processKey = "outbox-probe-" + UUID.randomUUID().toString().substring(0, 8);
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(
                processKey + ".bpmn",
                Bpmn.createExecutableProcess(processKey)
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .serviceTask("PostToChatTask")
                    .camundaAsyncBefore()
                    .camundaExpression(
                        "${notificationOutbox.chat(key, 'ops', 'probe', execution.processInstanceId)}")
                    .serviceTask("CallOtherSystemTask")
                    .camundaExpression("${systemUp ? true : unreachableSystem.call()}")
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    return processKey;
  }

  @Test
  void aStepThatFailsAfterWritingItsNotificationLeavesNoRowAndSendsNothingItsRetrySendsOnce()
      throws Exception {
    WebhookReceiver chat = receiver(n -> 200);
    NotificationDelivery node = node("a", chat, Duration.ofSeconds(2));
    String key = key("step");
    ProcessInstance pi =
        runtimeService.startProcessInstanceByKey(
            deployProbe(), Variables.putValue("key", key).putValue("systemUp", false));
    Job job = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .hasMessageContaining("unreachableSystem");
    assertThat(store.findByKey(key)).as("rolled back with the step").isEmpty();
    node.deliverDue();
    assertThat(chat.requests).isEmpty();

    runtimeService.setVariable(pi.getId(), "systemUp", true);
    managementService.executeJob(job.getId());
    assertThat(row(key).status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(row(key).processInstanceId()).isEqualTo(pi.getId());
    node.deliverDue();
    node.deliverDue();

    assertThat(chat.requests).hasSize(1);
    assertThat(chat.requests.get(0).body()).isEqualTo("{\"text\":\"probe\"}");
    assertThat(chat.requests.get(0).contentType()).isEqualTo("application/json");
    assertThat(chat.keys()).containsExactly(row(key).deliveryId());
    assertThat(row(key).status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(row(key).attempts()).isEqualTo(1);
    assertThat(row(key).deliveredAt()).isEqualTo(now);
  }

  @Test
  void writingTheSameKeyTwiceKeepsOneRow() {
    String key = key("twice");
    inTransaction(
        () -> {
          outbox.chat(key, "ops", "first", null);
          outbox.chat(key, "ops", "second", null);
        });
    inTransaction(() -> outbox.chat(key, "ops", "third", null));
    assertThat(store.findByKey(key))
        .hasValueSatisfying(e -> assertThat(e.body()).isEqualTo("first"));
  }

  // --- retries -------------------------------------------------------------------------------

  @Test
  void aRefusedDeliveryIsRetriedAfterItsPauseAndDeliveredOnceWithTheSameIdempotencyKey()
      throws Exception {
    WebhookReceiver chat = receiver(n -> n == 1 ? 503 : 200);
    NotificationDelivery node = node("a", chat, Duration.ofSeconds(2));
    String key = key("retry");
    inTransaction(() -> outbox.chat(key, "ops", "retried", null));

    node.deliverDue();
    OutboxEntry failed = row(key);
    assertThat(failed.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("503");
    assertThat(failed.nextAttemptAt()).isEqualTo(now.plusSeconds(10));
    assertThat(failed.leaseOwner()).isNull();

    node.deliverDue();
    assertThat(chat.requests).as("not due before its pause").hasSize(1);

    moveClock(Duration.ofSeconds(11));
    node.deliverDue();
    assertThat(row(key).status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(row(key).attempts()).isEqualTo(2);
    assertThat(chat.keys()).containsExactly(failed.deliveryId(), failed.deliveryId());
    node.deliverDue();
    assertThat(chat.requests).hasSize(2);
  }

  @Test
  void aNotificationEveryAttemptOfWhichFailsEndsFailedAfterTheLastPause() throws Exception {
    WebhookReceiver chat = receiver(n -> 500);
    NotificationDelivery node = node("a", chat, Duration.ofSeconds(2));
    String key = key("failing");
    inTransaction(() -> outbox.chat(key, "ops", "never accepted", null));

    node.deliverDue();
    moveClock(Duration.ofSeconds(11));
    node.deliverDue();
    assertThat(row(key).nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
    moveClock(Duration.ofMinutes(2));
    node.deliverDue();
    moveClock(Duration.ofHours(1));
    node.deliverDue();

    assertThat(row(key).status()).isEqualTo(NotificationStatus.FAILED);
    assertThat(row(key).attempts()).isEqualTo(3);
    assertThat(row(key).lastError()).contains("500");
    assertThat(chat.requests).hasSize(3);
  }

  @Test
  void aPostWhoseAnswerNeverCameIsSentAgainWithTheSameIdempotencyKey() throws Exception {
    // The receiver takes the first post but answers after the client gave up: sent, not recorded.
    WebhookReceiver chat = receiver(n -> n == 1 ? -2500 : 200);
    NotificationDelivery node = node("a", chat, Duration.ofMillis(500));
    String key = key("lost-answer");
    inTransaction(() -> outbox.chat(key, "ops", "answer lost", null));

    node.deliverDue();
    assertThat(row(key).status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(row(key).lastError()).containsIgnoringCase("timed out");
    moveClock(Duration.ofSeconds(11));
    node.deliverDue();

    assertThat(row(key).status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(chat.keys()).hasSize(2).containsOnly(row(key).deliveryId());
  }

  // --- several nodes -------------------------------------------------------------------------

  @Test
  void aRowLeasedByANodeThatDiedIsTakenOverByAnotherOnceTheLeaseEnds() throws Exception {
    WebhookReceiver chat = receiver(n -> 200);
    NotificationDelivery dead = node("dead", chat, Duration.ofSeconds(2));
    NotificationDelivery survivor = node("survivor", chat, Duration.ofSeconds(2));
    String key = key("lease");
    inTransaction(() -> outbox.chat(key, "ops", "taken over", null));

    // The node claims the row and dies before it sends anything.
    assertThat(dead.claim()).hasValueSatisfying(e -> assertThat(e.key()).isEqualTo(key));
    assertThat(row(key).leaseOwner()).isEqualTo(dead.owner());

    survivor.deliverDue();
    assertThat(chat.requests).as("the lease holds").isEmpty();

    moveClock(Duration.ofMinutes(5).plusSeconds(1));
    survivor.deliverDue();
    assertThat(chat.keys()).containsExactly(row(key).deliveryId());
    assertThat(row(key).status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(row(key).attempts()).as("the dead node's attempt counts").isEqualTo(2);
  }

  @Test
  void twoNodesPollingTheSameDatabaseDeliverEveryRowExactlyOnce() throws Exception {
    WebhookReceiver chat = receiver(n -> 200);
    NotificationDelivery a = node("a", chat, Duration.ofSeconds(5));
    NotificationDelivery b = node("b", chat, Duration.ofSeconds(5));
    String run = UUID.randomUUID().toString();
    int rows = 120;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      keys.add("test/concurrent/" + run + "/" + i);
    }
    inTransaction(() -> keys.forEach(k -> outbox.chat(k, "ops", "row " + k, null)));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> pollers =
          List.of(a::deliverDue, a::deliverDue, b::deliverDue, b::deliverDue);
      int attempts = 0;
      for (Future<Integer> f : pool.invokeAll(pollers)) {
        attempts += f.get();
      }
      assertThat(attempts).isEqualTo(rows);
    } finally {
      pool.shutdownNow();
    }

    Set<String> expected = keys.stream().map(OutboxEntry::deliveryIdOf).collect(Collectors.toSet());
    assertThat(chat.requests).hasSize(rows);
    assertThat(Set.copyOf(chat.keys())).isEqualTo(expected);
    assertThat(keys)
        .allSatisfy(k -> assertThat(row(k).status()).isEqualTo(NotificationStatus.DELIVERED))
        .allSatisfy(k -> assertThat(row(k).attempts()).isEqualTo(1));
  }
}
