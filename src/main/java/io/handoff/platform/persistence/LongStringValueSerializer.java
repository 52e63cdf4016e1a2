package io.handoff.platform.persistence;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.SingleQueryVariableValueCondition;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;

/**
 * The engine's serializer for String variables, without the engine's 4,000-character limit.
 *
 * <p>A string of up to {@link #TEXT_COLUMN_LENGTH} characters is stored exactly as the engine
 * stores it (serializer {@code string}, the text in {@code TEXT_}). A longer one keeps the same
 * serializer and type, so engine REST, the Tasklist, Cockpit and Camunda Forms see an ordinary
 * {@code String}, but its text goes to the variable's byte array as UTF-8 (the {@code
 * ACT_GE_BYTEARRAY} row that file and object variables use) and {@code TEXT_} stays empty. The
 * engine creates, replaces, deletes and cleans up that row as it does for every other variable with
 * a byte array, at run time and in history ({@code ACT_HI_VARINST}, {@code ACT_HI_DETAIL}, decision
 * inputs and outputs).
 *
 * <p>What stays limited: a variable-value query compares {@code TEXT_}, so it sees only strings of
 * up to 4,000 characters, and a query for a longer value is refused rather than answered with
 * nothing (docs/operations.md, "Long text").
 */
public class LongStringValueSerializer extends StringValueSerializer {

  /** Width of the engine's {@code TEXT_} columns, in characters (UTF-16 units, as Java counts). */
  public static final int TEXT_COLUMN_LENGTH = 4000;

  @Override
  public void writeValue(StringValue variableValue, ValueFields valueFields) {
    String value = variableValue.getValue();
    if (value == null || value.length() <= TEXT_COLUMN_LENGTH) {
      if (valueFields.getByteArrayValue() != null) {
        valueFields.setByteArrayValue(null); // it was long before: its byte array goes
      }
      super.writeValue(variableValue, valueFields);
      return;
    }
    if (valueFields instanceof SingleQueryVariableValueCondition) {
      throw new BadUserRequestException(
          "A variable query compares strings of up to "
              + TEXT_COLUMN_LENGTH
              + " characters; this value of variable '"
              + valueFields.getName()
              + "' has "
              + value.length());
    }
    valueFields.setTextValue(null);
    valueFields.setTextValue2(null);
    valueFields.setByteArrayValue(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public StringValue readValue(ValueFields valueFields, boolean asTransientValue) {
    byte[] bytes = valueFields.getByteArrayValue();
    if (bytes != null) {
      return Variables.stringValue(new String(bytes, StandardCharsets.UTF_8), asTransientValue);
    }
    return super.readValue(valueFields, asTransientValue);
  }
}
