package io.handoff.platform.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import io.handoff.platform.insights.InsightsService.Period;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Process insights for process leads and auditors (docs/insights.md): key figures per process and
 * bottlenecks per BPMN element, as JSON or CSV, for the groups in {@code handoff.insights.groups}.
 */
@RestController
@Tag(
    name = "Insights",
    description = "Process KPIs and bottlenecks from history (docs/insights.md)")
public class InsightsController {

  static final String CSV = "text/csv";
  private static final Set<String> PARAMETERS = Set.of("from", "to", "format");
  private static final List<String> ROW_KEYS =
      List.of("weekStart", "reason", "level", "riskTier", "priority", "task", "activityId");

  private final InsightsService insights;
  private final InsightsProperties props;
  private final RepositoryService repositoryService;
  private final ObjectMapper json;
  private final CsvMapper csv =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  public InsightsController(
      InsightsService insights,
      InsightsProperties props,
      RepositoryService repositoryService,
      ObjectMapper json) {
    this.insights = insights;
    this.props = props;
    this.repositoryService = repositoryService;
    this.json = json;
  }

  /** One line of the overview: a process and its headline figures. */
  public record ProcessSummary(
      String processKey,
      String processName,
      String link,
      ProcessInsights.Instances instances,
      Durations cycleTime,
      @Schema(description = "Invoices only") BigDecimal straightThroughRate,
      @Schema(description = "Incidents only") Long slaBreaches) {}

  public record Overview(Instant from, Instant to, List<ProcessSummary> processes) {}

  @Operation(
      summary = "Every deployed process with its headline figures over the period",
      description =
          "from (inclusive) and to (exclusive): ISO 8601 instants or dates (their start in UTC);"
              + " by default the last handoff.insights.default-period (30 days) up to now.")
  @GetMapping(path = "/api/insights", produces = MediaType.APPLICATION_JSON_VALUE)
  public Overview overview(
      @Parameter(description = "start of the period, inclusive") @RequestParam(required = false)
          String from,
      @Parameter(description = "end of the period, exclusive") @RequestParam(required = false)
          String to,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> all) {
    Period period = period(all, false);
    List<ProcessSummary> lines = new ArrayList<>();
    for (Map.Entry<String, String> process : insights.processes().entrySet()) {
      ProcessInsights p = insights.insights(process.getKey(), period);
      Long breaches =
          p.incidents() == null
              ? null
              : p.incidents().perPriority().stream()
                  .mapToLong(f -> f.responseBreaches() + f.resolutionBreaches())
                  .sum();
      lines.add(
          new ProcessSummary(
              p.processKey(),
              p.processName(),
              "/api/insights/" + p.processKey(),
              p.instances(),
              p.cycleTime(),
              p.straightThrough() == null ? null : p.straightThrough().rate(),
              breaches));
    }
    return new Overview(period.from(), period.to(), lines);
  }

  @Operation(
      summary = "Key figures of one process over a period",
      description =
          "Started, completed and open instances, cycle time p50/p90/max, and per process the"
              + " straight-through rate with its weekly trend, exceptions by reason, approval"
              + " lead time per level, onboarding lead time per risk tier, incidents and SLA"
              + " breaches per priority and level, time to first response, agent agreement and"
              + " override rates. Durations in milliseconds, nearest-rank percentiles. JSON, or"
              + " CSV (one row per figure) with Accept: text/csv or format=csv. 400 naming every"
              + " bad parameter, 404 for a process that is not deployed.",
      responses = {
        @ApiResponse(
            responseCode = "200",
            content = {
              @Content(
                  mediaType = "application/json",
                  schema = @Schema(implementation = ProcessInsights.class)),
              @Content(mediaType = CSV)
            })
      })
  @GetMapping(
      path = "/api/insights/{processKey}",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  public ResponseEntity<?> process(
      @PathVariable String processKey,
      @Parameter(description = "start of the period, inclusive (instant or date)")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "end of the period, exclusive (instant or date)")
          @RequestParam(required = false)
          String to,
      @Parameter(description = "json (default) or csv; or use the Accept header")
          @RequestParam(required = false)
          String format,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> all,
      @RequestHeader(value = "Accept", required = false) String accept) {
    known(processKey);
    Period period = period(all, true);
    ProcessInsights figures = insights.insights(processKey, period);
    return answer(figures, "insights-" + processKey, format(all, accept));
  }

