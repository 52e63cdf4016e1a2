package io.handoff.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What the OpenAPI document promises as a whole: who it is, how to authenticate, one problem schema
 * for every refusal, Location on every 201, an example for every request body that fits its own
 * schema. Each operation's answers are checked against real exchanges by every API test ({@code
 * io.handoff.support.OpenApiContractFilter}).
 */
@HandoffSpringTest
class OpenApiContractTest extends RestTestSupport {

  @Autowired BuildProperties build;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private JsonNode document() throws Exception {
    return new ObjectMapper()
        .readTree(anonymous().get("/v3/api-docs").then().statusCode(200).extract().asString());
  }

  @Test
  void documentNamesHandoffWithTheBuildVersionAndHttpBasicOnEveryOperation() throws Exception {
    JsonNode doc = document();

    assertThat(doc.at("/info/title").asText()).isEqualTo("Handoff API");
    assertThat(doc.at("/info/version").asText()).isEqualTo(build.getVersion());
    assertThat(doc.at("/info/description").asText()).contains("HTTP Basic", "every bad field");
    assertThat(doc.at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
    assertThat(doc.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
    assertThat(doc.at("/security/0").has("basicAuth")).isTrue();
    forEachOperation(
        doc,
        (name, operation) ->
            assertThat(operation.has("security"))
                .as("%s opts out of the document's security", name)
                .isFalse());
  }

  @Test
  void everyRefusalIsTheOneProblemSchemaAndNoSuccessIsDescribedAsAnything() throws Exception {
    JsonNode doc = document();
    JsonNode problem = doc.at("/components/schemas/Problem");
    List<String> required = new ArrayList<>();
    problem.get("required").forEach(r -> required.add(r.asText()));
    assertThat(required).contains("type", "title", "status", "errors");
    assertThat(problem.at("/properties/errors/items/$ref").asText())
        .isEqualTo("#/components/schemas/FieldProblem");

    forEachOperation(
        doc,
        (name, operation) -> {
          JsonNode responses = operation.get("responses");
          assertThat(responses.has("401")).as("%s documents 401", name).isTrue();
          assertThat(responses.has("403")).as("%s documents 403", name).isTrue();
          assertThat(responses.fieldNames())
              .toIterable()
              .as("%s documents a success", name)
              .anyMatch(code -> code.startsWith("2"));
          responses
              .fields()
              .forEachRemaining(
                  r -> {
                    JsonNode content = r.getValue().get("content");
                    if (r.getKey().startsWith("4")) {
                      assertThat(content.fieldNames())
                          .toIterable()
                          .as("%s %s", name, r.getKey())
                          .containsExactly("application/problem+json");
                      assertThat(content.at("/application~1problem+json/schema/$ref").asText())
                          .isEqualTo("#/components/schemas/Problem");
                    } else if (content != null) {
                      assertThat(content.has("*/*")).as("%s %s", name, r.getKey()).isFalse();
                    }
                  });
          if (responses.has("201")) {
            assertThat(responses.at("/201/headers/Location/required").asBoolean())
                .as("%s: 201 with Location", name)
                .isEqualTo(!name.equals("POST /api/goods-receipts"));
          }
          if (operation.has("requestBody")) {
            assertThat(responses.has("400")).as("%s documents 400", name).isTrue();
            assertThat(responses.has("413")).as("%s documents 413", name).isTrue();
            assertThat(responses.has("415")).as("%s documents 415", name).isTrue();
          }
        });
  }

  @Test
  void everyJsonRequestBodyHasAnExampleThatFitsItsSchema() throws Exception {
    JsonNode doc = document();
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(doc.toString()).build();
    List<String> checked = new ArrayList<>();
    forEachOperation(
        doc,
        (name, operation) -> {
          JsonNode json = operation.at("/requestBody/content/application~1json");
          if (json.isMissingNode()) {
            return;
          }
          assertThat(json.has("example")).as("%s has a request example", name).isTrue();
          String[] methodAndPath = name.split(" ", 2);
          String path = methodAndPath[1].replaceAll("\\{[^}]+}", "X-1");
          Request request =
              new SimpleRequest.Builder(methodAndPath[0], path)
                  .withContentType("application/json")
                  .withAuthorization("Basic aW50ZWdyYXRpb246aW50ZWdyYXRpb24=")
                  .withBody(json.get("example").toString())
                  .build();
          ValidationReport report = validator.validateRequest(request);
          assertThat(report.getMessages())
              .as("%s: its example breaks its schema:%n%s", name, format(report))
              .isEmpty();
          checked.add(name);
        });
    assertThat(checked)
        .contains(
            "POST /api/invoices", "POST /api/purchase-orders", "POST /api/incidents/alertmanager");
  }

  /**
   * springdoc names a record's schema by its simple name and keeps one of two records of the same
   * name: the other's answers would be described with the wrong fields. Every record a controller
   * takes or answers has a schema name of its own ({@code @Schema(name = ...)} where two share
   * one).
   */
  @Test
  void noTwoRecordsOfTheApiShareASchemaName() {
    Map<String, Set<Class<?>>> byName = new TreeMap<>();
    Set<Type> seen = new HashSet<>();
    mappings.getHandlerMethods().values().stream()
        .filter(h -> h.getBeanType().getName().startsWith("io.handoff."))
        .forEach(
            h -> {
              collect(h.getMethod().getGenericReturnType(), byName, seen);
              for (Parameter p : h.getMethod().getParameters()) {
                if (p.isAnnotationPresent(RequestBody.class)) {
                  collect(p.getParameterizedType(), byName, seen);
                }
              }
            });
    assertThat(byName).containsKeys("InvoiceView", "InvoiceDecisionView", "DecisionView");
    assertThat(byName.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
        .as("schema names shared by different records")
        .isEmpty();
  }

  private static void collect(Type type, Map<String, Set<Class<?>>> byName, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      collect(parameterized.getRawType(), byName, seen);
      for (Type argument : parameterized.getActualTypeArguments()) {
        collect(argument, byName, seen);
      }
    } else if (type instanceof Class<?> c
        && c.isRecord()
        && c.getName().startsWith("io.handoff.")
        && !c.equals(io.handoff.platform.api.list.Page.class)) {
      io.swagger.v3.oas.annotations.media.Schema schema =
          c.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
      String name = schema != null && !schema.name().isEmpty() ? schema.name() : c.getSimpleName();
      byName.computeIfAbsent(name, k -> new HashSet<>()).add(c);
      for (RecordComponent component : c.getRecordComponents()) {
        collect(component.getGenericType(), byName, seen);
      }
    }
  }

  private static String format(ValidationReport report) {
    return SimpleValidationReportFormat.getInstance().apply(report);
  }

  private static void forEachOperation(
      JsonNode doc, java.util.function.BiConsumer<String, JsonNode> check) {
    Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              op ->
                  check.accept(
                      op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue()));
    }
  }
}
