package io.handoff.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production secrets check on the real application.yaml, with an empty application around it:
 * the check runs before any bean, so no engine starts here. {@code ProductionStartIT} starts the
 * whole application.
 */
class ProductionSecretsTest {

  static final String[] PROPER_SECRETS = {
    "--HANDOFF_ADMIN_USER=admin",
    "--HANDOFF_ADMIN_PASSWORD=Vq7-admin-secret",
    "--HANDOFF_DB_PASSWORD=Vq7-db-secret"
  };

  @SpringBootConfiguration
  static class NoBeans {}

  static ConfigurableApplicationContext start(String profiles, String... args) {
    return new SpringApplicationBuilder(NoBeans.class)
        .web(WebApplicationType.NONE)
        .profiles(profiles.split(","))
        .run(args);
  }

  /** The proper secrets with some replaced (a repeated command-line option would add a value). */
  static String[] with(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    for (String secret : PROPER_SECRETS) {
      String name = secret.substring(0, secret.indexOf('=') + 1);
      if (all.stream().noneMatch(arg -> arg.startsWith(name))) {
        all.add(secret);
      }
    }
    return all.toArray(String[]::new);
  }

  @Test
  void prodOnTheShippedDefaultsRefusesToStartAndNamesWhatToSet() {
    assertThatThrownBy(() -> start("prod"))
        .isInstanceOf(WeakSecretsException.class)
        .hasMessageContaining("camunda.bpm.admin-user.password) is the default 'demo'")
        .hasMessageContaining("set HANDOFF_ADMIN_PASSWORD")
        .hasMessageContaining("spring.datasource.password) is empty")
        .hasMessageContaining("set HANDOFF_DB_PASSWORD");
  }

  @Test
  void prodOnPostgresWithItsDefaultDatabasePasswordRefusesToStart() {
    assertThatThrownBy(() -> start("postgres,prod", with("--HANDOFF_DB_PASSWORD=handoff")))
        .isInstanceOf(WeakSecretsException.class)
        .hasMessageContaining("spring.datasource.password) is the default 'handoff'")
        .hasMessageNotContaining("admin-user");
  }

  @Test
  void prodWithAnAdminPasswordEqualToTheAdminIdRefusesToStart() {
    assertThatThrownBy(() -> start("prod", with("--HANDOFF_ADMIN_PASSWORD=Admin")))
        .isInstanceOf(WeakSecretsException.class)
        .hasMessageContaining("camunda.bpm.admin-user.password) is the user's own id")
        .hasMessageNotContaining("datasource");
  }

  @Test
  void prodWithAnEmptyAdminPasswordRefusesToStart() {
    assertThatThrownBy(() -> start("prod", with("--HANDOFF_ADMIN_PASSWORD=")))
        .isInstanceOf(WeakSecretsException.class)
        .hasMessageContaining("camunda.bpm.admin-user.password) is empty");
  }

  @Test
  void prodWithDemoIdentitiesOnTheirDefaultPasswordsRefusesToStart() {
    assertThatThrownBy(() -> start("prod", with("--handoff.demo.enabled=true")))
        .isInstanceOf(WeakSecretsException.class)
        .hasMessageContaining("handoff.demo.integration.password) is the default 'integration'")
        .hasMessageContaining("set HANDOFF_INTEGRATION_PASSWORD")
        .hasMessageContaining("demo user 'alice' (handoff.demo.users) is the user's own id");
  }

  @Test
  void prodWithProperSecretsStarts() {
    try (ConfigurableApplicationContext context = start("postgres,prod", PROPER_SECRETS)) {
      assertThat(context.isActive()).isTrue();
    }
    try (ConfigurableApplicationContext context = start("prod", PROPER_SECRETS)) {
      assertThat(context.isActive()).isTrue();
    }
  }

  @Test
  void withoutProdTheEmbeddedDefaultsStart() {
    try (ConfigurableApplicationContext context = start("default")) {
      assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEmpty();
    }
  }
}
