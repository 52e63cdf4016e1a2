package io.handoff.platform.governance;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine REST application with the platform's refusals answered as problem+json. */
@Configuration
public class EngineRestConfig {

  @Bean
  CamundaJerseyResourceConfig engineRestResourceConfig() {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        register(EngineRestProblems.ControlRefusedMapper.class);
        register(EngineRestProblems.InvalidTaskInputMapper.class);
        register(EngineRestProblems.RestExceptionMapper.class);
      }
    };
  }
}
