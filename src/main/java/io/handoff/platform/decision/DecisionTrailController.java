package io.handoff.platform.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.security.CamundaIdentityAuthenticationProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The audit trail: who or what decided each step of a case, on which inputs, as JSON, CSV or a
 * printable HTML page. Readable by the audit groups ({@code handoff.api.audit-groups}); a member
 * who is not an administrator may not read the trail of a case in which they decided themselves.
 */
@RestController
@Tag(name = "Audit", description = "Decision trails and what-if replays (docs/audit.md)")
public class DecisionTrailController {

  static final String CSV = "text/csv";
  private static final String ADMIN =
      CamundaIdentityAuthenticationProvider.GROUP_PREFIX + "camunda-admin";

  private final DecisionLedger ledger;
  private final ObjectMapper json;
  private final CsvMapper csv = new CsvMapper();

  public DecisionTrailController(DecisionLedger ledger, ObjectMapper json) {
    this.ledger = ledger;
    this.json = json;
  }

  @Operation(summary = "The decisions of a process instance, in order")
  @GetMapping(
      path = "/api/process-instances/{processInstanceId}/decisions",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV, MediaType.TEXT_HTML_VALUE})
  public ResponseEntity<?> ofInstance(
      @PathVariable String processInstanceId,
      @Parameter(description = "json (default), csv or html; or use the Accept header")
          @RequestParam(required = false)
          String format,
      Authentication caller,
      @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false)
          String accept) {
    List<LedgerEntry> entries = ledger.ofInstance(processInstanceId);
    if (entries.isEmpty()) {
      throw ApiProblemException.notFound(
          "No decisions recorded for process instance " + processInstanceId);
    }
    LedgerEntry first = entries.get(0);
    return answer(trail(first.processKey(), first.businessKey(), entries), format, accept, caller);
  }

  @Operation(summary = "The decisions of a case by process key and business key, in order")
  @GetMapping(
      path = "/api/processes/{processKey}/business-keys/{businessKey}/decisions",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV, MediaType.TEXT_HTML_VALUE})
  public ResponseEntity<?> ofBusinessKey(
      @PathVariable String processKey,
      @PathVariable String businessKey,
      @Parameter(description = "json (default), csv or html; or use the Accept header")
          @RequestParam(required = false)
          String format,
      Authentication caller,
      @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false)
          String accept) {
    List<LedgerEntry> entries = ledger.ofBusinessKey(processKey, businessKey);
    if (entries.isEmpty()) {
      throw ApiProblemException.notFound(
          "No decisions recorded for " + processKey + " with business key " + businessKey);
    }
    return answer(trail(processKey, businessKey, entries), format, accept, caller);
  }

  private DecisionTrail trail(String processKey, String businessKey, List<LedgerEntry> entries) {
    List<String> instances =
        entries.stream().map(LedgerEntry::processInstanceId).distinct().toList();
    return new DecisionTrail(
        processKey,
        businessKey,
        instances,
        entries.stream().map(e -> DecisionTrail.step(e, json)).toList());
  }

  private ResponseEntity<?> answer(
      DecisionTrail trail, String format, String accept, Authentication caller) {
    refuseOwnCase(trail, caller);
    String chosen = format(format, accept);
    return switch (chosen) {
      case "csv" ->
          ResponseEntity.ok()
              .contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
              .header(
                  "Content-Disposition",
                  "attachment; filename=\"decisions-" + fileName(trail) + ".csv\"")
              .body(csv(trail));
      case "html" ->
          ResponseEntity.ok()
              .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
              .body(html(trail));
      default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(trail);
    };
  }

  private static String format(String format, String accept) {
    if (format != null) {
      String f = format.trim().toLowerCase(java.util.Locale.ROOT);
      if (!List.of("json", "csv", "html").contains(f)) {
        throw new ApiProblemException(
            HttpStatus.BAD_REQUEST,
            io.handoff.platform.errors.ProblemTypes.INVALID_REQUEST,
            "format must be one of json, csv, html");
      }
      return f;
    }
    if (accept != null) {
      if (accept.contains(CSV)) {
        return "csv";
      }
      if (accept.contains(MediaType.TEXT_HTML_VALUE) && !accept.contains("application/json")) {
        return "html";
      }
    }
    return "json";
  }

  /** Nobody but an administrator audits a case they decided in themselves. */
  private static void refuseOwnCase(DecisionTrail trail, Authentication caller) {
    boolean admin =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(ADMIN::equals);
    if (admin) {
      return;
    }
    String own = DecidedBy.person(caller.getName());
    if (trail.decisions().stream().anyMatch(d -> own.equals(d.decidedBy()))) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "You took a decision in this case; its trail is audited by someone else.");
    }
  }

  private String csv(DecisionTrail trail) {
    CsvSchema schema =
        CsvSchema.builder()
            .addColumn("decidedAt")
            .addColumn("processInstanceId")
            .addColumn("step")
            .addColumn("subject")
            .addColumn("decision")
            .addColumn("decider")
            .addColumn("decidedBy")
            .addColumn("inputs")
            .addColumn("outcome")
            .addColumn("reason")
            .addColumn("agentProposal")
            .addColumn("agentAgreement")
            .build()
            .withHeader();
    List<Map<String, String>> rows = new ArrayList<>();
    for (DecisionTrail.Step s : trail.decisions()) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("decidedAt", s.decidedAt().toString());
      row.put("processInstanceId", s.processInstanceId());
      row.put("step", s.step());
      row.put("subject", s.subject());
      row.put("decision", s.decision());
      row.put("decider", s.decider());
      row.put("decidedBy", s.decidedBy());
      row.put("inputs", s.inputs() == null ? null : s.inputs().toString());
      row.put("outcome", text(s));
      row.put("reason", s.reason());
      row.put("agentProposal", s.agentProposal());
      row.put("agentAgreement", s.agentAgreement());
      rows.add(row);
    }
    try {
      return csv.writer(schema).writeValueAsString(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(DecisionTrail.Step s) {
    if (s.outcome() == null) {
      return null;
    }
    return s.outcome().isTextual() ? s.outcome().asText() : s.outcome().toString();
  }

  private static String html(DecisionTrail trail) {
    StringBuilder page = new StringBuilder();
    String title =
        "Decisions: "
            + trail.processKey()
            + " "
            + (trail.businessKey() == null ? "" : trail.businessKey());
    page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(e(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#111}")
        .append("table{border-collapse:collapse;width:100%;font-size:0.85em}")
        .append("th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}")
        .append("th{background:#eee}code{white-space:pre-wrap;word-break:break-word}")
        .append("@media print{body{margin:0}th{background:none}}")
        .append("</style></head><body><h1>")
        .append(e(title))
        .append("</h1><p>Process instances: ")
        .append(e(String.join(", ", trail.processInstanceIds())))
        .append("</p><table><thead><tr><th>#</th><th>When</th><th>Step</th><th>Decision</th>")
        .append("<th>Decided by</th><th>Inputs</th><th>Outcome</th><th>Reason</th>")
        .append("<th>Agent proposal</th></tr></thead><tbody>");
    int n = 1;
    for (DecisionTrail.Step s : trail.decisions()) {
      page.append("<tr><td>")
          .append(n++)
          .append("</td><td>")
          .append(e(s.decidedAt().toString()))
          .append("</td><td>")
          .append(e(s.step()))
          .append("</td><td>")
          .append(e(s.decision()))
          .append(s.subject() == null ? "" : "<br><small>" + e(s.subject()) + "</small>")
          .append("</td><td>")
          .append(e(s.decidedBy()))
          .append("</td><td><code>")
          .append(e(s.inputs() == null ? null : s.inputs().toString()))
          .append("</code></td><td><code>")
          .append(e(text(s)))
          .append("</code></td><td>")
          .append(e(s.reason()))
          .append("</td><td>")
          .append(
              s.agentProposal() == null
                  ? ""
                  : e(s.agentProposal())
                      + (s.agentAgreement() == null ? "" : " (" + e(s.agentAgreement()) + ")"))
          .append("</td></tr>");
    }
    page.append("</tbody></table></body></html>");
    return page.toString();
  }

  private static String e(String value) {
    return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
  }

  private static String fileName(DecisionTrail trail) {
    String name =
        trail.processKey() + "-" + (trail.businessKey() == null ? "" : trail.businessKey());
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
