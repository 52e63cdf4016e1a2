package io.handoff.platform.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A delivery node as the application builds it, on the test's database, whose subscribers post to
 * receivers of the test instead of the configured URLs (same names and secrets). Tests deliver on
 * their own thread ({@link NotificationDelivery#deliverDue()}) and move the engine clock past the
 * retry pauses instead of waiting for them.
 */
public final class EventDeliveryNode {

  /** The retry pauses of the nodes built here: 10 s, then 1 min, then FAILED. */
  public static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1));

  private EventDeliveryNode() {}

  /** The configured secret of a subscriber of the test configuration. */
  public static String secretOf(ApplicationContext context, String subscriber) {
    return context.getBean(EventProperties.class).subscriber(subscriber).orElseThrow().secret();
  }

  /**
   * @param urls receiver URL per subscriber name; subscribers not named keep their configured URL
   */
  public static NotificationDelivery create(ApplicationContext context, Map<String, String> urls) {
    EventProperties configured = context.getBean(EventProperties.class);
    EventProperties events =
        new EventProperties(
            configured.subscribers().stream()
                .map(
                    s ->
                        new EventProperties.Subscriber(
                            s.name(), urls.getOrDefault(s.name(), s.url()), s.secret(), s.events()))
                .toList(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    return new NotificationDelivery(
        context.getBean(OutboxStore.class),
        context.getBean(PlatformTransactionManager.class),
        NotificationConfig.transports(
            context.getBean(JavaMailSender.class),
            context.getBean(NotificationProperties.class),
            events,
            context.getBean(ObjectMapper.class)),
        new NotificationProperties.Delivery(
            false, 1, Duration.ofSeconds(1), Duration.ofMinutes(5), RETRY_DELAYS),
        "events-test/" + UUID.randomUUID());
  }
}
