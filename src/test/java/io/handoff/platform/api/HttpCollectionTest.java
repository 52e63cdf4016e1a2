package io.handoff.platform.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/handoff.http}, the request collection with every call of the README, is run from top
 * to bottom against the app (its {@code @host} and {@code @suffix} replaced, so each run makes new
 * records): each request must answer the status written above it ({@code # expect: 201}), and every
 * answer of {@code /api} is checked against the OpenAPI document like any API test.
 */
@HandoffSpringTest
class HttpCollectionTest extends RestTestSupport {

  static final Path FILE = Path.of("docs", "handoff.http");

  private static final Pattern VARIABLE = Pattern.compile("^@(\\w+)\\s*=\\s*(.*)$");
  private static final Pattern REQUEST_LINE =
      Pattern.compile("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\s+(\\S+)(\\s+HTTP/\\S+)?$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
  private static final Pattern RESPONSE_REF =
      Pattern.compile("(\\w+)\\.response\\.(body\\.\\$\\.([\\w.]+)|headers\\.([\\w-]+))");

  /** One request of the collection. */
  record HttpCall(
      String title,
      String name,
      int expected,
      String method,
      String url,
      Map<String, String> headers,
      String body) {}

  @Test
  void everyRequestOfTheCollectionAnswersTheStatusWrittenNextToIt() throws IOException {
    List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
    Map<String, String> variables = variables(lines);
    variables.put("host", "http://localhost:" + port);
    variables.put("suffix", UUID.randomUUID().toString().substring(0, 8));
    assertThat(variables.get("password")).isEqualTo(DemoUsers.passwordOf(variables.get("user")));
    List<HttpCall> calls = calls(lines);
    assertThat(calls).hasSizeGreaterThanOrEqualTo(30);

    Map<String, Response> named = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (HttpCall call : calls) {
      RequestSpecification request = given().redirects().follow(false);
      for (Map.Entry<String, String> h : call.headers().entrySet()) {
        String value = substitute(h.getValue(), variables, named);
        request.header(
            h.getKey(), h.getKey().equalsIgnoreCase("Authorization") ? basic(value) : value);
      }
      if (call.body() != null) {
        request.body(substitute(call.body(), variables, named));
      }
      Response response = request.request(call.method(), substitute(call.url(), variables, named));
      if (response.statusCode() != call.expected()) {
        wrong.add(
            call.title()
                + ": expected "
                + call.expected()
                + ", got "
                + response.statusCode()
                + " "
                + response.asString());
      }
      if (call.name() != null) {
        named.put(call.name(), response);
      }
    }
    assertThat(wrong).as("requests of docs/handoff.http answering otherwise").isEmpty();
  }

  /** {@code Basic user password} (the REST clients' short form) as the header HTTP sends. */
  private static String basic(String value) {
    String[] parts = value.trim().split("\\s+");
    if (parts.length == 3 && parts[0].equalsIgnoreCase("Basic")) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((parts[1] + ":" + parts[2]).getBytes(StandardCharsets.UTF_8));
    }
    return value;
  }

  private static Map<String, String> variables(List<String> lines) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("###")) {
        break;
      }
      Matcher m = VARIABLE.matcher(line.trim());
      if (m.matches()) {
        variables.put(m.group(1), m.group(2).trim());
      }
    }
    return variables;
  }

  private static List<HttpCall> calls(List<String> lines) {
    List<HttpCall> calls = new ArrayList<>();
    List<String> block = null;
    for (String line : lines) {
      if (line.startsWith("###")) {
        if (block != null) {
          calls.add(call(block));
        }
        block = new ArrayList<>();
      }
      if (block != null) {
        block.add(line);
      }
    }
    if (block != null) {
      calls.add(call(block));
    }
    return calls;
  }

  private static HttpCall call(List<String> block) {
    String title = block.get(0).substring(3).trim();
    String name = null;
    Integer expected = null;
    String method = null;
    String url = null;
    Map<String, String> headers = new LinkedHashMap<>();
    StringBuilder body = null;
    for (String raw : block.subList(1, block.size())) {
      String line = raw.strip();
      if (method == null) {
        if (line.startsWith("# @name ")) {
          name = line.substring("# @name ".length()).trim();
        } else if (line.startsWith("# expect:")) {
          expected = Integer.valueOf(line.substring("# expect:".length()).trim());
        } else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("//")) {
          Matcher m = REQUEST_LINE.matcher(line);
          assertThat(m.matches()).as("request line of '%s': %s", title, line).isTrue();
          method = m.group(1);
          url = m.group(2);
        }
      } else if (body == null) {
        if (line.isEmpty()) {
          body = new StringBuilder();
        } else {
          int colon = line.indexOf(':');
          headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      } else {
        body.append(raw).append('\n');
      }
    }
    assertThat(expected).as("'# expect: <status>' of '%s'", title).isNotNull();
    assertThat(method).as("request of '%s'", title).isNotNull();
    String text = body == null || body.toString().isBlank() ? null : body.toString().strip();
    return new HttpCall(title, name, expected, method, url, headers, text);
  }

  private static String substitute(
      String text, Map<String, String> variables, Map<String, Response> named) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1).trim();
      String value;
      Matcher ref = RESPONSE_REF.matcher(key);
      if (ref.matches()) {
        Response earlier = named.get(ref.group(1));
        assertThat(earlier).as("named request %s before {{%s}}", ref.group(1), key).isNotNull();
        value =
            ref.group(3) != null
                ? String.valueOf(earlier.jsonPath().getString(ref.group(3)))
                : earlier.header(ref.group(4));
      } else {
        value = variables.get(key);
        assertThat(value).as("variable {{%s}}", key).isNotNull();
        value = substitute(value, variables, named);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
