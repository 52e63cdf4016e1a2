package io.handoff.platform.notification;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: a few threads per node (not the engine's job threads) that each claim one
 * due row at a time with a lease, hand it to its transport, and record the outcome.
 *
 * <ul>
 *   <li>Claiming counts the attempt and leases the row to this node ({@link
 *       OutboxStore#claimNext}); nodes polling the same database never take the same row while its
 *       lease lasts.
 *   <li>Delivered (or logged): marked, never sent again.
 *   <li>Failed: due again after the next of {@code retry-delays}; after the last, {@code FAILED}.
 *   <li>Node killed between sending and marking: the lease ends and another node sends the row
 *       again with the same Message-ID or {@code Idempotency-Key}. That repeat is the one way a
 *       notification can reach a receiver twice; receivers that de-duplicate on the id see it once.
 * </ul>
 */
public class NotificationDelivery implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
  private static final int MAX_ERROR = 2000;

  private final OutboxStore store;
  private final TransactionTemplate transaction;
  private final Map<NotificationKind, NotificationTransport> transports;
  private final NotificationProperties.Delivery settings;
  private final String owner;
  private final Semaphore wakeUps = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  NotificationDelivery(
      OutboxStore store,
      PlatformTransactionManager transactionManager,
      Map<NotificationKind, NotificationTransport> transports,
      NotificationProperties.Delivery settings,
      String owner) {
    this.store = store;
    this.transaction = new TransactionTemplate(transactionManager);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.transports = new EnumMap<>(transports);
    this.settings = settings;
    this.owner = owner;
  }

  /** A lease owner that names the node: host and process, and a random part per start. */
  static String nodeOwner() {
    return ManagementFactory.getRuntimeMXBean().getName()
        + "/"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The lease owner this node writes into the rows it delivers. */
  public String owner() {
    return owner;
  }

  /** A step committed a row: let an idle thread look now instead of at its next poll. */
  void wake() {
    if (running && wakeUps.availablePermits() < settings.threads()) {
      wakeUps.release();
    }
  }

  /**
   * Delivers due rows on the calling thread until none is left; returns how many attempts it made.
   * What the delivery threads do in a loop; operators and tests may call it directly.
   */
  public int deliverDue() {
    int attempts = 0;
    while (deliverOne()) {
      attempts++;
    }
    return attempts;
  }

  /** Claims, delivers and records one due row; false when none was due. */
  boolean deliverOne() {
    Optional<OutboxEntry> claimed = claim();
    if (claimed.isEmpty()) {
      return false;
    }
    deliver(claimed.get());
    return true;
  }

  Optional<OutboxEntry> claim() {
    Instant now = ClockUtil.now().toInstant();
    return transaction.execute(status -> store.claimNext(owner, now, now.plus(settings.lease())));
  }

  void deliver(OutboxEntry entry) {
    NotificationTransport transport = transports.get(entry.kind());
    NotificationStatus outcome;
    try {
      if (transport == null) {
        throw new IllegalStateException("No transport for " + entry.kind());
      }
      outcome = transport.deliver(entry);
    } catch (Exception e) {
      failed(entry, e);
      return;
    }
    // Sent. Should this fail (the database away), the row stays leased and is sent again, with
    // the same delivery id, once the lease ends; it is never counted as a failed attempt.
    Instant now = ClockUtil.now().toInstant();
    boolean marked = transaction.execute(status -> store.markDone(entry.id(), outcome, now));
    if (!marked) {
      log.warn(
          "Notification {} was recorded by another node while this one delivered it", entry.key());
    }
  }

  private void failed(OutboxEntry entry, Exception e) {
    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (error.length() > MAX_ERROR) {
      error = error.substring(0, MAX_ERROR);
    }
    List<Duration> delays = settings.retryDelays();
    Instant retryAt =
        entry.attempts() <= delays.size()
            ? ClockUtil.now().toInstant().plus(delays.get(entry.attempts() - 1))
            : null;
    String recorded = error;
    transaction.executeWithoutResult(
        status -> store.markAttemptFailed(entry.id(), owner, recorded, retryAt));
    if (retryAt == null) {
      log.error(
          "Notification {} (process instance {}) FAILED after {} attempts: {}",
          entry.key(),
          entry.processInstanceId(),
          entry.attempts(),
          error);
    } else {
      log.warn(
          "Notification {} (process instance {}) attempt {} failed, next at {}: {}",
          entry.key(),
          entry.processInstanceId(),
          entry.attempts(),
          retryAt,
          error);
    }
  }

  private void loop() {
    while (running) {
      try {
        if (!deliverOne()) {
          wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database is away (a restart, a failover): try again at the next poll.
        log.warn("Notification delivery: {}", e.toString());
        try {
          Thread.sleep(Math.max(1000, settings.pollInterval().toMillis()));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public synchronized void start() {
    if (running || !settings.enabled()) {
      return;
    }
    running = true;
    for (int i = 0; i < settings.threads(); i++) {
      Thread t = new Thread(this::loop, "notification-delivery-" + (i + 1));
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    log.info("Notification delivery started: {} thread(s), lease owner {}", threads.size(), owner);
  }

  @Override
  public synchronized void stop() {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the process engine (and its database) is up, before the web server takes requests. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2000;
  }
}
