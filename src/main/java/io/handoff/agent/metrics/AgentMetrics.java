package io.handoff.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code handoff.agent.invocations} (counter by task, provider, model and outcome: {@code
 * accepted}, {@code routed}, {@code error}) and {@code handoff.agent.latency} (timer by task,
 * provider and model).
 */
@Component
public class AgentMetrics {

  public static final String INVOCATIONS = "handoff.agent.invocations";
  public static final String LATENCY = "handoff.agent.latency";

  /** The step's result stood without a person. */
  public static final String ACCEPTED = "accepted";

  /** A person decides (low confidence, shadow). */
  public static final String ROUTED = "routed";

  /** The provider failed; a person decides. */
  public static final String ERROR = "error";

  private final MeterRegistry registry;

  public AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void invocation(
      String task, String provider, String model, String outcome, Duration latency) {
    Counter.builder(INVOCATIONS)
        .description("Agent step invocations")
        .tag("task", task)
        .tag("provider", provider)
        .tag("model", model == null ? "none" : model)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder(LATENCY)
        .description("Duration of agent provider calls")
        .tag("task", task)
        .tag("provider", provider)
        .tag("model", model == null ? "none" : model)
        .register(registry)
        .record(latency);
  }
}
