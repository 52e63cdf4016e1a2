package io.handoff.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.handoff.support.HandoffSpringTest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An SMTP server that accepts connections and never answers: the e-mail's delivery gives up after
 * the configured SMTP timeouts and is retried, process instances finish meanwhile, and once a real
 * SMTP server listens on that port the e-mail arrives exactly once, with its Message-ID.
 */
@HandoffSpringTest
class StalledMailServerTest {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(4);

  @Autowired NotificationOutbox outbox;
  @Autowired OutboxStore store;
  @Autowired NotificationDelivery contextDelivery;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired NotificationProperties properties;
  @Autowired ObjectMapper json;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  final List<Socket> held = new CopyOnWriteArrayList<>();
  ServerSocket stalled;
  GreenMail recovered;
  String deploymentId;

  /** Copies both directions between the client and the server on {@code port} until either ends. */
  private void forward(Socket client, int port) throws java.io.IOException {
    Socket server = new Socket(InetAddress.getLoopbackAddress(), port);
    held.add(client);
    held.add(server);
    for (Socket[] pair : new Socket[][] {{client, server}, {server, client}}) {
      Thread pipe =
          new Thread(
              () -> {
                try {
                  pair[0].getInputStream().transferTo(pair[1].getOutputStream());
                } catch (java.io.IOException ended) {
                  // one side closed
                } finally {
                  try {
                    pair[1].shutdownOutput();
                  } catch (java.io.IOException alreadyClosed) {
                    // nothing left to tell
                  }
                }
              });
      pipe.setDaemon(true);
      pipe.start();
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    ClockUtil.reset();
    if (stalled != null) {
      stalled.close();
    }
    for (Socket s : held) {
      s.close();
    }
    if (recovered != null) {
      recovered.stop();
    }
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  /** Where the listener forwards new connections once the server is back; 0 while it stalls. */
  volatile int forwardTo;

  /**
   * Accepts every connection and keeps it open without a word, until the server "comes back": from
   * then on it forwards each new connection to the recovered SMTP server. The address the client
   * knows never stops listening, so nothing else can take its port in between.
   */
  private int startStalledServer() throws Exception {
    stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (!stalled.isClosed()) {
                  Socket client = stalled.accept();
                  if (forwardTo == 0) {
                    held.add(client);
                  } else {
                    forward(client, forwardTo);
                  }
                }
              } catch (Exception closed) {
                // the test closed it
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return stalled.getLocalPort();
  }

  /** The SMTP client as the application builds it, pointed at the port, with short timeouts. */
  private JavaMailSender mailSenderTo(int port) {
    MailProperties mail = new MailProperties();
    mail.setHost("127.0.0.1");
    mail.setPort(port);
    mail.getProperties().put("mail.smtp.connectiontimeout", "2000");
    mail.getProperties().put("mail.smtp.timeout", String.valueOf(READ_TIMEOUT.toMillis()));
    mail.getProperties().put("mail.smtp.writetimeout", String.valueOf(READ_TIMEOUT.toMillis()));
    return new NotificationConfig()
        .mailSender(mail, new DefaultListableBeanFactory().getBeanProvider(MailCatcher.class));
  }

  private String deployChatProbe() {
    String processKey = "stalled-probe-" + UUID.randomUUID().toString().substring(0, 8);
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
                        "${notificationOutbox.chat(key, 'ops', 'meanwhile', execution.processInstanceId)}")
                    .endEvent("ProbeEndEvent")
                    .done())
            .deploy()
            .getId();
    return processKey;
  }

  @Test
  void aMailServerThatNeverAnswersDelaysOnlyTheMailWhichArrivesOnceWhenTheServerIsBack()
      throws Exception {
    Instant now = Instant.parse("2031-05-05T08:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
    contextDelivery.deliverDue();
    int port = startStalledServer();
    NotificationDelivery node =
        new NotificationDelivery(
            store,
            transactionManager,
            NotificationConfig.transports(mailSenderTo(port), properties, json),
            new NotificationProperties.Delivery(
                false,
                1,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                List.of(Duration.ofSeconds(10))),
            "stalled-test/" + UUID.randomUUID());
    String key = "test/stalled-smtp/" + UUID.randomUUID();
    new TransactionTemplate(transactionManager)
        .executeWithoutResult(
            s ->
                outbox.mail(
                    key,
                    null,
                    List.of("ops@handoff.example"),
                    "Stalled server",
                    "Sent once the server answers.",
                    null));

    AtomicLong deliveryMillis = new AtomicLong();
    Thread delivering =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              node.deliverOne();
              deliveryMillis.set((System.nanoTime() - t0) / 1_000_000);
            });
    delivering.start();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(held).as("the client connected to the stalled server").isNotEmpty());

    // Meanwhile: other instances write their notifications and finish.
    String probe = deployChatProbe();
    List<String> finished = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String pi =
          runtimeService
              .startProcessInstanceByKey(
                  probe, Variables.putValue("key", "test/meanwhile/" + UUID.randomUUID()))
              .getId();
      Job job = managementService.createJobQuery().processInstanceId(pi).singleResult();
      managementService.executeJob(job.getId());
      finished.add(pi);
    }
    assertThat(delivering.isAlive()).as("the mail is still waiting for the server").isTrue();
    assertThat(finished)
        .allSatisfy(
            pi ->
                assertThat(
                        historyService
                            .createHistoricProcessInstanceQuery()
                            .processInstanceId(pi)
                            .singleResult()
                            .getEndActivityId())
                    .isEqualTo("ProbeEndEvent"));

    delivering.join(30_000);
    assertThat(delivering.isAlive()).isFalse();
    assertThat(deliveryMillis.get())
        .as("gave up after the read timeout, not later")
        .isBetween(READ_TIMEOUT.toMillis() - 500, READ_TIMEOUT.toMillis() + 6000);
    OutboxEntry waiting = store.findByKey(key).orElseThrow();
    assertThat(waiting.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastError()).containsIgnoringCase("timed out");
    assertThat(waiting.nextAttemptAt()).isEqualTo(now.plusSeconds(10));

    // The server comes back: a real SMTP server behind the same address. The connection the
    // stalled server held is dropped; new ones reach the recovered server.
    for (Socket s : held) {
      s.close();
    }
    held.clear();
    recovered =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    recovered.start();
    forwardTo = recovered.getSmtp().getPort();
    ClockUtil.setCurrentTime(Date.from(now.plusSeconds(11)));
    node.deliverDue();
    node.deliverDue();

    String messageId = "<" + waiting.deliveryId() + "@handoff.example>";
    List<MimeMessage> arrived =
        Arrays.stream(recovered.getReceivedMessages())
            .filter(m -> messageIdOf(m).equals(messageId))
            .toList();
    assertThat(arrived).hasSize(1);
    assertThat(arrived.get(0).getSubject()).isEqualTo("Stalled server");
    assertThat(arrived.get(0).getHeader(MailTransport.KEY_HEADER, null)).isEqualTo(key);
    OutboxEntry delivered = store.findByKey(key).orElseThrow();
    assertThat(delivered.status()).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(2);
  }

  private static String messageIdOf(MimeMessage m) {
    try {
      return String.valueOf(m.getMessageID());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
