package io.handoff.platform.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One strict reading of JSON for the domain API ({@code /api/**}, Spring MVC's ObjectMapper; the
 * engine REST API and Spin keep their own mappers):
 *
 * <ul>
 *   <li>one JSON document per body, nothing after it; no key twice in one object;
 *   <li>unknown fields are refused (400 naming the field), so a misspelt optional field never goes
 *       unnoticed;
 *   <li>no coercion between JSON types: a string field takes only a string, a number only a number,
 *       a boolean only {@code true} or {@code false}, a date only its ISO text, an enum only its
 *       name;
 *   <li>no text holds a control character (U+0000-U+001F, U+007F-U+009F), except tab, line feed and
 *       carriage return in fields marked {@link MultilineText}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJsonReading() {
    return builder ->
        builder
            .featuresToEnable(
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .featuresToDisable(
                MapperFeature.ALLOW_COERCION_OF_SCALARS,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
            .postConfigurer(
                mapper -> {
                  mapper
                      .coercionConfigDefaults()
                      .setAcceptBlankAsEmpty(false)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
                  for (LogicalType scalar :
                      new LogicalType[] {
                        LogicalType.Textual,
                        LogicalType.Boolean,
                        LogicalType.Integer,
                        LogicalType.Float,
                        LogicalType.DateTime,
                        LogicalType.Enum
                      }) {
                    var config = mapper.coercionConfigFor(scalar);
                    for (CoercionInputShape shape : CoercionInputShape.values()) {
                      if (!natural(scalar, shape)) {
                        config.setCoercion(shape, CoercionAction.Fail);
                      }
                    }
                  }
                });
  }

  /** The JSON shapes a type of the domain API is written in; all others are refused. */
  private static boolean natural(LogicalType type, CoercionInputShape shape) {
    return switch (type) {
      // An empty string is a string: "" for a text field reaches Bean Validation (@NotBlank).
      case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
      case DateTime, Enum -> shape == CoercionInputShape.String;
      case Boolean -> shape == CoercionInputShape.Boolean;
      case Integer -> shape == CoercionInputShape.Integer;
      case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
      default -> false;
    };
  }

  /**
   * Replaces Spring Boot's converter (same ObjectMapper): a body with several unreadable values is
   * refused naming each of them.
   */
  @Bean
  CollectingJsonConverter collectingJsonConverter(
      com.fasterxml.jackson.databind.ObjectMapper objectMapper) {
    return new CollectingJsonConverter(objectMapper);
  }

  /** Spring Boot registers every Module bean with the domain API's ObjectMapper. */
  @Bean
  SimpleModule strictTextModule() {
    SimpleModule module =
        new SimpleModule("handoff-strict-text") {
          private static final long serialVersionUID = 1L;

          @Override
          public void setupModule(SetupContext context) {
            super.setupModule(context);
            context.addDeserializationProblemHandler(FieldCollector.unknownFields());
          }
        };
    module.addDeserializer(String.class, new TextDeserializer(false));
    module.addKeyDeserializer(String.class, new TextKeyDeserializer());
    module.setDeserializerModifier(
        FieldCollector.modifier(
            new BeanDeserializerModifier() {
              @Override
              public JsonDeserializer<?> modifyEnumDeserializer(
                  DeserializationConfig config,
                  JavaType type,
                  BeanDescription beanDesc,
                  JsonDeserializer<?> deserializer) {
                return new ExactText(deserializer);
              }

              @Override
              public JsonDeserializer<?> modifyDeserializer(
                  DeserializationConfig config,
                  BeanDescription beanDesc,
                  JsonDeserializer<?> deserializer) {
                Class<?> type = beanDesc.getBeanClass();
                return type.getPackageName().equals("java.time")
                    ? new ExactText(deserializer)
                    : deserializer;
              }
            }));
    return module;
  }

  /**
   * The reason a text is refused, or null: control characters, and line breaks and tabs outside
   * multi-line fields.
   */
  static String problem(String text, boolean multiline) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.getType(c) != Character.CONTROL) {
        continue;
      }
      if (c == 0) {
        return "must not contain the NUL character (U+0000)";
      }
      boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
      if (!lineBreakOrTab || !multiline) {
        return String.format(
            "must not contain control characters (U+%04X at position %d)%s",
            (int) c, i, lineBreakOrTab ? "; this field is a single line" : "");
      }
    }
    return null;
  }

  /** Strings read as Jackson reads them, then checked for control characters. */
  static final class TextDeserializer extends StdScalarDeserializer<String>
      implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;

    private final boolean multiline;

    TextDeserializer(boolean multiline) {
      super(String.class);
      this.multiline = multiline;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      boolean free = property != null && property.getAnnotation(MultilineText.class) != null;
      return free == multiline ? this : new TextDeserializer(free);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = StringDeserializer.instance.deserialize(p, ctxt);
      if (text != null) {
        String problem = problem(text, multiline);
        if (problem != null) {
          throw new RejectedTextException(p, problem);
        }
      }
      return text;
    }

    @Override
    public LogicalType logicalType() {
      return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
      return true;
    }
  }

  /**
   * Dates, timestamps and enum names are read from a JSON string only, exactly as written: Jackson
   * would otherwise trim them (dropping a NUL at the end) or accept arrays and numbers for dates.
   */
  static final class ExactText extends DelegatingDeserializer {

    private static final long serialVersionUID = 1L;

    ExactText(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new ExactText(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return ctxt.handleUnexpectedToken(handledType(), p);
      }
      String text = p.getText();
      if (problem(text, false) != null || !text.equals(text.strip())) {
        throw new RejectedTextException(
            p, "must be written exactly, without spaces or control characters");
      }
      return super.deserialize(p, ctxt);
    }
  }

  /** Keys of maps (Alertmanager labels) are single-line text too. */
  static final class TextKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      String problem = problem(key, false);
      if (problem != null) {
        throw new RejectedTextException(ctxt.getParser(), "key " + problem);
      }
      return key;
    }
  }
}
