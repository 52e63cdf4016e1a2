package io.handoff.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.UnreadableFieldsException;
import java.io.IOException;
import java.lang.reflect.Type;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Spring MVC's JSON converter, reading a request body to its end: when values in it cannot be read,
 * the request is refused with all of them ({@link UnreadableFieldsException}), together with what
 * Bean Validation finds in the rest of the body.
 */
public class CollectingJsonConverter extends MappingJackson2HttpMessageConverter {

  public CollectingJsonConverter(ObjectMapper objectMapper) {
    super(objectMapper);
  }

  @Override
  public Object read(Type type, Class<?> contextClass, HttpInputMessage inputMessage)
      throws IOException {
    return checked(FieldCollector.collect(() -> super.read(type, contextClass, inputMessage)));
  }

  @Override
  protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) throws IOException {
    return checked(FieldCollector.collect(() -> super.readInternal(clazz, inputMessage)));
  }

  private static Object checked(FieldCollector.Reading reading) {
    if (!reading.problems().isEmpty()) {
      throw new UnreadableFieldsException(reading.problems(), reading.value());
    }
    return reading.value();
  }
}
