package io.handoff.platform.governance;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is calling the engine: the user the REST layer or a webapp authenticated for this request.
 * The engine's own work (job executor, delegates, the domain API's calls) runs without one.
 */
public final class EngineUsers {

  private EngineUsers() {}

  /** The authenticated caller unless they are an administrator; empty for the platform itself. */
  public static Optional<Authentication> controlledCaller(
      ProcessEngineConfigurationImpl configuration) {
    Authentication auth = configuration.getIdentityService().getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null || isAdmin(configuration, auth)) {
      return Optional.empty();
    }
    return Optional.of(auth);
  }

  public static boolean isAdmin(ProcessEngineConfigurationImpl configuration, Authentication auth) {
    List<String> adminUsers = configuration.getAdminUsers();
    if (adminUsers != null && adminUsers.contains(auth.getUserId())) {
      return true;
    }
    List<String> adminGroups = configuration.getAdminGroups();
    List<String> groups = auth.getGroupIds();
    return adminGroups != null && groups != null && groups.stream().anyMatch(adminGroups::contains);
  }
}
