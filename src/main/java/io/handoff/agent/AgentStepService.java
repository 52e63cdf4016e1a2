package io.handoff.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.agent.autonomy.AgentStep;
import io.handoff.agent.autonomy.AutonomyGovernor;
import io.handoff.agent.metrics.AgentMetrics;
import io.handoff.agent.privacy.PersonalDataMasker;
import io.handoff.agent.provider.AgentProvider;
import io.handoff.agent.provider.AgentProviders;
import io.handoff.agent.task.AgentTask;
import io.handoff.agent.task.AgentTasks;
import io.handoff.platform.engine.EngineClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs one agent step: masks personal data for non-local providers, asks the provider within the
 * time limit, applies the autonomy level, and writes the audit row and metrics. Every failure
 * (unknown provider, error, timeout, unparseable answer) gives confidence 0 and routes to a person,
 * with the error in the audit row.
 */
@Service
public class AgentStepService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AgentStepService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgentProviders providers;
  private final AgentTasks tasks;
  private final PersonalDataMasker masker;
  private final AgentAuditRepository audit;
  private final AgentMetrics metrics;
  private final AutonomyGovernor governor;
  private final Duration timeout;
  private final ExecutorService calls =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "agent-provider-call");
            t.setDaemon(true);
            return t;
          });

  @Autowired
  public AgentStepService(
      AgentProviders providers,
      AgentTasks tasks,
      PersonalDataMasker masker,
      AgentAuditRepository audit,
      AgentMetrics metrics,
      AutonomyGovernor governor,
      AgentProperties props) {
    this(providers, tasks, masker, audit, metrics, governor, props.timeout());
  }

  public AgentStepService(
      AgentProviders providers,
      AgentTasks tasks,
      PersonalDataMasker masker,
      AgentAuditRepository audit,
      AgentMetrics metrics,
      AutonomyGovernor governor,
      Duration timeout) {
    this.governor = governor;
    this.providers = providers;
    this.tasks = tasks;
    this.masker = masker;
    this.audit = audit;
    this.metrics = metrics;
    this.timeout = timeout;
  }

  public AgentStepResult run(AgentStepRequest request) {
    AgentTask task =
        tasks
            .find(request.task())
            .orElseThrow(
                () -> new IllegalArgumentException("Unknown agent task '" + request.task() + "'"));
    String text = request.text() == null ? "" : request.text();
    String providerId = providerId(request.agentModel());
    AgentProvider provider = providers.find(providerId).orElse(null);
    String model =
        modelName(request.agentModel()) != null
            ? modelName(request.agentModel())
            : provider == null ? null : provider.defaultModel(task);

    Set<String> maskedKinds = Set.of();
    String sent = text;
    if (provider != null && !provider.local()) {
      PersonalDataMasker.MaskedText masked = masker.mask(text);
      sent = masked.text();
      maskedKinds = masked.kinds();
    }

    long start = System.nanoTime();
    AgentAnswer answer = null;
    String error = null;
    if (provider == null) {
      error = "Unknown agent provider '" + providerId + "'; known: " + providers.ids();
    } else {
      try {
        answer = call(provider, task, model, sent);
      } catch (TimeoutException e) {
        error = "No answer within " + timeout.toMillis() + " ms";
      } catch (ExecutionException e) {
        error = describe(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "Interrupted while waiting for the provider";
      }
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);

    Autonomy autonomy =
        request.processDefinitionKey() == null
            ? request.autonomy()
            : governor.effective(
                new AgentStep(request.processDefinitionKey(), request.activityId()),
                request.autonomy());
    double confidence = answer == null ? 0.0 : answer.confidence();
    boolean needsHuman =
        answer == null
            || answer.proposal().unknown()
            || autonomy.needsHuman(confidence, request.threshold());
    String rationale =
        answer == null ? "No proposal: " + error + ". A person decides." : answer.rationale();
    if (autonomy != request.autonomy()) {
      rationale +=
          " The step runs at "
              + autonomy.id()
              + " instead of its declared "
              + request.autonomy().id()
              + ": it was moved down for its measured agreement with people.";
    }
    String outcome =
        answer == null
            ? AgentMetrics.ERROR
            : needsHuman ? AgentMetrics.ROUTED : AgentMetrics.ACCEPTED;

    String auditId = UUID.randomUUID().toString();
    audit.insert(
        new AgentAction(
            auditId,
            request.processInstanceId(),
            request.activityId(),
            task.id(),
            providerId,
            model,
            sha256(text),
            answer == null ? null : outputJson(answer),
            BigDecimal.valueOf(confidence),
            autonomy.id(),
            needsHuman,
            latency.toMillis(),
            error,
            List.copyOf(maskedKinds.stream().sorted().toList()),
            EngineClock.now(),
            null,
            null,
            null,
            null,
            request.processDefinitionKey(),
            request.autonomy().id(),
            null,
            null,
            null,
            null));
    metrics.invocation(task.id(), providerId, model, outcome, latency);
    if (error != null) {
      log.warn(
          "Agent step {} in process instance {}: {} via {} failed, routed to a person: {}",
          request.activityId(),
          request.processInstanceId(),
          task.id(),
          providerId,
          error);
    } else {
      log.info(
          "Agent step {} in process instance {}: {} via {}/{} confidence {} ({}, {})",
          request.activityId(),
          request.processInstanceId(),
          task.id(),
          providerId,
          model,
          String.format("%.3f", confidence),
          autonomy.id(),
          outcome);
    }
    return new AgentStepResult(
        auditId,
        answer == null ? null : answer.proposal(),
        confidence,
        rationale,
        needsHuman,
        error);
  }

  private AgentAnswer call(AgentProvider provider, AgentTask task, String model, String text)
      throws TimeoutException, ExecutionException, InterruptedException {
    CompletableFuture<AgentAnswer> future =
        CompletableFuture.supplyAsync(() -> provider.propose(task, model, text), calls);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    }
  }

  /** The provider id of {@code <provider>[:<model>]}. */
  static String providerId(String agentModel) {
    if (agentModel == null || agentModel.isBlank()) {
      return "local";
    }
    int colon = agentModel.indexOf(':');
    return (colon < 0 ? agentModel : agentModel.substring(0, colon)).strip();
  }

  /** The model name of {@code <provider>:<model>}, or null. */
  static String modelName(String agentModel) {
    if (agentModel == null) {
      return null;
    }
    int colon = agentModel.indexOf(':');
    String model = colon < 0 ? "" : agentModel.substring(colon + 1).strip();
    return model.isEmpty() ? null : model;
  }

  static String outputJson(AgentAnswer answer) {
    ObjectNode node = JSON.createObjectNode();
    if (answer.proposal().structured()) {
      node.set("proposal", JSON.valueToTree(answer.proposal().fields()));
    } else {
      node.put("proposal", answer.proposal().label());
    }
    node.put("confidence", answer.confidence());
    node.put("rationale", answer.rationale());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = t.getClass().getSimpleName() + ": " + t.getMessage();
    if (root != t) {
      message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return message;
  }

  @Override
  public void destroy() {
    calls.shutdownNow();
  }
}
