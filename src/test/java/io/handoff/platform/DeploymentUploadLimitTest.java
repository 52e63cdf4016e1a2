package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.platform.config.HandoffProperties;
import io.handoff.platform.security.LoginThrottle;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda Modeler's deploy path reads an upload only for an administrator, and only up to {@code
 * handoff.engine-rest.max-deployment-size}: the credentials are checked (401, 403) before the body
 * is read, and a body over the limit is answered 413 problem+json at once when declared, or the
 * moment it passes the limit when streamed. Raw HTTP on the random port, so that the test controls
 * what of the body is ever sent.
 */
@HandoffSpringTest
class DeploymentUploadLimitTest extends RestTestSupport {

  private static final String PATH = "/engine-rest/deployment/create";
  private static final String BOUNDARY = "handoffboundary";
  private static final long ONE_GIGABYTE = 1L << 30;

  @Autowired RepositoryService repositoryService;
  @Autowired HandoffProperties props;
  @Autowired LoginThrottle throttle;

  @AfterEach
  void forgetFailedLogins() {
    throttle.forgetAll();
  }

  private long limit() {
    return props.engineRest().maxDeploymentSize().toBytes();
  }

  private static String basic(String user, String password) {
    return "Authorization: Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
        + "\r\n";
  }

  private static String head(String path, String authorization, String framing) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\n"
        + authorization
        + "Content-Type: multipart/form-data; boundary="
        + BOUNDARY
        + "\r\n"
        + framing
        + "\r\n";
  }

  private static byte[] firstPart() {
    return ("--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nhuge\r\n--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"huge.bpmn\"; filename=\"huge.bpmn\""
            + "\r\nContent-Type: application/octet-stream\r\n\r\n<definitions>")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The answer to a request of which only the head and the start of the body are ever sent. */
  private String answerToDeclaredUpload(String path, String authorization) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          head(path, authorization, "Content-Length: " + ONE_GIGABYTE + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(firstPart());
      out.flush();
      return answerOf(socket.getInputStream());
    }
  }

  /** Status line, headers and the JSON body of a response, read until the body ends. */
  private static String answerOf(InputStream in) throws IOException {
    StringBuilder answer = new StringBuilder();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) > 0) {
      answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      if (answer.indexOf("\r\n\r\n") >= 0 && answer.toString().strip().endsWith("}")) {
        break;
      }
    }
    return answer.toString();
  }

  @Test
  void anonymousUploadIsAnswered401WithoutItsBodyBeingRead() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    // a gigabyte declared, a few bytes sent: the answer cannot have waited for the body
    String answer = answerToDeclaredUpload(PATH, "");
    assertThat(answer).startsWith("HTTP/1.1 401");
    assertThat(answer).contains("application/problem+json").contains("WWW-Authenticate");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void uploadWithAWrongPasswordIsAnswered401WithoutItsBodyBeingRead() throws IOException {
    // the technical user, whom wrong passwords never lock out
    String answer = answerToDeclaredUpload(PATH, basic(DemoUsers.INTEGRATION, "not-the-password"));
    assertThat(answer).startsWith("HTTP/1.1 401");
  }

  @Test
  void uploadByAnApproverIsAnswered403WithoutItsBodyBeingRead() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    for (String path : new String[] {PATH, "/engine-rest/engine/default/deployment/create"}) {
      String answer = answerToDeclaredUpload(path, basic("alice", DemoUsers.passwordOf("alice")));
      assertThat(answer).as(path).startsWith("HTTP/1.1 403");
      assertThat(answer).contains("application/problem+json").contains("administrators");
    }
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void administratorsUploadDeclaredOverTheLimitIsAnswered413BeforeItIsRead() throws IOException {
    long before = repositoryService.createDeploymentQuery().count();
    String answer = answerToDeclaredUpload(PATH, basic("demo", "demo"));
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat(answer)
        .contains("application/problem+json")
        .contains("urn:handoff:problem:body-too-large")
        .contains("\"field\":\"body\"");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  @Test
  void administratorsChunkedUploadOverTheLimitIsAnswered413WhileItStreams() throws Exception {
    long before = repositoryService.createDeploymentQuery().count();
    long planned = 4 * limit();
    AtomicLong sent = new AtomicLong();
    AtomicBoolean finished = new AtomicBoolean();
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          head(PATH, basic("demo", "demo"), "Transfer-Encoding: chunked\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                byte[] first = firstPart();
                try {
                  writeChunk(out, first);
                  sent.addAndGet(first.length);
                  while (sent.get() < planned) {
                    writeChunk(out, chunk);
                    sent.addAndGet(chunk.length);
                  }
                  // the terminating chunk is never sent: a server buffering the whole upload
                  // before answering would never answer
                  finished.set(true);
                } catch (IOException e) {
                  // the server closed the connection after its answer
                }
              });
      writer.setDaemon(true);
      writer.start();
      String answer;
      try {
        answer = answerOf(socket.getInputStream());
      } catch (SocketTimeoutException e) {
        answer = "no answer: " + e;
      }
      long sentWhenAnswered = sent.get();
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("application/problem+json").contains("\"field\":\"body\"");
      // The writer counts a chunk once its write returns, so when the answer arrives the count can
      // lag the bytes the server has read by the chunk in flight (and what the socket buffers).
      long inFlight = 64 * 1024 + socket.getSendBufferSize();
      assertThat(sentWhenAnswered)
          .as("answered after reading up to the limit, while the upload was still streaming")
          .isGreaterThan(limit() - inFlight)
          .isLessThan(planned);
      assertThat(finished).isFalse();
    }
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  private static void writeChunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
