package io.handoff.agent.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.handoff.agent.AgentProperties.ProviderSettings;
import io.handoff.agent.AgentStepRequest;
import io.handoff.agent.AgentStepResult;
import io.handoff.agent.AgentStepService;
import io.handoff.agent.Autonomy;
import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.agent.autonomy.AutonomyGovernor;
import io.handoff.agent.metrics.AgentMetrics;
import io.handoff.agent.privacy.PersonalDataMasker;
import io.handoff.agent.task.AgentTasks;
import io.handoff.support.HandoffSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OpenAI-compatible provider (the real LangChain4j client) against an HTTP server on loopback:
 * a good answer, malformed JSON, an HTTP 500 and a timeout, each through the agent step service
 * with the application's audit table, masking and metrics.
 */
@HandoffSpringTest
class OpenAiCompatibleProviderTest {

  static final String COMPLETIONS = "/v1/chat/completions";
  static final String TICKET =
      "VPN drops every 10 minutes. Call me on +49 30 1234567 or write to jane.doe@example.com;"
          + " refunds to DE89 3704 0044 0532 0130 00 please.";

  @Autowired AgentTasks tasks;
  @Autowired PersonalDataMasker masker;
  @Autowired AgentAuditRepository audit;
  @Autowired AgentMetrics metrics;
  @Autowired AutonomyGovernor governor;
  @Autowired PlatformTransactionManager transactionManager;

  private final ObjectMapper json = new ObjectMapper();
  private WireMockServer server;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private AgentStepService service(Duration httpTimeout, Duration stepTimeout) {
    ProviderSettings settings =
        new ProviderSettings(
            null,
            "http://127.0.0.1:" + server.port() + "/v1",
            "test-key",
            "gpt-test",
            httpTimeout,
            true);
    AgentProviders providers =
        new AgentProviders(List.of(LangChain4jProvider.of("openai", settings)));
    return new AgentStepService(providers, tasks, masker, audit, metrics, governor, stepTimeout);
  }

  private AgentStepResult classify(AgentStepService service, String processInstanceId) {
    return run(service, processInstanceId, "openai", Autonomy.SUPERVISED, TICKET);
  }

  /** One classify-incident step in its own transaction, as the engine runs it. */
  private AgentStepResult run(
      AgentStepService service,
      String processInstanceId,
      String agentModel,
      Autonomy autonomy,
      String text) {
    return new TransactionTemplate(transactionManager)
        .execute(
            tx ->
                service.run(
                    new AgentStepRequest(
                        processInstanceId,
                        "ClassifyIncidentTask",
                        "classify-incident",
                        agentModel,
                        autonomy,
                        0.75,
                        text)));
  }

