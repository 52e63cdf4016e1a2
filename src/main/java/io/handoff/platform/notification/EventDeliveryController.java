package io.handoff.platform.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The integration events and where each stands with its subscriber. Open to the API groups
 * (integrators and administrators): an integrator sees event deliveries only, never the e-mails,
 * chat posts and pages of {@code /api/notifications}.
 */
@RestController
@RequestMapping("/api/events/deliveries")
@Tag(
    name = "Events",
    description =
        "Signed JSON events posted to subscribers (invoice scheduled for payment or rejected,"
            + " vendor created, incident resolved or closed), with their delivery state")
public class EventDeliveryController {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 200;
  private static final Set<String> PARAMETERS =
      Set.of("eventType", "status", "subscriber", "since", "size", "cursor");
  private static final List<NotificationStatus> STATUSES =
      List.of(NotificationStatus.PENDING, NotificationStatus.DELIVERED, NotificationStatus.FAILED);

  private final OutboxStore store;
  private final ObjectMapper json;

  public EventDeliveryController(OutboxStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /**
   * One event for one subscriber.
   *
   * @param eventId the event's id: the same for every subscriber and every attempt
   * @param eventType its type, e.g. {@code invoice.scheduled-for-payment}
   * @param subscriber the subscriber's name in {@code handoff.events.subscribers}
   * @param status {@code PENDING} (waiting for its first or next attempt), {@code DELIVERED} (the
   *     subscriber answered 2xx) or {@code FAILED} (every attempt failed)
   * @param attempts delivery attempts started
   * @param lastError why the last attempt failed
   * @param createdAt when the step that caused it committed
   * @param nextAttemptAt when it is due (again), while pending
   * @param deliveredAt when the subscriber accepted it
   * @param processInstanceId the instance whose step caused it
   * @param event the event exactly as it is posted
   */
  public record EventDeliveryView(
      String eventId,
      String eventType,
      String subscriber,
      NotificationStatus status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant deliveredAt,
      String processInstanceId,
      @Schema(
              type = "object",
              description = "The event as posted: id, type, occurredAt, processInstanceId, data")
          JsonNode event) {}

  @GetMapping
  @Operation(
      summary = "Event deliveries, newest first, with their state",
      description =
          "Integrators and administrators. Filters combine; a bad or unknown parameter is 400"
              + " problem+json naming every one of them. Answers one page in the list envelope"
              + " {items, page: {size, cursor, next}}: `size` items (1 to 200, default 50); follow"
              + " page.next (or pass page.cursor) for older ones, absent on the last page.")
  @ApiResponse(responseCode = "200", description = "One page of deliveries")
  public Page<EventDeliveryView> list(
      @Parameter(
              description =
                  "invoice.scheduled-for-payment, invoice.rejected, vendor.created,"
                      + " incident.resolved or incident.closed")
          @RequestParam(required = false)
          String eventType,
      @Parameter(description = "PENDING, DELIVERED or FAILED") @RequestParam(required = false)
          String status,
      @Parameter(description = "a subscriber's name") @RequestParam(required = false)
          String subscriber,
      @Parameter(
              description = "only those created at or after this time, ISO 8601 with offset",
              example = "2031-03-03T09:00:00Z")
          @RequestParam(required = false)
          String since,
      @Parameter(description = "how many, 1 to 200 (default 50)") @RequestParam(required = false)
          String size,
      @Parameter(description = "page.cursor of the previous page") @RequestParam(required = false)
          String cursor,
      HttpServletRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(request.getParameterMap().keySet());
    unknown.removeAll(PARAMETERS);
    unknown.forEach(
        p ->
            problems.add(
                new FieldProblem(
                    p, "is not a parameter; use " + String.join(", ", new TreeSet<>(PARAMETERS)))));
    EventType type = null;
    if (eventType != null) {
      type = EventType.ofWireName(eventType).orElse(null);
      if (type == null) {
        problems.add(new FieldProblem("eventType", "must be one of " + EventType.wireNames()));
      }
    }
    NotificationStatus s = null;
    if (status != null) {
      s = STATUSES.stream().filter(x -> x.name().equals(status)).findFirst().orElse(null);
      if (s == null) {
        problems.add(new FieldProblem("status", "must be one of PENDING, DELIVERED, FAILED"));
      }
    }
    if (subscriber != null
        && (subscriber.isBlank()
            || subscriber.length() > 64
            || subscriber.chars().anyMatch(Character::isISOControl))) {
      problems.add(new FieldProblem("subscriber", "must be a subscriber's name (1-64 characters)"));
    }
    Instant from = null;
    if (since != null) {
      try {
        from = OffsetDateTime.parse(since.trim()).toInstant();
      } catch (DateTimeParseException e) {
        problems.add(
            new FieldProblem(
                "since", "must be an ISO 8601 date-time with offset, e.g. 2031-03-03T09:00:00Z"));
      }
    }
    int n = OutboxPages.size(size, DEFAULT_SIZE, MAX_SIZE, problems);
    Long before = OutboxPages.before(cursor, problems);
    InvalidRequestException.throwIfAny(problems);
    List<OutboxEntry> rows = store.eventDeliveries(type, s, subscriber, from, before, n + 1);
    return OutboxPages.page(rows, n, this::view, request);
  }

  private EventDeliveryView view(OutboxEntry e) {
    JsonNode event;
    try {
      event = json.readTree(e.body());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Event " + e.eventId() + " holds no JSON", ex);
    }
    return new EventDeliveryView(
        e.eventId(),
        e.subject(),
        e.recipient(),
        e.status(),
        e.attempts(),
        e.lastError(),
        e.createdAt(),
        e.status() == NotificationStatus.PENDING ? e.nextAttemptAt() : null,
        e.deliveredAt(),
        e.processInstanceId(),
        event);
  }
}
