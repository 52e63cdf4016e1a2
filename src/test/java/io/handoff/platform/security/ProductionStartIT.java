package io.handoff.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.HandoffApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application with the {@code prod} profile: refused on the shipped secrets, serving on
 * proper ones. A node of its own (own engine name, own in-memory H2 database with a password), run
 * by failsafe in a JVM apart from the shared test context.
 */
class ProductionStartIT {

  static final String ADMIN = "ops-admin";
  static final String ADMIN_PASSWORD = "K4r-9vTq-admin";

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static SpringApplicationBuilder prodNode() {
    return new SpringApplicationBuilder(HandoffApplication.class).profiles("prod");
  }

  @Test
  void prodWithTheShippedSecretsRefusesToStartBeforeTheEngine() {
    assertThatThrownBy(
            () ->
                prodNode()
                    .run(
                        "--server.port=0",
                        "--camunda.bpm.process-engine-name=refused-node",
                        "--spring.datasource.url=jdbc:h2:mem:refused-node"))
        .isInstanceOf(WeakSecretsException.class)
        .hasMessageContaining("set HANDOFF_ADMIN_PASSWORD")
        .hasMessageContaining("set HANDOFF_DB_PASSWORD");
  }

  @Test
  void prodWithProperSecretsStartsAndServes() throws Exception {
    try (ConfigurableApplicationContext node =
        prodNode()
            .run(
                "--server.port=0",
                "--camunda.bpm.process-engine-name=prod-node",
                "--spring.datasource.url=jdbc:h2:mem:prod-node;DB_CLOSE_DELAY=-1",
                "--HANDOFF_DB_PASSWORD=Zq8-db-Secret",
                "--HANDOFF_ADMIN_USER=" + ADMIN,
                "--HANDOFF_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--camunda.bpm.job-execution.enabled=false")) {
      int port = ((WebServerApplicationContext) node).getWebServer().getPort();

      assertThat(get(port, "/actuator/health/liveness", null)).isEqualTo(200);
      assertThat(get(port, "/engine-rest/engine", ADMIN + ":" + ADMIN_PASSWORD)).isEqualTo(200);
      // No demo identities in prod.
      assertThat(get(port, "/engine-rest/engine", "integration:integration")).isEqualTo(401);
    }
  }

  int get(int port, String path, String credentials) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
