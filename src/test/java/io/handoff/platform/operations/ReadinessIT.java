package io.handoff.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.HandoffApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Readiness follows the database and the job executor. A node of its own (own engine name, own
 * database served by an H2 TCP server the test can stop and restart, job executor running). Run by
 * failsafe in a JVM of its own: a second engine in the JVM of the shared test context would disturb
 * the engine registry the webapps and engine REST rely on.
 */
class ReadinessIT {

  static final Duration PATIENCE = Duration.ofSeconds(45);

  static Path dataDir;
  static int dbPort;
  static Server database;
  static ConfigurableApplicationContext node;
  static int httpPort;
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startDatabaseAndNode() throws Exception {
    dataDir = Files.createTempDirectory("handoff-readiness");
    dbPort = freePort();
    database = startDatabase();
    node =
        new SpringApplicationBuilder(HandoffApplication.class)
            .profiles("test")
            .run(
                "--server.port=0",
                "--camunda.bpm.process-engine-name=readiness-node",
                "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + dbPort + "/readiness",
                "--spring.datasource.hikari.connection-timeout=1500",
                "--spring.datasource.hikari.validation-timeout=1000",
                "--camunda.bpm.job-execution.enabled=true",
                "--handoff.demo.enabled=false");
    httpPort = ((WebServerApplicationContext) node).getWebServer().getPort();
  }

  @AfterAll
  static void stopNodeAndDatabase() throws IOException {
    if (node != null) {
      node.close();
    }
    if (database != null) {
      database.stop();
    }
    FileSystemUtils.deleteRecursively(dataDir);
  }

  static Server startDatabase() throws SQLException {
    return Server.createTcpServer(
            "-tcpPort", String.valueOf(dbPort), "-baseDir", dataDir.toString(), "-ifNotExists")
        .start();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static int readinessStatus() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(20))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Polls readiness until it answers {@code expected}, at most {@link #PATIENCE}. Once a second, so
   * the connection pool checks a pooled connection before handing it out again (it skips the check
   * for connections used within the last half second).
   */
  static int awaitReadiness(int expected) throws IOException, InterruptedException {
    try {
      return Awaitility.await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(1))
          .until(ReadinessIT::readinessStatus, status -> status == expected);
    } catch (ConditionTimeoutException e) {
      return readinessStatus();
    }
  }

  static CompositeHealth readiness() {
    return (CompositeHealth) node.getBean(HealthEndpoint.class).healthForPath("readiness");
  }

  static Status component(String name) {
    return readiness().getComponents().get(name).getStatus();
  }

  static String readinessDetails() {
    StringBuilder details = new StringBuilder();
    readiness()
        .getComponents()
        .forEach((name, health) -> details.append(name).append('=').append(health).append(' '));
    return details.toString();
  }

  static JobExecutor jobExecutor() {
    return ((ProcessEngineImpl) node.getBean(ProcessEngine.class))
        .getProcessEngineConfiguration()
        .getJobExecutor();
  }

  @Test
  void readinessGoesDownWhileTheDatabaseIsUnreachableAndUpWhenItReturns() throws Exception {
    assertThat(awaitReadiness(200)).as("readiness %s", readinessDetails()).isEqualTo(200);
    assertThat(component("db")).isEqualTo(Status.UP);

    database.stop();
    try {
      assertThat(awaitReadiness(503)).isEqualTo(503);
      assertThat(component("db")).isEqualTo(Status.DOWN);
    } finally {
      database = startDatabase();
    }

    assertThat(awaitReadiness(200)).as("readiness %s", readinessDetails()).isEqualTo(200);
    assertThat(component("db")).isEqualTo(Status.UP);
  }

  @Test
  void readinessGoesDownWhenTheJobExecutorStopsAndUpWhenItRuns() throws Exception {
    assertThat(awaitReadiness(200)).as("readiness %s", readinessDetails()).isEqualTo(200);
    assertThat(component("jobExecutor")).isEqualTo(Status.UP);

    jobExecutor().shutdown();
    try {
      assertThat(awaitReadiness(503)).isEqualTo(503);
      assertThat(component("jobExecutor")).isEqualTo(Status.DOWN);
    } finally {
      jobExecutor().start();
    }

    assertThat(awaitReadiness(200)).as("readiness %s", readinessDetails()).isEqualTo(200);
    assertThat(component("jobExecutor")).isEqualTo(Status.UP);
  }
}
