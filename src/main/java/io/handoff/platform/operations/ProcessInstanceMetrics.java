package io.handoff.platform.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Counts process instances started and ended per process definition key, for every process and
 * however the instance was started (domain REST API, engine REST, Tasklist, Cockpit, a message or a
 * call activity): the engine's history events are the one place all of them pass through.
 *
 * <p>Meters: {@code handoff.process.instances.started{process}} and {@code
 * handoff.process.instances.ended{process, state}} with the engine's end state: {@code completed},
 * or {@code internally_terminated} / {@code externally_terminated} for cancelled instances. A count
 * is added only when the engine transaction commits, so a rolled-back start is not counted.
 * Counters are per node; sum them over all nodes.
 */
@Component
public class ProcessInstanceMetrics extends AbstractProcessEnginePlugin {

  public static final String STARTED = "handoff.process.instances.started";
  public static final String ENDED = "handoff.process.instances.ended";

  private final MeterRegistry registry;

  public ProcessInstanceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers =
        configuration.getCustomHistoryEventHandlers() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new InstanceEventCounter());
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /**
   * Not a Spring bean itself: the starter would register a {@link HistoryEventHandler} bean a
   * second time.
   */
  private final class InstanceEventCounter implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!(event instanceof HistoricProcessInstanceEventEntity instance)) {
        return;
      }
      String process = instance.getProcessDefinitionKey();
      if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
        afterCommit(Counter.builder(STARTED).tag("process", process));
      } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
        String state =
            instance.getState() == null
                ? "completed"
                : instance.getState().toLowerCase(Locale.ROOT);
        afterCommit(Counter.builder(ENDED).tag("process", process).tag("state", state));
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }

  private void afterCommit(Counter.Builder counter) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) {
      counter.register(registry).increment();
      return;
    }
    commandContext
        .getTransactionContext()
        .addTransactionListener(
            TransactionState.COMMITTED, committed -> counter.register(registry).increment());
  }
}
