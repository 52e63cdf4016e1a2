package io.handoff.platform.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.DmnBusinessRuleTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.model.BaseCallableElement;
import org.camunda.bpm.engine.impl.core.model.BaseCallableElement.CallableElementBinding;
import org.camunda.bpm.engine.impl.core.variable.mapping.value.ParameterValueProvider;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Connects the engine to the decision ledger: every evaluation of a deployed table in a process
 * instance is written ({@link RuleLedgerListener}); a business rule task whose model leaves the
 * binding at its default uses the platform's binding rule ({@link RuleBinding}) like code does (a
 * binding set in the model, {@code deployment}, {@code version} or {@code versionTag}, is kept); a
 * deployment makes the binding read the deployed versions again; and the DMN engine parses each
 * FEEL expression once ({@link ParsedFeelExpressions}).
 */
@Component
public class DecisionLedgerPlugin extends AbstractProcessEnginePlugin {

  private final DecisionLedger ledger;
  private final ObjectMapper objectMapper;
  private final RuleBinding binding;

  public DecisionLedgerPlugin(
      DecisionLedger ledger, ObjectMapper objectMapper, RuleBinding binding) {
    this.ledger = ledger;
    this.objectMapper = objectMapper;
    this.binding = binding;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn =
          (DefaultDmnEngineConfiguration)
              DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    ParsedFeelExpressions.install(dmn);
    List<org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener> listeners =
        new ArrayList<>(dmn.getCustomPostDecisionEvaluationListeners());
    listeners.add(new RuleLedgerListener(ledger, objectMapper));
    dmn.setCustomPostDecisionEvaluationListeners(listeners);

    List<BpmnParseListener> parseListeners =
        new ArrayList<>(
            configuration.getCustomPreBPMNParseListeners() == null
                ? List.of()
                : configuration.getCustomPreBPMNParseListeners());
    parseListeners.add(new BindBusinessRuleTasks(binding));
    configuration.setCustomPreBPMNParseListeners(parseListeners);

    List<Deployer> deployers =
        new ArrayList<>(
            configuration.getCustomPostDeployers() == null
                ? List.of()
                : configuration.getCustomPostDeployers());
    deployers.add(
        deployment -> {
          if (Context.getCommandContext() == null) {
            binding.forget();
            return;
          }
          Context.getCommandContext()
              .getTransactionContext()
              .addTransactionListener(TransactionState.COMMITTED, c -> binding.forget());
        });
    configuration.setCustomPostDeployers(deployers);
  }

  /** Gives business rule tasks with the default binding the platform's binding rule. */
  static final class BindBusinessRuleTasks extends AbstractBpmnParseListener {

    private static final Field CALLABLE_ELEMENT = callableElementField();
    private final RuleBinding binding;

    BindBusinessRuleTasks(RuleBinding binding) {
      this.binding = binding;
    }

    @Override
    public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      if (!(activity.getActivityBehavior() instanceof DmnBusinessRuleTaskActivityBehavior rule)) {
        return;
      }
      String declared =
          element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "decisionRefBinding");
      if (declared != null && !declared.isBlank() && !"latest".equals(declared.trim())) {
        return;
      }
      BaseCallableElement callable;
      try {
        callable = (BaseCallableElement) CALLABLE_ELEMENT.get(rule);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot bind business rule task " + activity.getId(), e);
      }
      callable.setBinding(CallableElementBinding.VERSION);
      callable.setVersionValueProvider(new BoundVersion(callable, binding));
    }

    private static Field callableElementField() {
      try {
        Field field = DmnBusinessRuleTaskActivityBehavior.class.getDeclaredField("callableElement");
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("Unsupported engine version", e);
      }
    }
  }

  /** The version of the task's decision that its process instance is bound to. */
  record BoundVersion(BaseCallableElement callable, RuleBinding binding)
      implements ParameterValueProvider {

    @Override
    public Object getValue(VariableScope scope) {
      String key = callable.getDefinitionKey(scope);
      String instance =
          scope instanceof DelegateExecution execution ? execution.getProcessInstanceId() : null;
      return binding.versionFor(instance, key).version();
    }

    @Override
    public boolean isDynamic() {
      return true;
    }
  }
}
