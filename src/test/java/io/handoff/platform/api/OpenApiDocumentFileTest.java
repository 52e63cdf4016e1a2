package io.handoff.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.json} is the document the application serves, so that a client can be
 * generated from the repository without running the app.
 *
 * <p>After changing an endpoint (or merging a branch that does), write the file again with:
 *
 * <pre>
 * ./mvnw -o -q -Dlint.skip -Dtest=OpenApiDocumentFileTest -Dhandoff.openapi.write=true test
 * </pre>
 */
@HandoffSpringTest
class OpenApiDocumentFileTest extends RestTestSupport {

  static final Path FILE = Path.of("docs", "openapi.json");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Test
  void checkedInDocumentIsTheOneTheAppServes() throws IOException {
    String served = anonymous().get("/v3/api-docs").then().statusCode(200).extract().asString();
    JsonNode servedTree = JSON.readTree(served);
    if (Boolean.getBoolean("handoff.openapi.write")) {
      Files.writeString(FILE, JSON.writeValueAsString(servedTree) + "\n", StandardCharsets.UTF_8);
    }
    assertThat(FILE)
        .as("docs/openapi.json is stale: run this test with -Dhandoff.openapi.write=true")
        .exists();
    JsonNode checkedIn = JSON.readTree(Files.readString(FILE, StandardCharsets.UTF_8));
    assertThat(checkedIn)
        .as("docs/openapi.json is stale: run this test with -Dhandoff.openapi.write=true")
        .isEqualTo(servedTree);
  }
}
