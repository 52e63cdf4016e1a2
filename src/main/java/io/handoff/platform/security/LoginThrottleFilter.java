package io.handoff.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles password guessing per client address, in front of every login: HTTP Basic on {@code
 * /api/**}, {@code /actuator/**} and {@code /engine-rest/**}, and the webapps' login form. A
 * request that presents credentials and is answered 401 counts as a failed login, counted as the
 * status is set, before the answer reaches the client. Once an address reached the limit, its login
 * attempts are answered 429 with {@code Retry-After} until the cool-down ends, before any password
 * is checked (so neither a right nor a wrong password gets through, and a human user's lock-out
 * counter does not move). Requests without credentials, and webapp requests within a session, pass
 * untouched.
 *
 * <p>The client address is the servlet container's remote address: forwarding headers count only
 * when the container is told to trust the proxy that sets them ({@code
 * server.forward-headers-strategy}).
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

  private final LoginThrottle throttle;
  private final ObjectMapper objectMapper;
  private final String webappLogin;

  /**
   * @param webappPath where the webapps are served ({@code camunda.bpm.webapp.application-path})
   */
  public LoginThrottleFilter(LoginThrottle throttle, ObjectMapper objectMapper, String webappPath) {
    this.throttle = throttle;
    this.objectMapper = objectMapper;
    // The login form: POST {webappPath}/api/admin/auth/user/{engine}/login/{app}
    this.webappLogin = webappPath + "/api/admin/auth/user/";
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isLoginAttempt(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Optional<Duration> refused = throttle.refusedFor(address);
    if (refused.isPresent()) {
      refuse(request, response, refused.get());
      return;
    }
    chain.doFilter(request, new FailureCountingResponse(response, address));
  }

  private void recordFailure(String address) {
    throttle.recordFailure(address);
    if (throttle.refusedFor(address).isPresent()) {
      log.warn(
          "Login attempts from {} refused for {} after {} failed logins",
          address,
          throttle.settings().coolDown(),
          throttle.settings().maxFailures());
    }
  }

  /**
   * Counts the failure when the 401 is set, before any of the response reaches the client: a
   * client's next attempt never overtakes the count of its last one.
   */
  private final class FailureCountingResponse extends HttpServletResponseWrapper {

    private final String address;
    private boolean counted;

    FailureCountingResponse(HttpServletResponse response, String address) {
      super(response);
      this.address = address;
    }

    private void status(int status) {
      if (status == HttpServletResponse.SC_UNAUTHORIZED && !counted) {
        counted = true;
        recordFailure(address);
      }
    }

    @Override
    public void setStatus(int sc) {
      status(sc);
      super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
      status(sc);
      super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      status(sc);
      super.sendError(sc, msg);
    }
  }

  boolean isLoginAttempt(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(webappLogin)) {
      return "POST".equals(request.getMethod()) && path.contains("/login/");
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return authorization != null
        && authorization.regionMatches(true, 0, "Basic ", 0, 6)
        && (path.startsWith("/api/")
            || path.startsWith("/engine-rest/")
            || path.startsWith("/actuator/"));
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, Duration left)
      throws IOException {
    long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    // The one problem schema of the API (type URN, errors), on every login surface alike.
    ApiProblems.write(
        objectMapper,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "Too many failed logins from this address. Try again in " + seconds + " seconds.",
        request.getRequestURI());
  }
}
