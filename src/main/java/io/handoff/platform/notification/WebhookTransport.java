package io.handoff.platform.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON posts to an incoming webhook (chat) or an events endpoint (pager), with connect and answer
 * timeouts. Every attempt of a row carries the same {@code Idempotency-Key} header (the row's
 * delivery id), so a receiver that honours it drops a repeat. Without a URL the message is only
 * logged. A non-2xx answer or a connection failure throws: the row is tried again later.
 */
class WebhookTransport implements NotificationTransport {

  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Logger log = LoggerFactory.getLogger(WebhookTransport.class);

  private final String name;
  private final URI url;
  private final Duration timeout;
  private final HttpClient client;
  private final Function<OutboxEntry, Object> payload;
  private final ObjectMapper json;

  WebhookTransport(
      String name,
      NotificationProperties.Webhook settings,
      Function<OutboxEntry, Object> payload,
      ObjectMapper json) {
    this.name = name;
    this.url = settings.configured() ? URI.create(settings.webhookUrl().trim()) : null;
    this.timeout = settings.timeout();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.payload = payload;
    this.json = json;
  }

  @Override
  public NotificationStatus deliver(OutboxEntry entry) throws Exception {
    if (url == null) {
      log.info(
          "Notification {} (process instance {}): {} (no webhook configured) to {}: {}",
          entry.key(),
          entry.processInstanceId(),
          name,
          entry.recipient(),
          entry.body());
      return NotificationStatus.LOGGED;
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_HEADER, entry.deliveryId())
            .POST(
                HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload.apply(entry))))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name + " webhook: interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String body = response.body() == null ? "" : response.body();
      throw new IOException(
          name
              + " webhook answered "
              + response.statusCode()
              + ": "
              + body.substring(0, Math.min(200, body.length())));
    }
    log.info(
        "Notification {} (process instance {}): {} posted for {}",
        entry.key(),
        entry.processInstanceId(),
        name,
        entry.recipient());
    return NotificationStatus.DELIVERED;
  }
}
