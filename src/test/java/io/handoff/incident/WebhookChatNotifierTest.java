package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat webhook client against a real HTTP server on loopback. */
class WebhookChatNotifierTest {

  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> contentTypes = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void startChatServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hooks/ops",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          byte[] answer = (status.get() == 200 ? "ok" : "invalid_token").getBytes();
          exchange.sendResponseHeaders(status.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopChatServer() {
    server.stop(0);
  }

  private WebhookChatNotifier notifierFor(String url) {
    return new WebhookChatNotifier(
        new IncidentProperties(
            null, new IncidentProperties.Chat(url, Duration.ofSeconds(2)), null, null));
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ops";
  }

  @Test
  void postsSlackAndTeamsCompatibleTextJson() throws IOException {
    notifierFor(url()).post("Escalation: P2 incident \"42\" is now at level 2");

    assertThat(bodies).hasSize(1);
    assertThat(contentTypes).containsExactly("application/json");
    assertThat(new ObjectMapper().readTree(bodies.get(0)).get("text").asText())
        .isEqualTo("Escalation: P2 incident \"42\" is now at level 2");
    assertThat(new ObjectMapper().readTree(bodies.get(0)).size()).isEqualTo(1);
  }

  @Test
  void rejectedMessageThrowsSoTheEngineRetries() {
    status.set(403);

    assertThatThrownBy(() -> notifierFor(url()).post("hello"))
        .isInstanceOf(ChatNotifier.ChatDeliveryException.class)
        .hasMessageContaining("403")
        .hasMessageContaining("invalid_token");
  }

  @Test
  void unreachableWebhookThrowsSoTheEngineRetries() {
    String closed = url();
    server.stop(0);

    assertThatThrownBy(() -> notifierFor(closed).post("hello"))
        .isInstanceOf(ChatNotifier.ChatDeliveryException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void withoutWebhookUrlNothingIsPosted() {
    notifierFor("").post("hello");

    assertThat(bodies).isEmpty();
  }
}
