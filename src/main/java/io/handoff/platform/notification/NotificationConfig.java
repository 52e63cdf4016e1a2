package io.handoff.platform.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox's delivery and its transports: the SMTP client (Spring's {@code spring.mail.*}, or the
 * mail catcher when it runs), the chat webhook and the pager.
 */
@Configuration
@EnableConfigurationProperties(MailProperties.class)
public class NotificationConfig {

  private static final Logger log = LoggerFactory.getLogger(NotificationConfig.class);

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Timeouts an SMTP conversation gets when {@code spring.mail.properties} sets none (ms). */
  static final Map<String, String> SMTP_TIMEOUTS =
      Map.of(
          "mail.smtp.connectiontimeout", "5000",
          "mail.smtp.timeout", "10000",
          "mail.smtp.writetimeout", "10000");

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "handoff.notifications.mail-catcher.enabled", havingValue = "true")
  MailCatcher mailCatcher(NotificationProperties properties) {
    return new MailCatcher(properties.mailCatcher().bindAddress(), properties.mailCatcher().port());
  }

  /** The SMTP client, as Spring Boot would build it, plus timeouts that are never infinite. */
  @Bean
  JavaMailSender mailSender(MailProperties mail, ObjectProvider<MailCatcher> catcher) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    Optional<MailCatcher> caught = Optional.ofNullable(catcher.getIfAvailable());
    if (caught.isPresent()) {
      sender.setHost(caught.get().bindAddress());
      sender.setPort(caught.get().port());
    } else {
      sender.setHost(mail.getHost());
      if (mail.getPort() != null) {
        sender.setPort(mail.getPort());
      }
      sender.setUsername(mail.getUsername());
      sender.setPassword(mail.getPassword());
    }
    sender.setProtocol(mail.getProtocol());
    if (mail.getDefaultEncoding() != null) {
      sender.setDefaultEncoding(mail.getDefaultEncoding().name());
    }
    Properties javaMail = new Properties();
    javaMail.putAll(mail.getProperties());
    SMTP_TIMEOUTS.forEach(javaMail::putIfAbsent);
    sender.setJavaMailProperties(javaMail);
    return sender;
  }

  @Bean
  NotificationDelivery notificationDelivery(
      OutboxStore store,
      PlatformTransactionManager transactionManager,
      JavaMailSender mailSender,
      NotificationProperties properties,
      EventProperties events,
      ObjectMapper json) {
    return new NotificationDelivery(
        store,
        transactionManager,
        transports(mailSender, properties, events, json),
        properties.delivery(),
        NotificationDelivery.nodeOwner());
  }

  /** The transports of a node without event subscribers. */
  static Map<NotificationKind, NotificationTransport> transports(
      JavaMailSender mailSender, NotificationProperties properties, ObjectMapper json) {
    return transports(
        mailSender,
        properties,
        new EventProperties(List.of(), DEFAULT_TIMEOUT, DEFAULT_TIMEOUT),
        json);
  }

  static Map<NotificationKind, NotificationTransport> transports(
      JavaMailSender mailSender,
      NotificationProperties properties,
      EventProperties events,
      ObjectMapper json) {
    Map<NotificationKind, NotificationTransport> transports = new LinkedHashMap<>();
    transports.put(NotificationKind.MAIL, new MailTransport(mailSender, properties.mailFrom()));
    transports.put(
        NotificationKind.CHAT,
        new WebhookTransport("chat", properties.chat(), e -> Map.of("text", e.body()), json));
    transports.put(
        NotificationKind.PAGE,
        new WebhookTransport(
            "pager", properties.pager().asWebhook(), e -> pagerEvent(e, properties.pager()), json));
    transports.put(
        NotificationKind.NOTICE,
        e -> {
          log.info(
              "Notification {} (process instance {}): notice to {}: {}",
              e.key(),
              e.processInstanceId(),
              e.recipient(),
              e.body());
          return NotificationStatus.LOGGED;
        });
    transports.put(NotificationKind.EVENT, new EventTransport(events));
    return transports;
  }

  /**
   * A PagerDuty Events API v2 event: a trigger (with its payload), an acknowledge or a resolve of
   * the row's {@link PageEvent}, whose {@code dedup_key} ties them together; a page without one is
   * a critical trigger whose {@code dedup_key} is the outbox key.
   */
  static Map<String, Object> pagerEvent(OutboxEntry e, NotificationProperties.Pager pager) {
    PageEvent page = e.page() == null ? PageEvent.trigger(e.key(), "critical") : e.page();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", pager.routingKey() == null ? "" : pager.routingKey());
    event.put("event_action", page.action());
    event.put("dedup_key", page.dedupKey());
    if (PageEvent.TRIGGER.equals(page.action())) {
      Map<String, Object> payload = new LinkedHashMap<>();
      String summary = e.subject() == null ? e.body() : e.subject();
      payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1024) : summary);
      payload.put("source", "handoff");
      payload.put("severity", page.severity());
      payload.put("custom_details", Map.of("recipient", e.recipient(), "text", e.body()));
      event.put("payload", payload);
    }
    return event;
  }
}
