package io.handoff.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.config.HandoffProperties;
import io.handoff.platform.errors.BodyTooLargeException;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The OpenAPI document as the domain API's contract: title, the build's version, HTTP Basic on
 * every operation, one {@code Problem} schema for every refusal and the answers every operation
 * shares, added here once instead of on each controller. A controller declares only what is its
 * own: a 201 and its 200 repeat, or a 409 with its own reason. The API tests validate every
 * response against this document ({@code io.handoff.support.OpenApiContractFilter}), and {@code
 * docs/openapi.json} is a copy of it checked by a test.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiContract {

  /** The name of the HTTP Basic security scheme. */
  public static final String BASIC_AUTH = "basicAuth";

  /** The one schema of every {@code application/problem+json} answer. */
  public static final String PROBLEM = "Problem";

  static final String FIELD_PROBLEM = "FieldProblem";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String JSON = "application/json";
  static final String EXAMPLES = "openapi/request-examples.json";
  private static final String JSON_NODE = "JsonNode";

  private static final String DESCRIPTION =
      """
      The domain API of Handoff: submit invoices, purchase orders, goods receipts, vendor \
      applications and incidents, follow them up, read where they stand, list and search them, \
      read decision trails and event deliveries.

      Every call needs HTTP Basic credentials of a platform user in an API group (`integrators` or \
      `camunda-admin`; the demo technical user is `integration` / `integration`); decision trails \
      and what-if replays are for `camunda-admin` and `auditors`. A create answers **201** with \
      `Location`, and **200** with the same record when the same request comes again.

      """;

  @Bean
  OpenAPI handoffOpenApi(ObjectProvider<BuildProperties> build, HandoffProperties props) {
    String version =
        Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse("dev");
    String inputRules =
        ApiInputConfig.INPUT_RULES.formatted(
            BodyTooLargeException.describe(props.api().maxBodySize()));
    return new OpenAPI()
        .info(
            new Info()
                .title("Handoff API")
                .version(version)
                .description(DESCRIPTION + inputRules)
                .license(new License().name("Apache-2.0")))
        .servers(
            List.of(
                new Server()
                    .url("http://localhost:8080")
                    .description("The embedded run (./mvnw spring-boot:run)")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC_AUTH,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A platform user's id and password")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }

  /**
   * Names each operation after its controller and method ({@code invoiceSubmit}), so that a
   * generated client keeps its method names when other endpoints are added; notes the creates
   * without {@code Location} for {@link #sharedResponsesInOpenApi}.
   */
  @Bean
  OperationCustomizer operationNamesInOpenApi() {
    return (operation, handlerMethod) -> {
      String controller =
          handlerMethod.getBeanType().getSimpleName().replaceFirst("Controller$", "");
      String method = handlerMethod.getMethod().getName();
      operation.setOperationId(
          Character.toLowerCase(controller.charAt(0))
              + controller.substring(1)
              + Character.toUpperCase(method.charAt(0))
              + method.substring(1));
      return operation;
    };
  }

  /** The answers every operation shares, the problem schema on every refusal, body examples. */
  @Bean
  OpenApiCustomizer sharedResponsesInOpenApi(ObjectMapper json) {
    Map<String, JsonNode> examples = requestExamples(json);
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi
          .getComponents()
          .addSchemas(FIELD_PROBLEM, fieldProblemSchema())
          .addSchemas(PROBLEM, problemSchema());
      if (openApi.getComponents().getSchemas().containsKey(JSON_NODE)) {
        // A JsonNode field holds whatever JSON the record kept: any value, not only an object.
        openApi.getComponents().addSchemas(JSON_NODE, new Schema<>().description("Any JSON value"));
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (method, operation) ->
                              describe(
                                  path, method, operation, examples.get(method + " " + path))));
      if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
        openApi.getComponents().getSchemas().values().forEach(OpenApiContract::tidy);
      }
    };
  }

  private static void describe(
      String path, PathItem.HttpMethod method, Operation operation, JsonNode example) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    ApiResponses responses = operation.getResponses();
    boolean hasBody = operation.getRequestBody() != null;
    boolean hasParameters =
        operation.getParameters() != null && !operation.getParameters().isEmpty();
    boolean writes = method != PathItem.HttpMethod.GET;
    if (hasParameters) {
      // A parameter documented by name only (the list filters) is a text.
      operation.getParameters().stream()
          .filter(p -> p.getSchema() == null && p.getContent() == null)
          .forEach(p -> p.setSchema(new StringSchema()));
      // Several values of a list filter: comma-separated, as clients generated from the document
      // send them (the API takes the parameter repeated as well).
      operation.getParameters().stream()
          .filter(
              p ->
                  "query".equals(p.getIn())
                      && p.getSchema() != null
                      && (p.getSchema() instanceof ArraySchema
                          || "array".equals(p.getSchema().getType())))
          .forEach(
              p -> {
                p.setStyle(io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.FORM);
                p.setExplode(false);
              });
    }
    if (hasBody && example != null) {
      MediaType media = operation.getRequestBody().getContent().get(JSON);
      if (media != null) {
        media.setExample(example);
      }
    }
    ApiResponse created = responses.get("201");
    if (created != null) {
      created.addHeaderObject("Location", location(true));
      ApiResponse repeat = responses.get("200");
      if (repeat != null) {
        repeat.addHeaderObject("Location", location(false));
      }
    }
    if (hasBody || hasParameters) {
      shared(
          responses,
          "400",
          "Bad input: one answer naming every bad field or parameter in `errors`; nothing is"
              + " stored");
    }
    shared(responses, "401", "No credentials, or wrong ones");
    shared(
        responses,
        "403",
        "The user is not in a group this operation is for, or a control refused it (the detail"
            + " says why)");
    if (path.contains("{")) {
      shared(responses, "404", "Nothing has the id in the path");
    }
    shared(responses, "406", "The `Accept` header names no media type this operation answers");
    if (writes) {
      shared(
          responses,
          "409",
          "The record's state does not allow this, or a request at the same moment wrote the"
              + " same record (send it again)");
    }
    if (hasBody) {
      shared(responses, "413", "The body is larger than the limit (`handoff.api.max-body-size`)");
      shared(
          responses,
          "415",
          "The body is not of a media type this operation takes (`Accept` names those it takes)");
    }
    shared(responses, "429", "Too many failed logins from this address; retry after a while")
        .addHeaderObject(
            "Retry-After",
            new Header()
                .description("Seconds until logins from this address are read again")
                .schema(new IntegerSchema()));
    // Order the answers by status, as a reader looks them up.
    Map<String, ApiResponse> sorted = new TreeMap<>(responses);
    responses.clear();
    sorted.forEach(
        (code, response) -> {
          if (code.startsWith("4") || code.startsWith("5")) {
            response.setContent(problemContent());
          } else if (response.getContent() != null) {
            jsonInsteadOfAnything(response.getContent());
          }
          responses.addApiResponse(code, response);
        });
  }

  private static ApiResponse shared(ApiResponses responses, String code, String description) {
    return responses.computeIfAbsent(code, c -> new ApiResponse().description(description));
  }

  /**
   * A response springdoc wrote as {@code *}{@code /*} answers JSON: the API writes nothing else.
   */
  private static void jsonInsteadOfAnything(Content content) {
    MediaType any = content.remove("*/*");
    if (any != null) {
      content.putIfAbsent(JSON, any);
    }
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }

  private static Header location(boolean required) {
    return new Header()
        .description(
            "The record's path from the root, e.g. /api/invoices/V-1/INV-1; resolve it against the"
                + " URL called")
        .required(required)
        .schema(new StringSchema().example("/api/invoices/V-1/INV-1"));
  }

  /**
   * Bean Validation patterns match the whole value, JSON Schema patterns anywhere: anchored. A Java
   * {@code Object} (a map's values, a list's items) is any JSON value, not only an object.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void tidy(Schema<?> schema) {
    if (schema == null) {
      return;
    }
    String pattern = schema.getPattern();
    if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
      schema.setPattern("^(?:" + pattern + ")$");
    }
    if (schema.getProperties() != null) {
      Map<String, Schema> properties = (Map<String, Schema>) (Map) schema.getProperties();
      properties.replaceAll((name, property) -> isJavaObject(property) ? anyValue() : property);
      properties.values().forEach(OpenApiContract::tidy);
    }
    if (schema.getAdditionalProperties() instanceof Schema<?> values) {
      if (isJavaObject(values)) {
        schema.setAdditionalProperties(anyValue());
      } else {
        tidy(values);
      }
    }
    if (schema.getItems() != null) {
      if (isJavaObject(schema.getItems())) {
        ((Schema) schema).setItems(anyValue());
      } else {
        tidy(schema.getItems());
      }
    }
  }

  /** What springdoc writes for a field of type {@code Object}: an object with nothing said. */
  private static boolean isJavaObject(Schema<?> schema) {
    return schema != null
        && "object".equals(schema.getType())
        && schema.get$ref() == null
        && schema.getProperties() == null
        && schema.getAdditionalProperties() == null
        && schema.getDescription() == null;
  }

  private static Schema<?> anyValue() {
    return new Schema<>().description("Any JSON value");
  }

  private static Schema<?> fieldProblemSchema() {
    return new ObjectSchema()
        .description("One bad field or parameter of a request")
        .addProperty(
            "field",
            new StringSchema()
                .description(
                    "The field's path in the body (`lines[0].quantity`), the parameter's name, or"
                        + " `body` for the document as a whole")
                .example("lines[0].quantity"))
        .addProperty(
            "message", new StringSchema().description("What is wrong").example("must be positive"))
        .required(List.of("field", "message"));
  }

  private static Schema<?> problemSchema() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put(
        "type",
        new StringSchema()
            .description("What kind of problem, a `urn:handoff:problem:` URN")
            .example("urn:handoff:problem:invalid-request"));
    properties.put(
        "title", new StringSchema().description("Short summary").example("Invalid request"));
    properties.put("status", new IntegerSchema().description("The HTTP status").example(400));
    properties.put(
        "detail",
        new StringSchema()
            .description("What happened, for a person")
            .example("The request has 2 invalid fields."));
    properties.put(
        "instance", new StringSchema().description("The request's path").example("/api/invoices"));
    properties.put(
        "errors",
        new ArraySchema()
            .items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM))
            .description("One entry per bad field or parameter; empty when not about fields"));
    ObjectSchema problem = new ObjectSchema();
    problem.setDescription(
        "RFC 9457 problem details: the answer to every refusal under /api, whatever the"
            + " request's Accept");
    problem.setProperties(properties);
    problem.setRequired(new ArrayList<>(List.of("type", "title", "status", "errors")));
    // RFC 9457 extension members: a refusal may say more (the invoice it conflicts with).
    problem.setAdditionalProperties(true);
    return problem;
  }

  private static Map<String, JsonNode> requestExamples(ObjectMapper json) {
    try (InputStream in = new ClassPathResource(EXAMPLES).getInputStream()) {
      Map<String, JsonNode> examples = new LinkedHashMap<>();
      json.readTree(in).fields().forEachRemaining(e -> examples.put(e.getKey(), e.getValue()));
      return examples;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + EXAMPLES, e);
    }
  }
}
