package io.handoff.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.api.EngineRestDeployments;
import io.handoff.platform.config.HandoffProperties;
import io.handoff.platform.errors.ApiProblems;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>{@code /api/**} (the domain API): HTTP Basic with a platform user; members of {@code
 *       handoff.api.groups} only (401 without credentials, 403 for other users).
 *   <li>{@code /actuator/**}: health is public (for load balancers and orchestrators); every other
 *       endpoint needs a {@code camunda-admin} member.
 *   <li>{@code /engine-rest/**} (Camunda's REST API, also used by Camunda Modeler's deploy button):
 *       Camunda's own HTTP Basic filter, so the engine's authorizations apply per user (401 without
 *       credentials, 403 when the user's authorizations do not allow the call). Deployments are for
 *       {@code camunda-admin} members: 401 and 403 come before the upload is read, and the upload
 *       is then bounded ({@code handoff.engine-rest.max-deployment-size}).
 *   <li>The webapps under {@code /camunda/**} keep their own login, session and CSRF protection.
 *   <li>In front of all of them, failed logins are throttled per client address ({@link
 *       LoginThrottleFilter}); wrong passwords never lock technical users ({@link
 *       TechnicalUserLoginPlugin}).
 * </ul>
 */
@Configuration
public class SecurityConfig {

  public static final String REALM = "Handoff";

  /** The engine's administrators' group. */
  static final String ADMIN_GROUP = Groups.CAMUNDA_ADMIN;

  /**
   * No Spring Security observations: they would time every filter of the chain and every
   * authentication (wrapping each in an observation even when {@code
   * management.observations.enable.spring.security} is false); requests stay measured as a whole in
   * {@code http.server.requests}.
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  LoginThrottle loginThrottle(HandoffProperties props) {
    return new LoginThrottle(props.security().loginThrottle(), LoginThrottle.engineClock());
  }

  /**
   * A URL the firewall refuses (an encoded percent sign, a semicolon, a double slash) is answered
   * 400 in the API's problem+json, like every other refusal, not with the container's error page.
   */
  @Bean
  org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(
      ObjectMapper objectMapper) {
    return (request, response, rejected) ->
        io.handoff.platform.errors.ApiProblems.write(
            objectMapper,
            response,
            org.springframework.http.HttpStatus.BAD_REQUEST,
            "The request's URL is refused: it holds characters or sequences the API does not"
                + " accept (an encoded percent sign, a semicolon, a double slash).",
            request.getRequestURI());
  }

  /** Before Spring Security and the webapps' own filters, so a refused address reaches neither. */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(
      LoginThrottle throttle, ObjectMapper objectMapper, CamundaBpmProperties camunda) {
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(
            new LoginThrottleFilter(
                throttle, objectMapper, camunda.getWebapp().getApplicationPath()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/*");
    return registration;
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      CamundaIdentityAuthenticationProvider provider,
      HandoffProperties props,
      ObjectMapper objectMapper)
      throws Exception {
    String[] apiAuthorities =
        props.api().groups().stream()
            .map(g -> CamundaIdentityAuthenticationProvider.GROUP_PREFIX + g)
            .toArray(String[]::new);
    String[] auditAuthorities =
        props.api().auditGroups().stream()
            .map(g -> CamundaIdentityAuthenticationProvider.GROUP_PREFIX + g)
            .toArray(String[]::new);
    http.securityMatcher("/api/**", "/actuator/**")
        .authenticationProvider(provider)
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAuthority(
                        CamundaIdentityAuthenticationProvider.GROUP_PREFIX + "camunda-admin")
                    .requestMatchers(
                        "/api/process-instances/*/decisions",
                        "/api/processes/*/business-keys/*/decisions",
                        "/api/decisions/**")
                    .hasAnyAuthority(auditAuthorities)
                    // A person's change of an agent step's level: process owners only, refused
                    // before the body is read.
                    .requestMatchers(HttpMethod.PUT, "/api/agent-autonomy/**")
                    .hasAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + ADMIN_GROUP)
                    .anyRequest()
                    .hasAnyAuthority(apiAuthorities))
        .httpBasic(
            basic ->
                basic
                    .realmName(REALM)
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
                          ApiProblems.write(
                              objectMapper,
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "Credentials of a platform user are required (HTTP Basic).",
                              request.getRequestURI());
                        }))
        .exceptionHandling(
            ex ->
                ex.accessDeniedHandler(
                    (request, response, e) ->
                        ApiProblems.write(
                            objectMapper,
                            response,
                            HttpStatus.FORBIDDEN,
                            "This user is not in a group allowed to call this API.",
                            request.getRequestURI())));
    return http.build();
  }

  /**
   * Camunda's engine REST API. Its own authentication filter leaves {@code /engine-rest/engine}
   * open, so HTTP Basic is enforced here for every path, and the user is then handed to the engine.
   */
  @Bean
  @Order(1)
  SecurityFilterChain engineRestSecurity(
      HttpSecurity http,
      CamundaIdentityAuthenticationProvider provider,
      IdentityService identityService,
      ObjectMapper objectMapper)
      throws Exception {
    // Jersey, not Spring MVC, serves /engine-rest: match on the request URI itself.
    http.securityMatcher(
            request ->
                request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/"))
        .authenticationProvider(provider)
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                // Deploying is for administrators (the engine refuses everyone else too); refused
                // here, before the upload is read.
                auth.requestMatchers(EngineRestDeployments::isDeployment)
                    .hasAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + ADMIN_GROUP)
                    .anyRequest()
                    .authenticated())
        .httpBasic(
            basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint(objectMapper)))
        .exceptionHandling(
            ex ->
                ex.accessDeniedHandler(
                    (request, response, e) ->
                        ApiProblems.write(
                            objectMapper,
                            response,
                            HttpStatus.FORBIDDEN,
                            "Deploying is kept for administrators (" + ADMIN_GROUP + ").",
                            request.getRequestURI())))
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
    return http.build();
  }

  private static AuthenticationEntryPoint entryPoint(ObjectMapper objectMapper) {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
      ApiProblems.write(
          objectMapper,
          response,
          HttpStatus.UNAUTHORIZED,
          "Credentials of a platform user are required (HTTP Basic).",
          request.getRequestURI());
    };
  }
}
