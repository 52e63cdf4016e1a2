package io.handoff.platform.security;

import io.handoff.platform.config.HandoffProperties;
import io.handoff.platform.config.HandoffProperties.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile, refuses to start on the secrets that ship with Handoff or that
 * anyone can guess: an empty administrator password, {@code demo}, or one equal to the
 * administrator's id; an empty database password, the {@code postgres} profile's {@code handoff},
 * or one equal to the database user; and, when demo identities are switched on in production, an
 * integration or demo user whose password is empty, its shipped default or its own id.
 *
 * <p>Runs once the configuration is read and before any bean exists, so no engine, database
 * connection or HTTP port is opened with a default secret. Outside {@code prod} the defaults are
 * what makes the embedded run a one-command start.
 */
public class ProductionSecrets implements EnvironmentPostProcessor, Ordered {

  public static final String PROFILE = "prod";

  static final Set<String> DEFAULT_ADMIN_PASSWORDS = Set.of("demo");
  static final Set<String> DEFAULT_DATABASE_PASSWORDS = Set.of("handoff");
  static final Set<String> DEFAULT_INTEGRATION_PASSWORDS = Set.of("integration");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
      return;
    }
    List<String> problems = problems(Binder.get(environment));
    if (!problems.isEmpty()) {
      throw new WeakSecretsException(problems);
    }
  }

  /** What is wrong with the configured secrets, one sentence each naming what to set. */
  static List<String> problems(Binder binder) {
    List<String> problems = new ArrayList<>();
    String adminId = binder.bind("camunda.bpm.admin-user.id", String.class).orElse(null);
    if (adminId != null && !adminId.isBlank()) {
      // Camunda's starter uses the id as password when none is set.
      String password =
          binder.bind("camunda.bpm.admin-user.password", String.class).orElse(adminId);
      weakness(password, adminId, DEFAULT_ADMIN_PASSWORDS)
          .ifPresent(
              why ->
                  problems.add(
                      "The administrator's password (camunda.bpm.admin-user.password) "
                          + why
                          + ": set HANDOFF_ADMIN_PASSWORD."));
    }
    String dbUser = binder.bind("spring.datasource.username", String.class).orElse(null);
    String dbPassword = binder.bind("spring.datasource.password", String.class).orElse("");
    weakness(dbPassword, dbUser, DEFAULT_DATABASE_PASSWORDS)
        .ifPresent(
            why ->
                problems.add(
                    "The database password (spring.datasource.password) "
                        + why
                        + ": set HANDOFF_DB_PASSWORD (also for an H2 database in production)."));
    HandoffProperties.Demo demo =
        binder.bind("handoff.demo", HandoffProperties.Demo.class).orElse(null);
    if (demo != null && demo.enabled()) {
      if (demo.integration() != null) {
        UserSpec integration = demo.integration();
        weakness(integration.password(), integration.id(), DEFAULT_INTEGRATION_PASSWORDS)
            .ifPresent(
                why ->
                    problems.add(
                        "The integration user's password (handoff.demo.integration.password) "
                            + why
                            + ": set HANDOFF_INTEGRATION_PASSWORD, or create the integration user"
                            + " in the Admin webapp and leave handoff.demo.enabled off."));
      }
      for (UserSpec user : demo.users()) {
        weakness(user.password(), user.id(), Set.of())
            .ifPresent(
                why ->
                    problems.add(
                        "The password of demo user '"
                            + user.id()
                            + "' (handoff.demo.users) "
                            + why
                            + ": leave handoff.demo.enabled off in production, or give each demo"
                            + " user its own password."));
      }
    }
    return problems;
  }

  private static Optional<String> weakness(String password, String userId, Set<String> defaults) {
    if (password == null || password.isBlank()) {
      return Optional.of("is empty");
    }
    if (defaults.contains(password)) {
      return Optional.of("is the default '" + password + "'");
    }
    if (userId != null && password.equalsIgnoreCase(userId)) {
      return Optional.of("is the user's own id");
    }
    return Optional.empty();
  }

  @Override
  public int getOrder() {
    // After the configuration files and profiles are read.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