  @Operation(
      summary = "Bottlenecks: figures per BPMN element over a period",
      description =
          "For every element entered in the period: how many entered and completed, duration"
              + " p50/p90/max; user tasks: waiting (created to first claim) and working (first"
              + " claim to completion); wait states: time waited; share of the total time. JSON"
              + " or CSV.",
      responses = {
        @ApiResponse(
            responseCode = "200",
            content = {
              @Content(
                  mediaType = "application/json",
                  schema = @Schema(implementation = ElementInsights.class)),
              @Content(mediaType = CSV)
            })
      })
  @GetMapping(
      path = "/api/insights/{processKey}/elements",
      produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
  public ResponseEntity<?> elements(
      @PathVariable String processKey,
      @Parameter(description = "start of the period, inclusive (instant or date)")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "end of the period, exclusive (instant or date)")
          @RequestParam(required = false)
          String to,
      @Parameter(description = "json (default) or csv; or use the Accept header")
          @RequestParam(required = false)
          String format,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> all,
      @RequestHeader(value = "Accept", required = false) String accept) {
    known(processKey);
    Period period = period(all, true);
    return answer(
        insights.elements(processKey, period), "elements-" + processKey, format(all, accept));
  }

  @Operation(summary = "The BPMN XML of the process's latest version, for the insights page")
  @GetMapping(path = "/api/insights/{processKey}/diagram", produces = MediaType.TEXT_XML_VALUE)
  public ResponseEntity<String> diagram(@PathVariable String processKey) {
    ProcessDefinition definition = known(processKey);
    try (var in = repositoryService.getProcessModel(definition.getId())) {
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType("text/xml;charset=UTF-8"))
          .body(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcessDefinition known(String processKey) {
    ProcessDefinition definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(processKey)
            .latestVersion()
            .singleResult();
    if (definition == null) {
      throw ApiProblemException.notFound("No process is deployed with the key " + processKey);
    }
    return definition;
  }

  private Period period(MultiValueMap<String, String> all, boolean formatAllowed) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(all.keySet())) {
      if (!PARAMETERS.contains(name) || (!formatAllowed && "format".equals(name))) {
        problems.add(
            new FieldProblem(
                name,
                "unknown parameter; this call takes "
                    + (formatAllowed ? "from, to and format" : "from and to")));
      } else if (all.get(name).size() > 1) {
        problems.add(new FieldProblem(name, "given more than once"));
      }
    }
    Instant from = instant(all, "from", problems);
    Instant to = instant(all, "to", problems);
    if (problems.isEmpty()) {
      if (to == null) {
        to = EngineClock.now();
      }
      if (from == null) {
        from = to.minus(props.defaultPeriod());
      }
      if (!to.isAfter(from)) {
        problems.add(new FieldProblem("to", "must be after from (" + from + ")"));
      } else if (java.time.Duration.between(from, to).compareTo(props.maxPeriod()) > 0) {
        String message =
            "the period from "
                + from
                + " to "
                + to
                + " is longer than "
                + props.maxPeriod().toDays()
                + " days";
        problems.add(new FieldProblem("from", message));
        problems.add(new FieldProblem("to", message));
      }
    }
    InvalidRequestException.throwIfAny(problems);
    return new Period(from, to);
  }

  private static Instant instant(
      MultiValueMap<String, String> all, String name, List<FieldProblem> problems) {
    String text = all.getFirst(name);
    if (text == null || all.get(name).size() > 1) {
      return null;
    }
    try {
      return InsightsService.parseInstant(text.trim());
    } catch (DateTimeException e) {
      problems.add(
          new FieldProblem(
              name,
              "not an ISO 8601 instant (2026-03-01T08:00:00Z) or date (2026-03-01): "
                  + (text.length() > 40 ? text.substring(0, 40) + "…" : text)));
      return null;
    }
  }

  private static String format(MultiValueMap<String, String> all, String accept) {
    String format = all.getFirst("format");
    if (format != null) {
      String f = format.trim().toLowerCase(Locale.ROOT);
      if (!List.of("json", "csv").contains(f)) {
        throw new InvalidRequestException("format", "must be json or csv");
      }
      return f;
    }
    return accept != null && accept.contains(CSV) && !accept.contains("application/json")
        ? "csv"
        : "json";
  }

  private ResponseEntity<?> answer(Object figures, String name, String format) {
    if (!"csv".equals(format)) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(figures);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv\"")
        .body(csv(json.valueToTree(figures)));
  }

  /** One row per figure: its path in the JSON answer (array items named by their key) and value. */
  String csv(JsonNode root) {
    List<Map<String, String>> rows = new ArrayList<>();
    flatten("", root, rows);
    CsvSchema schema =
        CsvSchema.builder().addColumn("figure").addColumn("value").build().withHeader();
    try {
      return csv.writer(schema).writeValueAsString(rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flatten(String path, JsonNode node, List<Map<String, String>> rows) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(
            path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), rows);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        StringBuilder key = new StringBuilder();
        for (String k : ROW_KEYS) {
          if (item.has(k) && !item.get(k).isNull()) {
            key.append(key.length() == 0 ? "" : ",").append(item.get(k).asText());
          }
        }
        flatten(path + "[" + (key.length() == 0 ? String.valueOf(i) : key) + "]", item, rows);
      }
    } else {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("figure", path);
      row.put("value", node.asText());
      rows.add(row);
    }
  }
}
