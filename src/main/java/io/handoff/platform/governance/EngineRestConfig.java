package io.handoff.platform.governance;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The engine REST application, on {@code /engine-rest} and where the Tasklist and Cockpit reach it,
 * with the platform's refusals and concurrent changes answered as problem+json.
 */
@Configuration
public class EngineRestConfig {

  /** The name under which the webapps register their engine API, which they skip if taken. */
  static final String WEBAPP_ENGINE_API = "Engine Api";

  private static final Class<?>[] MAPPERS = {
    EngineRestProblems.ControlRefusedMapper.class,
    EngineRestProblems.InvalidTaskInputMapper.class,
    EngineRestProblems.RestExceptionMapper.class,
    EngineRestProblems.ConcurrentChangeMapper.class
  };

  @Bean
  CamundaJerseyResourceConfig engineRestResourceConfig() {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        registerClasses(MAPPERS);
      }
    };
  }

  /**
   * The webapps' engine API ({@code /camunda/api/engine/*}, what the Tasklist completes tasks
   * through) with the same answers as {@code /engine-rest}: registered before the webapps register
   * theirs under the same name and mapping, which they then leave as it is.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
  ServletContextInitializer webappEngineApi(CamundaBpmProperties properties) {
    return servletContext -> {
      ResourceConfig application =
          ResourceConfig.forApplication(new EngineRestApplication()).registerClasses(MAPPERS);
      servletContext
          .addServlet(WEBAPP_ENGINE_API, new ServletContainer(application))
          .addMapping(properties.getWebapp().getApplicationPath() + "/api/engine/*");
    };
  }
}
