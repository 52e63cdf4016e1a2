package io.handoff.platform.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Authenticates HTTP Basic credentials against the platform's users (the Camunda identity service),
 * so the REST API, the engine REST API and the webapps share one user base. Each group membership
 * becomes an authority {@code GROUP_<groupId>}.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  public static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null
        || credentials == null
        || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    List<GrantedAuthority> authorities =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .<GrantedAuthority>map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
            .toList();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
