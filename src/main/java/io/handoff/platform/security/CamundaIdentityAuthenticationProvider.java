package io.handoff.platform.security;

import io.handoff.platform.security.AuthenticatedPrincipalCache.Principal;
import java.util.List;
import java.util.Optional;
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
 * becomes an authority {@code GROUP_<groupId>}. A successful login is remembered for a short time
 * ({@link AuthenticatedPrincipalCache}); a wrong password is always checked by the engine, and
 * makes it forget the user's remembered logins.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  public static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identityService;
  private final AuthenticatedPrincipalCache principals;

  public CamundaIdentityAuthenticationProvider(
      IdentityService identityService, AuthenticatedPrincipalCache principals) {
    this.identityService = identityService;
    this.principals = principals;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || credentials == null) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    String password = credentials.toString();
    Optional<Principal> remembered = principals.find(userId, password);
    Principal principal;
    long stamp = principals.stamp();
    if (remembered.isPresent()) {
      principal = remembered.get();
    } else if (identityService.checkPassword(userId, password)) {
      principal =
          new Principal(
              userId,
              identityService.createGroupQuery().groupMember(userId).list().stream()
                  .map(Group::getId)
                  .toList());
      principals.remember(password, principal, stamp);
    } else {
      // The engine now counts a failed attempt (delay, lock-out): no earlier login may bypass it.
      principals.evictUser(userId);
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    List<GrantedAuthority> authorities =
        principal.groups().stream()
            .<GrantedAuthority>map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
            .toList();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
