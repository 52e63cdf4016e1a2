package io.handoff.agent.provider;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.handoff.agent.AgentAnswer;
import io.handoff.agent.AgentProperties.ProviderSettings;
import io.handoff.agent.task.AgentTask;
import io.handoff.agent.task.InvalidAnswerException;
import io.handoff.agent.task.ModelAnswerParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A chat model reached through LangChain4j. The task's instructions go as the system message, the
 * (masked) text as the user message; the answer must be the task's JSON object, read strictly. One
 * LangChain4j client is built per model name and reused.
 */
public class LangChain4jProvider implements AgentProvider {

  private final String id;
  private final ProviderSettings settings;
  private final Function<String, ChatModel> clients;
  private final Map<String, ChatModel> byModel = new ConcurrentHashMap<>();

  public LangChain4jProvider(
      String id, ProviderSettings settings, Function<String, ChatModel> clients) {
    this.id = id;
    this.settings = settings;
    this.clients = clients;
  }

  /** A provider for the settings: the built-in OpenAI-compatible client or a named class. */
  public static LangChain4jProvider of(String id, ProviderSettings settings) {
    return new LangChain4jProvider(id, settings, model -> ChatModels.create(settings, model));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean local() {
    return false;
  }

  @Override
  public String defaultModel(AgentTask task) {
    return settings.model();
  }

  @Override
  public AgentAnswer propose(AgentTask task, String model, String text) {
    ChatModel client = byModel.computeIfAbsent(model, clients);
    ChatRequest.Builder request =
        ChatRequest.builder()
            .messages(SystemMessage.from(task.instructions()), UserMessage.from(text))
            .temperature(0.0);
    if (settings.jsonMode()) {
      request.responseFormat(ResponseFormat.JSON);
    }
    ChatResponse response = client.chat(request.build());
    if (response == null || response.aiMessage() == null) {
      throw new InvalidAnswerException("The model returned no message");
    }
    return ModelAnswerParser.parse(response.aiMessage().text(), task);
  }
}
