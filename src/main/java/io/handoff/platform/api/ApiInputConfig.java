package io.handoff.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.config.HandoffProperties;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bounds on request bodies: of the domain API ahead of authentication and of any parsing; of
 * engine REST deployments right after authentication (an upload is read only for an administrator)
 * and before the engine's REST application buffers it. One filter, two limits.
 */
@Configuration(proxyBeanMethods = false)
public class ApiInputConfig {

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
      HandoffProperties props, ObjectMapper objectMapper) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestBodyLimitFilter(
                props.api().maxBodySize(), RequestBodyLimitFilter::isDomainApi, objectMapper));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }

  /** After Spring Security's filters, so that only a caller it let through gets its body read. */
  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> deploymentBodyLimitFilter(
      HandoffProperties props, ObjectMapper objectMapper) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RequestBodyLimitFilter(
                props.engineRest().maxDeploymentSize(),
                EngineRestDeployments::isDeployment,
                objectMapper));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }

  /** The input rules, in the OpenAPI document integrators generate their clients from. */
  static final String INPUT_RULES =
      """
      Every request body of `/api/**` is read strictly. A breach is **400**
      `application/problem+json` with an `errors` array naming every bad field in one answer
      (`body` for the document as a whole): missing, of the wrong type, an enum name that does
      not exist (the message lists the allowed values), out of range, unknown. Nothing is stored.
      Checks across fields (totals, unique line numbers) run once every field can be read.

      Every refusal under `/api` (400, 401, 403, 404 also for unknown paths, 405 with `Allow`,
      406, 409, 413, 415 with `Accept`) is `application/problem+json` with `type`, `title`,
      `status`, `detail`, `instance` and `errors`. A 201 carries `Location` as a path from the
      root (`/api/invoices/V-1/INV-1`).

      - One JSON document: nothing after it, no key twice in one object.
      - Unknown fields are refused (the Alertmanager webhook, whose format Prometheus owns,
        ignores fields it does not know).
      - No coercion between JSON types: a text field takes only a string, a number only a
        number, a boolean only `true` or `false`, a date or timestamp only its ISO 8601 text,
        an enum only its name, case-sensitive (`HIGH`, not `high`).
      - No text holds a control character (U+0000-U+001F, U+007F-U+009F). Free-text fields
        (descriptions, contract text, reasons, alert annotations) may hold tab, line feed and
        carriage return; every other field is a single line.
      - Free texts are kept in full up to their limits, longer ones are refused: contract text
        200,000 characters, incident descriptions and each alert annotation 50,000, reasons
        20,000 (characters as Java counts them: an emoji counts two).
      - Dates (invoice dates, alert start times) lie from 2000-01-01 to one year after today.
      - A body larger than %s (`handoff.api.max-body-size`) is answered **413** before it is
        read, with or without a `Content-Length`.
      """;
}
