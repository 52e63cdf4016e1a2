package io.handoff.platform.security;

import java.util.List;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Opens a {@link TechnicalUserIdentityProvider} for each engine command that needs one. */
class TechnicalUserIdentityProviderFactory implements SessionFactory {

  private final List<String> technicalUserGroups;
  private final AuthenticatedPrincipalCache principals;

  TechnicalUserIdentityProviderFactory(
      List<String> technicalUserGroups, AuthenticatedPrincipalCache principals) {
    this.technicalUserGroups = List.copyOf(technicalUserGroups);
    this.principals = principals;
  }

  @Override
  public Class<?> getSessionType() {
    return TechnicalUserIdentityProvider.class;
  }

  @Override
  public Session openSession() {
    return new TechnicalUserIdentityProvider(technicalUserGroups, principals);
  }
}
