package io.handoff.platform.persistence;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.springframework.stereotype.Component;

/**
 * Gives the engine the {@link LongStringValueSerializer} in place of its own String serializer.
 *
 * <p>The serializer takes the built-in one's place and name ({@code string}) after the engine has
 * registered its serializers: one registered in {@code customPreVariableSerializers} would be
 * chosen for writing, but the built-in one, registered after it under the same name, would still
 * read every stored {@code string} variable and return a long one as null.
 */
@Component
public class LongStringPlugin extends AbstractProcessEnginePlugin {

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
