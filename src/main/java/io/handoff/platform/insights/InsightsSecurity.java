package io.handoff.platform.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.ApiProblems;
import io.handoff.platform.security.CamundaIdentityAuthenticationProvider;
import io.handoff.platform.security.SecurityConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.GenericFilterBean;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may read the insights: members of {@code handoff.insights.groups} (administrators, process
 * leads, auditors), 401 without a login and 403 for everyone else. The API and the page take the
 * same login as the rest of the platform: HTTP Basic with a platform user, or the session of the
 * Camunda webapps (someone logged in to the Tasklist or Cockpit opens {@code /insights/} without
 * logging in again). A browser without a login is sent to the webapps' login page.
 */
@Configuration
public class InsightsSecurity implements WebMvcConfigurer {

  static final String PAGE = "/insights/";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/insights", PAGE);
    registry.addViewController(PAGE).setViewName("forward:/insights/index.html");
  }

  @Bean
  @Order(0)
  SecurityFilterChain insightsFilterChain(
      HttpSecurity http,
      CamundaIdentityAuthenticationProvider provider,
      InsightsProperties props,
      IdentityService identityService,
      ProcessEngine engine,
      CamundaBpmProperties camunda,
      ObjectMapper objectMapper)
      throws Exception {
    String[] authorities =
        props.groups().stream()
            .map(g -> CamundaIdentityAuthenticationProvider.GROUP_PREFIX + g)
            .toArray(String[]::new);
    String login = camunda.getWebapp().getApplicationPath() + "/app/welcome/default/#!/login";
    AuthenticationEntryPoint entryPoint =
        (request, response, e) -> {
          if (isPage(request) && request.getHeader("Authorization") == null) {
            response.sendRedirect(request.getContextPath() + login);
            return;
          }
          response.setHeader("WWW-Authenticate", "Basic realm=\"" + SecurityConfig.REALM + "\"");
          ApiProblems.write(
              objectMapper,
              response,
              HttpStatus.UNAUTHORIZED,
              "Credentials of a platform user are required (HTTP Basic or a webapp login).",
              request.getRequestURI());
        };
    http.securityMatcher("/api/insights", "/api/insights/**", "/insights", "/insights/**")
        .authenticationProvider(provider)
        .csrf(AbstractHttpConfigurer::disable)
        // The webapps' session is read, never changed: no new session id (the page's parallel
        // requests and the Tasklist carry the one they have).
        .sessionManagement(
            s ->
                s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                    .sessionFixation(f -> f.none()))
        .addFilterAfter(
            new WebappSessionFilter(identityService, engine.getName()),
            BasicAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyAuthority(authorities))
        .httpBasic(
            basic -> basic.realmName(SecurityConfig.REALM).authenticationEntryPoint(entryPoint))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(
                        (request, response, e) ->
                            ApiProblems.write(
                                objectMapper,
                                response,
                                HttpStatus.FORBIDDEN,
                                "Insights are for the groups "
                                    + String.join(", ", props.groups())
                                    + ".",
                                request.getRequestURI())));
    return http.build();
  }

  private static boolean isPage(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/insights");
  }

  /**
   * Takes the user of the Camunda webapps' session, when the request carries no credentials of its
   * own; the groups are read from the identity service at each request, so a membership removed in
   * the Admin webapp counts at once.
   */
  static final class WebappSessionFilter extends GenericFilterBean {

    private final IdentityService identityService;
    private final String engineName;

    WebappSessionFilter(IdentityService identityService, String engineName) {
      this.identityService = identityService;
      this.engineName = engineName;
    }

    /** On every dispatch, the forward of /insights/ to its index.html included. */
    @Override
    public void doFilter(ServletRequest req, ServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpSession session = request.getSession(false);
      if (session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
        Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
        if (auths != null
            && auths.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication u
            && u.getName() != null) {
          List<GrantedAuthority> groups =
              identityService.createGroupQuery().groupMember(u.getName()).list().stream()
                  .map(Group::getId)
                  .<GrantedAuthority>map(
                      id ->
                          new SimpleGrantedAuthority(
                              CamundaIdentityAuthenticationProvider.GROUP_PREFIX + id))
                  .toList();
          var context = SecurityContextHolder.createEmptyContext();
          context.setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(u.getName(), null, groups));
          SecurityContextHolder.setContext(context);
        }
      }
      chain.doFilter(request, response);
    }
  }
}
