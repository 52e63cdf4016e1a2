package io.handoff.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent step settings under {@code handoff.agent.*}.
 *
 * @param timeout how long one provider call may take before the step routes to a person
 * @param tasks the agent tasks the platform offers, each with the autonomy levels it allows
 * @param providers chat-model providers by provider id (the {@code agentModel} input selects one)
 * @param masking which kinds of personal data are masked before text leaves for a non-local
 *     provider
 * @param agreement agent-versus-person agreement monitoring
 * @param local the offline {@code local} provider
 */
@ConfigurationProperties("handoff.agent")
public record AgentProperties(
    @DefaultValue("20s") Duration timeout,
    Map<String, TaskSettings> tasks,
    Map<String, ProviderSettings> providers,
    Masking masking,
    Agreement agreement,
    Local local) {

  public AgentProperties {
    tasks = tasks == null ? Map.of() : Map.copyOf(tasks);
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    masking = masking == null ? new Masking(true, true, true) : masking;
    agreement = agreement == null ? new Agreement(50, 0.8, 10) : agreement;
    local =
        local == null
            ? new Local("classpath:agent/incident-training.txt", "NAIVEBAYES", 100, 1, 5, 2, 0.65)
            : local;
  }

  /**
   * @param allowedAutonomy the autonomy levels a model may declare for this task; anything else is
   *     refused at deployment
   */
  public record TaskSettings(List<String> allowedAutonomy) {
    public TaskSettings {
      allowedAutonomy = allowedAutonomy == null ? List.of() : List.copyOf(allowedAutonomy);
    }
  }

  /**
   * One LangChain4j chat-model provider.
   *
   * @param chatModelClass LangChain4j chat model class with a static {@code builder()}; empty for
   *     the built-in OpenAI-compatible client ({@code langchain4j-open-ai})
   * @param baseUrl endpoint, e.g. {@code https://api.openai.com/v1} or an Ollama / vLLM / Azure URL
   * @param apiKey API key (from the environment in production)
   * @param model model name used when the step names none
   * @param timeout HTTP timeout of one call
   * @param jsonMode ask the endpoint for a JSON object answer ({@code response_format})
   */
  public record ProviderSettings(
      String chatModelClass,
      String baseUrl,
      String apiKey,
      String model,
      @DefaultValue("20s") Duration timeout,
      @DefaultValue("true") boolean jsonMode) {}

  /**
   * @param email mask e-mail addresses
   * @param iban mask IBANs
   * @param phone mask phone numbers
   */
  public record Masking(
      @DefaultValue("true") boolean email,
      @DefaultValue("true") boolean iban,
      @DefaultValue("true") boolean phone) {}

  /**
   * @param window how many of the latest reviewed decisions per task the agreement is computed over
   * @param floor agreement below this turns the {@code agentAgreement} health indicator to WARNING
   * @param minDecisions reviewed decisions needed before the floor is applied
   */
  public record Agreement(
      @DefaultValue("50") int window,
      @DefaultValue("0.8") double floor,
      @DefaultValue("10") int minDecisions) {}

  /**
   * @param incidentTrainingData labelled incident texts the classifier is trained on at start-up
   * @param algorithm OpenNLP trainer ({@code NAIVEBAYES}, {@code MAXENT}, {@code PERCEPTRON})
   * @param iterations training iterations (maximum entropy and perceptron only)
   * @param cutoff minimum number of times a word must occur to become a feature
   * @param calibrationFolds folds of the out-of-fold confidence calibration on the training data
   * @param evidenceMinSupport training tickets a word must occur in to count as evidence for a
   *     label
   * @param evidenceMinShare share of those tickets that must carry the label
   */
  public record Local(
      @DefaultValue("classpath:agent/incident-training.txt") String incidentTrainingData,
      @DefaultValue("NAIVEBAYES") String algorithm,
      @DefaultValue("100") int iterations,
      @DefaultValue("1") int cutoff,
      @DefaultValue("5") int calibrationFolds,
      @DefaultValue("2") int evidenceMinSupport,
      @DefaultValue("0.65") double evidenceMinShare) {

    /** The classifier settings these properties describe. */
    public io.handoff.agent.task.CalibratedIncidentClassifier.Settings classifierSettings() {
      return new io.handoff.agent.task.CalibratedIncidentClassifier.Settings(
          algorithm, iterations, cutoff, calibrationFolds, evidenceMinSupport, evidenceMinShare);
    }
  }
}
