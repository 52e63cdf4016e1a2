package io.handoff.platform.governance;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappInitializer;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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
   * through) with the same answers as {@code /engine-rest}, registered where the webapps are.
   */
  @Bean
  @ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", matchIfMissing = true)
  WebappEngineApi webappEngineApi(
      CamundaBpmProperties properties, ObjectProvider<CamundaBpmWebappInitializer> webapps) {
    return new WebappEngineApi(properties, webapps);
  }

  /**
   * Registers the webapps' engine API before the webapps register theirs under the same name and
   * mapping, which they then leave as it is; only where the webapps are set up, so that the API
   * never runs without their login, CSRF and engine filters.
   */
  static final class WebappEngineApi implements ServletContextInitializer, Ordered {

    private final CamundaBpmProperties properties;
    private final ObjectProvider<CamundaBpmWebappInitializer> webapps;

    WebappEngineApi(
        CamundaBpmProperties properties, ObjectProvider<CamundaBpmWebappInitializer> webapps) {
      this.properties = properties;
      this.webapps = webapps;
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onStartup(ServletContext servletContext) {
      if (webapps.getIfAvailable() == null) {
        return;
      }
      ResourceConfig application =
          ResourceConfig.forApplication(new EngineRestApplication()).registerClasses(MAPPERS);
      ServletRegistration.Dynamic registration =
          servletContext.addServlet(WEBAPP_ENGINE_API, new ServletContainer(application));
      if (registration == null) {
        throw new IllegalStateException(
            "The webapps' \""
                + WEBAPP_ENGINE_API
                + "\" servlet was registered before Handoff's: the Tasklist would answer a"
                + " refusal or a concurrent change with 500");
      }
      registration.addMapping(properties.getWebapp().getApplicationPath() + "/api/engine/*");
    }
  }
}