  private String completion(String content) throws Exception {
    return json.writeValueAsString(
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "created",
            1_700_000_000,
            "model",
            "gpt-test",
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "message",
                    Map.of("role", "assistant", "content", content),
                    "finish_reason",
                    "stop")),
            "usage",
            Map.of("prompt_tokens", 50, "completion_tokens", 20, "total_tokens", 70)));
  }

  private void answer(String content) throws Exception {
    server.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion(content))));
  }

  private AgentAction row(String processInstanceId) {
    List<AgentAction> rows = audit.findByProcessInstance(processInstanceId);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void aLongTicketReachesTheModelInFullAndItsLongRationaleIsKeptInFull() throws Exception {
    String ticket = io.handoff.support.LongTexts.of(50_000, "VPN drops; client log follows");
    String rationale = io.handoff.support.LongTexts.of(12_000, "The log shows tunnel resets");
    answer(
        json.writeValueAsString(
            Map.of("label", "network", "confidence", 0.91, "rationale", rationale)));
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result =
        run(
            service(Duration.ofSeconds(5), Duration.ofSeconds(10)),
            pi,
            "openai",
            Autonomy.SUPERVISED,
            ticket);

    var sent =
        json.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString())
            .path("messages");
    String userMessage = sent.path(sent.size() - 1).path("content").asText();
    assertThat(userMessage).contains(masker.mask(ticket).text());
    assertThat(result.rationale()).isEqualTo(rationale);
    AgentAction row = row(pi);
    assertThat(row.inputDigest()).isEqualTo(AgentStepServiceDigest.of(ticket));
    assertThat(json.readTree(row.output()).path("rationale").asText()).isEqualTo(rationale);
  }

  /** The audit's digest of an input: SHA-256 of its UTF-8 bytes, in hex. */
  static final class AgentStepServiceDigest {
    static String of(String text) throws Exception {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @Test
  void goodAnswerIsAcceptedAboveTheThreshold() throws Exception {
    answer(
        "{\"label\": \"network\", \"confidence\": 0.91, \"rationale\": \"VPN keeps dropping.\"}");
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = classify(service(Duration.ofSeconds(5), Duration.ofSeconds(10)), pi);

    assertThat(result.proposal().label()).isEqualTo("network");
    assertThat(result.confidence()).isEqualTo(0.91);
    assertThat(result.rationale()).isEqualTo("VPN keeps dropping.");
    assertThat(result.needsHuman()).isFalse();
    AgentAction row = row(pi);
    assertThat(row.provider()).isEqualTo("openai");
    assertThat(row.model()).isEqualTo("gpt-test");
    assertThat(row.error()).isNull();
    assertThat(row.routedToPerson()).isFalse();
    server.verify(
        postRequestedFor(urlEqualTo(COMPLETIONS))
            .withHeader("Authorization", equalTo("Bearer test-key"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test")))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
            .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system"))));
  }

  @Test
  void personalDataIsMaskedInWhatIsSentAndTheAuditSaysSo() throws Exception {
    answer("{\"label\": \"network\", \"confidence\": 0.8, \"rationale\": \"VPN.\"}");
    String pi = "wire-" + UUID.randomUUID();

    classify(service(Duration.ofSeconds(5), Duration.ofSeconds(10)), pi);

    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(COMPLETIONS)));
    assertThat(requests).hasSize(1);
    String sent = requests.get(0).getBodyAsString();
    assertThat(sent)
        .contains("[email]", "[iban]", "[phone]", "VPN drops every 10 minutes")
        .doesNotContain("jane.doe@example.com")
        .doesNotContain("1234567")
        .doesNotContain("0532 0130");
    AgentAction row = row(pi);
    assertThat(row.maskedKinds()).containsExactly("email", "iban", "phone");
    assertThat(row.output()).doesNotContain("jane.doe");
  }

  @Test
  void malformedJsonRoutesToAPersonWithTheErrorAudited() throws Exception {
    answer("Sure! The category is {network, confidence: high");
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = classify(service(Duration.ofSeconds(5), Duration.ofSeconds(10)), pi);

    assertThat(result.needsHuman()).isTrue();
    assertThat(result.confidence()).isZero();
    assertThat(result.proposal()).isNull();
    AgentAction row = row(pi);
    assertThat(row.error()).contains("not JSON");
    assertThat(row.confidence().signum()).isZero();
    assertThat(row.routedToPerson()).isTrue();
    assertThat(row.output()).isNull();
  }

  @Test
  void labelOutsideTheCategoriesIsRejected() throws Exception {
    answer("{\"label\": \"printer\", \"confidence\": 0.99, \"rationale\": \"Printer.\"}");
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = classify(service(Duration.ofSeconds(5), Duration.ofSeconds(10)), pi);

    assertThat(result.needsHuman()).isTrue();
    assertThat(row(pi).error()).contains("'label' must be one of");
  }

  @Test
  void http500RoutesToAPersonWithTheErrorAudited() {
    server.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": {\"message\": \"upstream overloaded\"}}")));
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = classify(service(Duration.ofSeconds(5), Duration.ofSeconds(10)), pi);

    assertThat(result.needsHuman()).isTrue();
    assertThat(result.confidence()).isZero();
    assertThat(row(pi).error()).contains("upstream overloaded");
  }

  @Test
  void httpTimeoutRoutesToAPersonWithTheErrorAudited() throws Exception {
    server.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(3_000)
                    .withBody(
                        completion(
                            "{\"label\": \"network\", \"confidence\": 0.9, \"rationale\": \"late\"}"))));
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = classify(service(Duration.ofMillis(500), Duration.ofSeconds(10)), pi);

    assertThat(result.needsHuman()).isTrue();
    assertThat(result.confidence()).isZero();
    assertThat(row(pi).error()).containsIgnoringCase("timeout");
    assertThat(row(pi).latencyMs()).isLessThan(3_000);
  }

  @Test
  void stepTimeoutStopsWaitingEvenWhenTheClientWouldWaitLonger() throws Exception {
    server.stubFor(
        post(urlEqualTo(COMPLETIONS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(3_000)
                    .withBody(
                        completion(
                            "{\"label\": \"network\", \"confidence\": 0.9, \"rationale\": \"late\"}"))));
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = classify(service(Duration.ofSeconds(20), Duration.ofMillis(500)), pi);

    assertThat(result.needsHuman()).isTrue();
    assertThat(row(pi).error()).isEqualTo("No answer within 500 ms");
  }

  @Test
  void anotherLangChain4jChatModelIsBuiltFromItsConfiguredClass() throws Exception {
    answer("{\"label\": \"security\", \"confidence\": 0.7, \"rationale\": \"Phishing.\"}");
    ProviderSettings settings =
        new ProviderSettings(
            "dev.langchain4j.model.openai.OpenAiChatModel",
            "http://127.0.0.1:" + server.port() + "/v1",
            "other-key",
            "other-model",
            Duration.ofSeconds(5),
            false);
    assertThat(ChatModels.available(settings)).isTrue();
    AgentStepService service =
        new AgentStepService(
            new AgentProviders(List.of(LangChain4jProvider.of("other", settings))),
            tasks,
            masker,
            audit,
            metrics,
            governor,
            Duration.ofSeconds(10));
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result =
        run(
            service,
            pi,
            "other:named-model",
            Autonomy.SHADOW,
            "I clicked a link in a strange email");

    assertThat(result.proposal().label()).isEqualTo("security");
    assertThat(result.needsHuman()).isTrue();
    assertThat(row(pi).model()).isEqualTo("named-model");
    server.verify(
        postRequestedFor(urlEqualTo(COMPLETIONS))
            .withHeader("Authorization", equalTo("Bearer other-key"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("named-model"))));
  }

  @Test
  void providerWhoseModuleIsMissingIsNotOfferedAndItsStepsGoToAPerson() {
    ProviderSettings missing =
        new ProviderSettings(
            "dev.langchain4j.model.anthropic.AnthropicChatModel",
            null,
            "k",
            "claude",
            Duration.ofSeconds(5),
            false);
    assertThat(ChatModels.available(missing)).isFalse();
    AgentStepService service = service(Duration.ofSeconds(5), Duration.ofSeconds(10));
    String pi = "wire-" + UUID.randomUUID();

    AgentStepResult result = run(service, pi, "anthropic", Autonomy.AUTONOMOUS, "printer jammed");

    assertThat(result.needsHuman()).isTrue();
    assertThat(row(pi).error()).contains("Unknown agent provider 'anthropic'");
    assertThat(server.getAllServeEvents()).isEmpty();
  }
}
