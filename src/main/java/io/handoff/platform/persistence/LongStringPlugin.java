package io.handoff.platform.persistence;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives the engine the {@link LongStringValueSerializer} in place of its own String serializer, and
 * a history producer that fits the one history record without room for long text ({@link
 * LongTextHistoryEventProducer}).
 *
 * <p>The serializer takes the built-in one's place and name ({@code string}) after the engine has
 * registered its serializers: one registered in {@code customPreVariableSerializers} would be
 * chosen for writing, but the built-in one, registered after it under the same name, would still
 * read every stored {@code string} variable and return a long one as null.
 */
@Component
public class LongStringPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(LongStringPlugin.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventProducer() == null) {
      configuration.setHistoryEventProducer(new LongTextHistoryEventProducer());
    } else {
      log.warn(
          "A history event producer is configured ({}): a form submission with a text over {}"
              + " characters fails unless it shortens form-property records as {} does",
          configuration.getHistoryEventProducer().getClass().getName(),
          LongStringValueSerializer.TEXT_COLUMN_LENGTH,
          LongTextHistoryEventProducer.class.getSimpleName());
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    VariableSerializers serializers = configuration.getVariableSerializers();
    TypedValueSerializer<?> builtIn = serializers.getSerializerByName(ValueType.STRING.getName());
    if (builtIn instanceof LongStringValueSerializer) {
      return;
    }
    int index = serializers.getSerializerIndex(builtIn);
    serializers.removeSerializer(builtIn);
    serializers.addSerializer(new LongStringValueSerializer(), index);
  }
}
