package io.handoff.platform.persistence;

import java.util.Locale;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The engine's history producer, with the one history record that has no room for long text cut to
 * fit: the form-property record ({@code ACT_HI_DETAIL}, type {@code FormProperty}) that the engine
 * writes, next to the variable itself, for every text submitted with a start or task form. Its only
 * column is 4,000 characters wide; a longer submission would otherwise fail the whole start. The
 * record then holds the text's beginning and says how long the text was; the text itself is kept in
 * full by the variable ({@link LongStringValueSerializer}), in its history, and in the process's
 * own tables.
 */
public class LongTextHistoryEventProducer extends CacheAwareHistoryEventProducer {

  @Override
  public HistoryEvent createFormPropertyUpdateEvt(
      ExecutionEntity execution, String propertyId, String propertyValue, String taskId) {
    return super.createFormPropertyUpdateEvt(
        execution, propertyId, shortened(propertyValue), taskId);
  }

  /** The value itself when it fits the column, else its beginning and its length. */
  static String shortened(String value) {
    int max = LongStringValueSerializer.TEXT_COLUMN_LENGTH;
    if (value == null || value.length() <= max) {
      return value;
    }
    String note =
        String.format(
            Locale.ROOT,
            " … [%,d characters in all; the full text is the variable's]",
            value.length());
    int end = max - note.length();
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + note;
  }
}
