package io.handoff.platform.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications leave the platform, under {@code handoff.notifications.*} (docs/operations.md,
 * "Notifications"). The SMTP server itself is Spring's {@code spring.mail.*}.
 *
 * @param mailFrom sender of e-mails whose step names none; its domain is the right-hand side of
 *     every Message-ID
 * @param delivery the pollers that deliver what the outbox holds
 * @param mailCatcher the embedded SMTP server that catches every e-mail of a demo run
 * @param chat the operations chat (Slack, Teams, Mattermost incoming webhook)
 * @param pager the on-call paging service (PagerDuty Events API v2 or compatible)
 */
@ConfigurationProperties("handoff.notifications")
public record NotificationProperties(
    @DefaultValue("handoff@handoff.example") String mailFrom,
    @DefaultValue Delivery delivery,
    @DefaultValue MailCatcher mailCatcher,
    @DefaultValue Webhook chat,
    @DefaultValue Pager pager) {

  /**
   * @param enabled whether this node runs delivery threads (off: rows wait for another node)
   * @param threads delivery threads per node; a stalled receiver holds one of them at most for its
   *     timeouts, never an engine thread
   * @param pollInterval how often an idle thread looks for due rows (a commit that writes a row
   *     wakes the node's threads at once)
   * @param lease how long a node owns a row it is delivering; a row of a node that died is taken
   *     over when its lease ends. Must be longer than the slowest delivery (all timeouts of one
   *     SMTP conversation), else a live node's row may be sent twice
   * @param retryDelays pause after the first, second, ... failed attempt; after the last one the
   *     row is {@code FAILED}
   */
  public record Delivery(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("2") int threads,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("5m") Duration lease,
      @DefaultValue({"10s", "1m", "5m", "15m", "1h", "3h"}) List<Duration> retryDelays) {
    public Delivery {
      if (threads < 1) {
        throw new IllegalArgumentException("handoff.notifications.delivery.threads < 1");
      }
      if (lease.isNegative() || lease.isZero() || pollInterval.isNegative()) {
        throw new IllegalArgumentException(
            "handoff.notifications.delivery.lease must be positive, poll-interval not negative");
      }
      retryDelays = List.copyOf(retryDelays);
    }

    /** Attempts a row gets before it is {@code FAILED}. */
    public int maxAttempts() {
      return retryDelays.size() + 1;
    }
  }

  /**
   * @param enabled whether the node runs the catcher; when it does, every e-mail goes to it and
   *     {@code spring.mail.host}/{@code port} are not used
   * @param bindAddress the address it listens on (loopback: nothing outside the machine reaches it)
   * @param port its SMTP port; 0 picks a free one
   */
  public record MailCatcher(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("127.0.0.1") String bindAddress,
      @DefaultValue("2525") int port) {}

  /**
   * @param webhookUrl incoming-webhook URL; empty: messages are written to the log and recorded as
   *     {@code LOGGED}
   * @param connectTimeout longest wait for the connection
   * @param timeout longest wait for the answer
   */
  public record Webhook(
      String webhookUrl,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10s") Duration timeout) {

    boolean configured() {
      return webhookUrl != null && !webhookUrl.isBlank();
    }
  }

  /**
   * @param webhookUrl events endpoint, e.g. {@code https://events.pagerduty.com/v2/enqueue}; empty:
   *     pages are written to the log and recorded as {@code LOGGED}
   * @param routingKey the integration's routing key
   * @param connectTimeout longest wait for the connection
   * @param timeout longest wait for the answer
   */
  public record Pager(
      String webhookUrl,
      String routingKey,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10s") Duration timeout) {

    Webhook asWebhook() {
      return new Webhook(webhookUrl, connectTimeout, timeout);
    }
  }
}
