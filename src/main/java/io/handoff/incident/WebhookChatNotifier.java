package io.handoff.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts {@code {"text": "..."}} to a Slack/Teams-compatible incoming webhook ({@code
 * handoff.incident.chat.webhook-url}). Without a URL, messages are only logged. A non-2xx answer or
 * a connection failure throws, so the engine retries the step.
 */
@Component
public class WebhookChatNotifier implements ChatNotifier {

  private static final Logger log = LoggerFactory.getLogger(WebhookChatNotifier.class);

  private final URI webhookUrl;
  private final Duration timeout;
  private final HttpClient client;
  private final ObjectMapper json = new ObjectMapper();

  public WebhookChatNotifier(IncidentProperties properties) {
    String url = properties.chat().webhookUrl();
    this.webhookUrl = url == null || url.isBlank() ? null : URI.create(url.trim());
    this.timeout = properties.chat().timeout();
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void post(String text) {
    if (webhookUrl == null) {
      log.info("Chat (no webhook configured): {}", text);
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(webhookUrl)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(text)))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ChatDeliveryException("Chat webhook unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatDeliveryException("Interrupted while posting to the chat webhook", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new ChatDeliveryException(
          "Chat webhook answered " + response.statusCode() + ": " + response.body(), null);
    }
    log.info("Chat message posted: {}", text);
  }

  private String body(String text) {
    try {
      return json.writeValueAsString(Map.of("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
