package io.handoff.platform.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a step announces what integrators subscribe to (docs/integrations.md). A call writes, in
 * the step's own transaction, one outbox row per subscriber of the event's type ({@link
 * NotificationKind#EVENT}) holding the exact JSON that will be signed and posted; a step that rolls
 * back leaves no event. With no subscriber for the type nothing is written.
 *
 * <p>The event:
 *
 * <pre>{@code
 * {"id":"<uuid>","type":"invoice.rejected","occurredAt":"2031-03-03T09:00:00Z",
 *  "processInstanceId":"...","data":{...}}
 * }</pre>
 *
 * The id is the same for every subscriber and every attempt, so a receiver de-duplicates on it.
 */
@Component("integrationEvents")
public class IntegrationEvents {

  private static final Logger log = LoggerFactory.getLogger(IntegrationEvents.class);

  private final NotificationOutbox outbox;
  private final EventProperties properties;
  private final ObjectMapper json;

  public IntegrationEvents(
      NotificationOutbox outbox, EventProperties properties, ObjectMapper json) {
    this.outbox = outbox;
    this.properties = properties;
    this.json = json;
  }

  /**
   * Publishes an event to its subscribers.
   *
   * @param type what happened
   * @param occurrence names this occurrence, unique per type: the case ({@code INV-42}) for what
   *     happens once per case, plus {@link NotificationOutbox#currentStep()} for what can happen
   *     again (an incident resolved after a reopen). Publishing the same occurrence again (a step
   *     run twice) writes nothing new
   * @param data the event's facts, as JSON-serialisable values
   * @param processInstanceId the instance whose step causes the event
   * @return the event's id, or null when nobody subscribes to the type
   */
  public String publish(
      EventType type, String occurrence, Map<String, Object> data, String processInstanceId) {
    List<EventProperties.Subscriber> subscribers = properties.subscribersOf(type);
    if (subscribers.isEmpty()) {
      return null;
    }
    String eventId = UUID.randomUUID().toString();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", eventId);
    event.put("type", type.wireName());
    event.put("occurredAt", Instant.ofEpochMilli(ClockUtil.now().getTime()).toString());
    event.put("processInstanceId", processInstanceId);
    event.put("data", data);
    String body;
    try {
      body = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event " + type.wireName() + " is not JSON", e);
    }
    for (EventProperties.Subscriber s : subscribers) {
      outbox.event(
          "event/" + type.wireName() + "/" + occurrence + "/" + s.name(),
          s.name(),
          type,
          eventId,
          body,
          processInstanceId);
    }
    log.info(
        "Process instance {}: event {} {} for {}",
        processInstanceId,
        type.wireName(),
        eventId,
        subscribers.stream().map(EventProperties.Subscriber::name).toList());
    return eventId;
  }
}
