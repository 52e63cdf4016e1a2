package io.handoff.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the authenticated platform user to the process engine for the duration of a request, so the
 * engine's authorizations (task visibility, deployment rights) apply to engine REST calls exactly
 * as they do in the webapps.
 */
public class EngineAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  public EngineAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups =
        auth.getAuthorities().stream()
            .map(a -> a.getAuthority())
            .filter(a -> a.startsWith(CamundaIdentityAuthenticationProvider.GROUP_PREFIX))
            .map(a -> a.substring(CamundaIdentityAuthenticationProvider.GROUP_PREFIX.length()))
            .toList();
    identityService.setAuthentication(auth.getName(), groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
