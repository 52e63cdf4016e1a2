package io.handoff.platform.security;

import io.handoff.platform.config.HandoffProperties;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the engine the {@link TechnicalUserIdentityProvider}, so the engine itself, on every
 * surface that checks a password, never locks a technical user for wrong passwords.
 */
@Component
public class TechnicalUserLoginPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TechnicalUserLoginPlugin.class);

  private final List<String> technicalUserGroups;
  private final AuthenticatedPrincipalCache principals;

  public TechnicalUserLoginPlugin(HandoffProperties props, AuthenticatedPrincipalCache principals) {
    this.technicalUserGroups = props.security().technicalUserGroups();
    this.principals = principals;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getIdentityProviderSessionFactory() != null) {
      // Another identity provider (LDAP, for instance) owns passwords and their lock-out.
      throw new IllegalStateException(
          "An identity provider is already configured; the technical-user login policy applies"
              + " to the engine's database identity provider only");
    }
    configuration.setIdentityProviderSessionFactory(
        new TechnicalUserIdentityProviderFactory(technicalUserGroups, principals));
    log.info("Wrong passwords do not lock members of {} (technical users)", technicalUserGroups);
  }
}
