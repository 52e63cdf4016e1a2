package io.handoff.platform.notification;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an integration event to its subscriber: the row's body, byte for byte, signed with the
 * subscriber's secret over {@code <timestamp>.<body>} ({@link EventSignature}), with the event id
 * and type as headers. Each attempt is signed afresh with its own timestamp; body and event id stay
 * the same. A 2xx answer delivers the row; anything else, a redirect included, or no connection
 * throws, and the outbox tries again after its next pause. The subscriber's URL and secret are read
 * at each attempt, so a rotated secret applies to the next one.
 */
class EventTransport implements NotificationTransport {

  private static final Logger log = LoggerFactory.getLogger(EventTransport.class);

  private final EventProperties properties;
  private final HttpClient client;

  EventTransport(EventProperties properties) {
    this.properties = properties;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public NotificationStatus deliver(OutboxEntry entry) throws Exception {
    EventProperties.Subscriber subscriber =
        properties
            .subscriber(entry.recipient())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No subscriber '"
                            + entry.recipient()
                            + "' in handoff.events.subscribers any more"));
    byte[] body = entry.body().getBytes(StandardCharsets.UTF_8);
    long timestamp = ClockUtil.now().toInstant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(subscriber.uri())
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Handoff-Events/1")
            .header(EventSignature.EVENT_ID_HEADER, entry.eventId())
            .header(EventSignature.EVENT_TYPE_HEADER, entry.subject())
            .header(EventSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                EventSignature.SIGNATURE_HEADER,
                EventSignature.sign(subscriber.secret(), timestamp, body))
            .header(WebhookTransport.IDEMPOTENCY_HEADER, entry.eventId())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("subscriber " + subscriber.name() + ": interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String text = response.body() == null ? "" : response.body();
      throw new IOException(
          "subscriber "
              + subscriber.name()
              + " answered "
              + response.statusCode()
              + ": "
              + text.substring(0, Math.min(200, text.length())));
    }
    log.info(
        "Event {} {} (process instance {}) delivered to {}",
        entry.subject(),
        entry.eventId(),
        entry.processInstanceId(),
        subscriber.name());
    return NotificationStatus.DELIVERED;
  }
}
