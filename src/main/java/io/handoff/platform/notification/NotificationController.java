package io.handoff.platform.notification;

import io.handoff.platform.api.list.Page;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the platform told whom: the outbox, and on the embedded run the e-mails it caught. */
@RestController
@RequestMapping("/api/notifications")
@Tag(
    name = "Notifications",
    description =
        "Every e-mail, chat post, page and notice the processes sent, with its delivery state")
public class NotificationController {

  static final String ADMIN_AUTHORITY = "GROUP_camunda-admin";
  static final int DEFAULT_SIZE = 100;
  static final int MAX_SIZE = 500;

  private final OutboxStore store;
  private final ObjectProvider<MailCatcher> catcher;
  private final MailTransport mailIds;

  public NotificationController(
      OutboxStore store, ObjectProvider<MailCatcher> catcher, NotificationProperties properties) {
    this.store = store;
    this.catcher = catcher;
    this.mailIds = new MailTransport(null, properties.mailFrom());
  }

  /**
   * An e-mail the embedded mail catcher holds.
   *
   * @param from From header
   * @param to recipients
   * @param subject subject
   * @param text body
   */
  public record CaughtMailView(String from, List<String> to, String subject, String text) {}

  /**
   * One notification.
   *
   * @param key its unique key (one row per key)
   * @param kind {@code MAIL}, {@code CHAT}, {@code PAGE}, {@code NOTICE} or {@code EVENT} (an
   *     integration event for one subscriber)
   * @param recipient e-mail addresses, or the group or rota it is for
   * @param subject e-mail subject or page summary
   * @param text what it says
   * @param processInstanceId the instance whose step wrote it
   * @param status {@code PENDING}, {@code DELIVERED}, {@code LOGGED} (no transport for its kind:
   *     written to the log) or {@code FAILED} (every attempt failed)
   * @param attempts delivery attempts started
   * @param lastError why the last attempt failed
   * @param createdAt when its step committed it
   * @param nextAttemptAt when it is due (again), while pending
   * @param deliveredAt when it was delivered or logged
   * @param deliveryId the id every attempt carries ({@code Idempotency-Key} header of webhook
   *     calls, left part of the Message-ID)
   * @param messageId the Message-ID of an e-mail
   * @param caught the e-mail as the embedded mail catcher received it, when it holds it
   */
  public record NotificationView(
      String key,
      NotificationKind kind,
      String recipient,
      String subject,
      String text,
      String processInstanceId,
      NotificationStatus status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant deliveredAt,
      String deliveryId,
      String messageId,
      CaughtMailView caught) {}

  @GetMapping
  @Operation(
      summary = "The newest notifications, with their delivery state",
      description =
          "Administrators (camunda-admin) only: 401 without credentials, 403 for other users."
              + " Newest first. On the embedded run (mail catcher on) each e-mail also shows the"
              + " message the catcher received. Bad parameters are 400 naming each of them."
              + " Answers one page in the list envelope {items, page: {size, cursor, next}}:"
              + " `size` items (1 to 500, default 100); follow page.next (or pass page.cursor) for"
              + " older ones, absent on the last page.")
  @ApiResponse(responseCode = "200", description = "One page of notifications")
  @ApiResponse(responseCode = "403", description = "Not an administrator")
  public Page<NotificationView> list(
      @Parameter(description = "MAIL, CHAT, PAGE, NOTICE or EVENT") @RequestParam(required = false)
          String kind,
      @Parameter(description = "PENDING, DELIVERED, LOGGED or FAILED")
          @RequestParam(required = false)
          String status,
      @Parameter(description = "only those of this process instance")
          @RequestParam(required = false)
          String processInstanceId,
      @Parameter(description = "how many, 1 to 500 (default 100)") @RequestParam(required = false)
          String size,
      @Parameter(description = "page.cursor of the previous page") @RequestParam(required = false)
          String cursor,
      Authentication user,
      HttpServletRequest request) {
    if (user.getAuthorities().stream().noneMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()))) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          "notifications-forbidden",
          "Only administrators (camunda-admin) read the notifications");
    }
    List<FieldProblem> problems = new ArrayList<>();
    NotificationKind k = parse(NotificationKind.class, "kind", kind, problems);
    NotificationStatus s = parse(NotificationStatus.class, "status", status, problems);
    int n = OutboxPages.size(size, DEFAULT_SIZE, MAX_SIZE, problems);
    Long before = OutboxPages.before(cursor, problems);
    if (processInstanceId != null
        && (processInstanceId.isBlank()
            || processInstanceId.length() > 64
            || processInstanceId.chars().anyMatch(Character::isISOControl))) {
      problems.add(
          new FieldProblem("processInstanceId", "must be a process instance id (1-64 characters)"));
    }
    InvalidRequestException.throwIfAny(problems);
    Map<String, MailCatcher.CaughtMail> caught =
        Optional.ofNullable(catcher.getIfAvailable()).stream()
            .flatMap(c -> c.messages().stream())
            .filter(m -> m.messageId() != null)
            .collect(Collectors.toMap(MailCatcher.CaughtMail::messageId, m -> m, (a, b) -> a));
    List<OutboxEntry> rows = store.newest(k, s, processInstanceId, before, n + 1);
    return OutboxPages.page(rows, n, e -> view(e, caught), request);
  }

  private NotificationView view(OutboxEntry e, Map<String, MailCatcher.CaughtMail> catcher) {
    String messageId = e.kind() == NotificationKind.MAIL ? mailIds.messageId(e) : null;
    MailCatcher.CaughtMail m = messageId == null ? null : catcher.get(messageId);
    CaughtMailView caught =
        m == null ? null : new CaughtMailView(m.from(), m.to(), m.subject(), m.text());
    return new NotificationView(
        e.key(),
        e.kind(),
        e.recipient(),
        e.subject(),
        e.body(),
        e.processInstanceId(),
        e.status(),
        e.attempts(),
        e.lastError(),
        e.createdAt(),
        e.status() == NotificationStatus.PENDING ? e.nextAttemptAt() : null,
        e.deliveredAt(),
        e.deliveryId(),
        messageId,
        caught);
  }

  private static <E extends Enum<E>> E parse(
      Class<E> type, String field, String value, List<FieldProblem> problems) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    problems.add(
        new FieldProblem(
            field,
            "must be one of "
                + String.join(
                    ", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
    return null;
  }
}
