package io.handoff.platform.governance;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Makes the engine hold the platform's controls on every surface that reaches it (engine REST, the
 * Tasklist's and other webapps' API, the Java API with an authenticated user): a person's task
 * completion and process start carry only their form's fields ({@link FormInputGuard}), and the
 * operations that go around a process are kept for administrators ({@link EngineOperationGuard}).
 */
@Component
public class EngineGuardPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FormInputGuard inputs = new FormInputGuard(configuration);
    configuration.setTaskService(new GuardedTaskService(inputs));
    configuration.setFormService(new GuardedFormService(inputs));
    // One guard per interceptor chain: an interceptor knows the next one of its own chain.
    configuration.setCustomPreCommandInterceptorsTxRequired(
        first(
            new EngineOperationGuard(configuration),
            configuration.getCustomPreCommandInterceptorsTxRequired()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        first(
            new EngineOperationGuard(configuration),
            configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> first(
      CommandInterceptor guard, List<CommandInterceptor> others) {
    List<CommandInterceptor> chain = new ArrayList<>();
    chain.add(guard);
    if (others != null) {
      chain.addAll(others);
    }
    return chain;
  }
}
