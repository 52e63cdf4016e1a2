package io.handoff.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every exchange of a test with the domain API is checked against the OpenAPI document the app
 * serves, by swagger-request-validator: the answer's status must be one the operation documents,
 * its media type, headers and body must fit their schemas, and a request the API accepted (2xx)
 * must be one the document allows. A request the API refused (4xx) may break the document (the
 * tests send bad input on purpose): its answer is still checked, its request is not.
 *
 * <p>{@link RestTestSupport} registers it for every REST Assured call, so every API test, present
 * and future, validates. Calls outside {@code /api} (engine REST, the webapps, actuator) are left
 * alone: the document does not describe them.
 */
public final class OpenApiContractFilter implements OrderedFilter {

  private static final Map<Integer, OpenApiInteractionValidator> VALIDATORS =
      new ConcurrentHashMap<>();

  private final int port;

  private OpenApiContractFilter(int port) {
    this.port = port;
  }

  /** The filter for the app on this port; its document is read once, at the first call. */
  public static OpenApiContractFilter forAppOn(int port) {
    return new OpenApiContractFilter(port);
  }

  private OpenApiInteractionValidator validator() {
    return VALIDATORS.computeIfAbsent(
        port,
        p ->
            OpenApiInteractionValidator.createForSpecificationUrl(
                    "http://localhost:" + p + "/v3/api-docs")
                .build());
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification responseSpec,
      FilterContext ctx) {
    Response response = ctx.next(request, responseSpec);
    String path = URI.create(request.getURI()).getRawPath();
    if (path == null || !(path.equals("/api") || path.startsWith("/api/"))) {
      return response;
    }
    ValidationReport report =
        validator().validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
    if (response.statusCode() >= 400) {
      report = withoutRequestMessages(report);
    } else {
      report = withoutRepeatedListFilters(report, request);
    }
    if (report.hasErrors()) {
      throw new AssertionError(
          request.getMethod()
              + " "
              + path
              + " answered "
              + response.statusCode()
              + " outside the OpenAPI document (/v3/api-docs):\n"
              + SimpleValidationReportFormat.getInstance().apply(report)
              + "\nResponse body: "
              + abbreviate(response.asString()));
    }
    return response;
  }

  private static ValidationReport withoutRequestMessages(ValidationReport report) {
    List<ValidationReport.Message> kept =
        report.getMessages().stream()
            .filter(m -> !m.getKey().startsWith("validation.request"))
            .toList();
    return ValidationReport.from(kept);
  }

  /**
   * The document describes several values of a list filter comma-separated ({@code status=A,B});
   * the API takes the parameter repeated as well ({@code status=A&status=B}), which the parameter's
   * description says and OpenAPI 3.0 cannot describe beside the first. A repeated list filter is
   * that second form, not a drift.
   */
  private static ValidationReport withoutRepeatedListFilters(
      ValidationReport report, FilterableRequestSpecification request) {
    List<ValidationReport.Message> kept =
        report.getMessages().stream()
            .filter(
                m ->
                    !(m.getKey().equals("validation.request.parameter.collection.invalidFormat")
                        && m.getContext()
                            .flatMap(ValidationReport.MessageContext::getParameter)
                            .map(p -> isRepeated(request, p.getName()))
                            .orElse(false)))
            .toList();
    return ValidationReport.from(kept);
  }

  private static boolean isRepeated(FilterableRequestSpecification request, String name) {
    Object value = request.getQueryParams().get(name);
    if (value == null) {
      String query = URI.create(request.getURI()).getRawQuery();
      long count =
          query == null
              ? 0
              : java.util.Arrays.stream(query.split("&"))
                  .filter(pair -> pair.equals(name) || pair.startsWith(name + "="))
                  .count();
      return count > 1;
    }
    return value instanceof java.util.Collection<?> values && values.size() > 1;
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
  }

  /** After every other filter: it sees the request as sent and the answer as received. */
  @Override
  public int getOrder() {
    return Integer.MAX_VALUE;
  }
}
