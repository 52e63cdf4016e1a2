package io.handoff.platform.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An integrator's event endpoint on loopback (a JDK HttpServer on a free port): records every post
 * with its headers and exact body bytes, and answers the status the test names per request number.
 */
public final class EventReceiver implements AutoCloseable {

  /** One post as it arrived. */
  public record Received(
      String eventId,
      String eventType,
      String timestamp,
      String signature,
      String contentType,
      byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The receiver's check, as docs/integrations.md describes it and independently of the
     * platform's code: HMAC-SHA256 with the secret over {@code <timestamp>.<body bytes>},
     * lower-case hex after {@code sha256=}.
     */
    public boolean signedWith(String secret) throws Exception {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      return expected.equals(signature);
    }
  }

  public final List<Received> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /** A receiver that answers {@code answer.apply(n)} to its n-th post (1-based). */
  public EventReceiver(IntFunction<Integer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/events",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          var h = exchange.getRequestHeaders();
          requests.add(
              new Received(
                  h.getFirst("X-Handoff-Event-Id"),
                  h.getFirst("X-Handoff-Event-Type"),
                  h.getFirst("X-Handoff-Timestamp"),
                  h.getFirst("X-Handoff-Signature"),
                  h.getFirst("Content-Type"),
                  body));
          int status = answer.apply(requests.size());
          byte[] text = (status / 100 == 2 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, text.length);
          exchange.getResponseBody().write(text);
          exchange.close();
        });
    server.start();
  }

  /** A receiver that accepts everything. */
  public EventReceiver() throws IOException {
    this(n -> 204);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  /** The posts of one event. */
  public List<Received> of(String eventId) {
    return requests.stream().filter(r -> eventId.equals(r.eventId())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
