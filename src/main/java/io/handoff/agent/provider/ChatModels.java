package io.handoff.agent.provider;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.handoff.agent.AgentProperties.ProviderSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Builds LangChain4j chat models from {@code handoff.agent.providers.<id>} settings. Without a
 * {@code chat-model-class} the built-in OpenAI-compatible client is used (OpenAI, Azure OpenAI's
 * OpenAI-compatible endpoint, Ollama, vLLM, LM Studio). With one, any LangChain4j chat model on the
 * classpath is built through its {@code builder()}, setting {@code baseUrl}, {@code apiKey}, {@code
 * modelName} and {@code timeout} where the builder has them, e.g. {@code
 * dev.langchain4j.model.anthropic.AnthropicChatModel} from {@code langchain4j-anthropic}.
 */
public final class ChatModels {

  private ChatModels() {}

  public static ChatModel create(ProviderSettings settings, String model) {
    if (settings.chatModelClass() == null || settings.chatModelClass().isBlank()) {
      OpenAiChatModel.OpenAiChatModelBuilder builder =
          OpenAiChatModel.builder()
              .apiKey(blankToNull(settings.apiKey()) == null ? "none" : settings.apiKey())
              .modelName(model)
              .timeout(settings.timeout())
              .maxRetries(0);
      if (blankToNull(settings.baseUrl()) != null) {
        builder.baseUrl(settings.baseUrl());
      }
      return builder.build();
    }
    return reflective(settings, model);
  }

  /** Whether the configured chat model class is on the classpath. */
  public static boolean available(ProviderSettings settings) {
    if (settings.chatModelClass() == null || settings.chatModelClass().isBlank()) {
      return true;
    }
    try {
      Class.forName(settings.chatModelClass(), false, ChatModels.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static ChatModel reflective(ProviderSettings settings, String model) {
    try {
      Class<?> type = Class.forName(settings.chatModelClass());
      Object builder = type.getMethod("builder").invoke(null);
      set(builder, "baseUrl", String.class, blankToNull(settings.baseUrl()));
      set(builder, "apiKey", String.class, blankToNull(settings.apiKey()));
      set(builder, "modelName", String.class, model);
      set(builder, "timeout", Duration.class, settings.timeout());
      set(builder, "maxRetries", Integer.class, 0);
      Object built = builder.getClass().getMethod("build").invoke(builder);
      if (!(built instanceof ChatModel chat)) {
        throw new IllegalStateException(settings.chatModelClass() + " is not a ChatModel");
      }
      return chat;
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException(
          "Cannot build chat model " + settings.chatModelClass() + ": " + cause.getMessage(),
          cause);
    }
  }

  private static void set(Object builder, String name, Class<?> type, Object value)
      throws ReflectiveOperationException {
    if (value == null) {
      return;
    }
    Method method;
    try {
      method = builder.getClass().getMethod(name, type);
    } catch (NoSuchMethodException e) {
      return;
    }
    method.invoke(builder, value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
