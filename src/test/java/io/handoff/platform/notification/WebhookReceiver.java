package io.handoff.platform.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A chat or pager endpoint on loopback that records every request it gets (its Idempotency-Key and
 * body) and answers what the test says: a status per request number, or a stall.
 */
final class WebhookReceiver implements AutoCloseable {

  record Request(String idempotencyKey, String contentType, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /**
   * @param answer status for the n-th request (1-based); a negative value -m stalls m ms, then 200
   */
  WebhookReceiver(IntFunction<Integer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestHeaders().getFirst(WebhookTransport.IDEMPOTENCY_HEADER),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          int status = answer.apply(requests.size());
          if (status < 0) {
            try {
              Thread.sleep(-status);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            status = 200;
          }
          byte[] text = (status / 100 == 2 ? "ok" : "unavailable").getBytes();
          exchange.sendResponseHeaders(status, text.length);
          exchange.getResponseBody().write(text);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<String> keys() {
    return requests.stream().map(Request::idempotencyKey).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
