package io.handoff.platform.decision;

import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/decisions/{decisionId}/what-if}: how the cases of a period would have been
 * decided by an edited table, before it is deployed (docs/audit.md).
 */
@RestController
@Tag(name = "Audit")
public class WhatIfController {

  /** The longest period one replay covers. */
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final WhatIfReplay replay;

  public WhatIfController(WhatIfReplay replay) {
    this.replay = replay;
  }

  @Operation(
      summary = "Replay the recorded evaluations of a decision against an edited table",
      description =
          "Multipart: `file` is the DMN file as Camunda Modeler saves it; the period is `from`"
              + " and `to` (ISO-8601 instant or date; `to` exclusive) or `days` back from now"
              + " (default 30). Deploys nothing.")
  @PostMapping(
      path = "/api/decisions/{decisionId}/what-if",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public WhatIfReplay.Result whatIf(
      @PathVariable String decisionId,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @Parameter(description = "start of the period, inclusive") @RequestParam(required = false)
          String from,
      @Parameter(description = "end of the period, exclusive") @RequestParam(required = false)
          String to,
      @Parameter(description = "the period as days back from now, instead of from/to")
          @RequestParam(required = false)
          String days) {
    List<FieldProblem> problems = new ArrayList<>();
    if (file == null || file.isEmpty()) {
      problems.add(new FieldProblem("file", "the edited DMN file is required"));
    }
    Instant now = EngineClock.now();
    Instant start = null;
    Instant end = null;
    if (days != null && (from != null || to != null)) {
      problems.add(new FieldProblem("days", "give either days or from/to, not both"));
    } else if (from != null || to != null) {
      start = instant("from", from, problems);
      end = to == null ? now : instant("to", to, problems);
      if (from == null) {
        problems.add(new FieldProblem("from", "is required with to"));
      }
    } else {
      int back = 30;
      if (days != null) {
        try {
          back = Integer.parseInt(days.trim());
          if (back < 1 || back > MAX_PERIOD.toDays()) {
            problems.add(new FieldProblem("days", "must be between 1 and " + MAX_PERIOD.toDays()));
          }
        } catch (NumberFormatException e) {
          problems.add(new FieldProblem("days", "must be a whole number of days"));
        }
      }
      start = now.minus(Duration.ofDays(back));
      end = now;
    }
    if (start != null && end != null) {
      if (!start.isBefore(end)) {
        problems.add(new FieldProblem("to", "must be after from"));
      } else if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
        problems.add(
            new FieldProblem("to", "the period may be at most " + MAX_PERIOD.toDays() + " days"));
      }
    }
    InvalidRequestException.throwIfAny(problems);
    try {
      return replay.replay(decisionId, file.getBytes(), start, end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant instant(String field, String value, List<FieldProblem> problems) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    try {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(v);
    } catch (DateTimeParseException e) {
      problems.add(
          new FieldProblem(
              field, "must be an ISO-8601 date (2026-11-01) or instant (2026-11-01T00:00:00Z)"));
      return null;
    }
  }
}
