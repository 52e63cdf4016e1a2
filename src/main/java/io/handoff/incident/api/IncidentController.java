package io.handoff.incident.api;

import io.handoff.incident.AlertIntake;
import io.handoff.incident.AlertOutcome;
import io.handoff.incident.AlertmanagerMapping;
import io.handoff.incident.AlertmanagerNotification;
import io.handoff.incident.IncidentIntakeRules;
import io.handoff.incident.IncidentService;
import io.handoff.incident.IncidentSource;
import io.handoff.incident.IncidentStatus;
import io.handoff.incident.IncidentView;
import io.handoff.incident.MajorIncidentRules;
import io.handoff.incident.NewIncident;
import io.handoff.incident.store.IncidentSearch;
import io.handoff.platform.api.MultilineText;
import io.handoff.platform.api.TextLimits;
import io.handoff.platform.api.list.ListDoc;
import io.handoff.platform.api.list.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** IT incidents: report, feed alerts, confirm or reopen, read. */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "Incidents", description = "IT incident escalation")
@Validated
public class IncidentController {

  private final IncidentService service;
  private final IncidentIntakeRules rules;
  private final AlertmanagerMapping alertmanager;
  private final IncidentSearch search;

  public IncidentController(
      IncidentService service,
      IncidentIntakeRules rules,
      AlertmanagerMapping alertmanager,
      IncidentSearch search) {
    this.service = service;
    this.rules = rules;
    this.alertmanager = alertmanager;
    this.search = search;
  }

  @GetMapping
  @Operation(
      summary = "List incidents by status, priority, group, reporter, source and time reported",
      description = ListDoc.PAGING + " Sort keys: createdAt (default, newest first), updatedAt.")
  @Parameter(
      name = "status",
      in = ParameterIn.QUERY,
      description = "One or more statuses, comma-separated or repeated",
      array = @ArraySchema(schema = @Schema(implementation = IncidentStatus.class)),
      example = "OPEN,IN_PROGRESS")
  @Parameter(
      name = "priority",
      in = ParameterIn.QUERY,
      description =
          "One or more priorities as the priority table assigns them (P1 the most urgent),"
              + " comma-separated or repeated",
      array = @ArraySchema(schema = @Schema(type = "string", pattern = "^P[0-9]{1,2}$")),
      example = "P1,P2")
  @Parameter(
      name = "group",
      in = ParameterIn.QUERY,
      description = "The support group working it, exactly",
      example = "network-support")
  @Parameter(name = "reporter", in = ParameterIn.QUERY, description = "Who reported it, exactly")
  @Parameter(
      name = "source",
      in = ParameterIn.QUERY,
      description = "How it was reported; one or more, comma-separated or repeated",
      array = @ArraySchema(schema = @Schema(implementation = IncidentSource.class)))
  @Parameter(
      name = "createdFrom",
      in = ParameterIn.QUERY,
      description =
          "Reported at or after: an ISO 8601 instant (2026-03-01T08:00:00Z) or a date (its"
              + " start, 00:00 UTC)",
      example = "2026-03-01")
  @Parameter(
      name = "createdTo",
      in = ParameterIn.QUERY,
      description =
          "Reported before (exclusive): an instant or a date (its start, 00:00 UTC, so"
              + " createdTo=2026-03-03 ends with 2 March)",
      example = "2026-03-03")
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = ListDoc.SORT,
      schema =
          @Schema(
              type = "string",
              example = "updatedAt,desc",
              pattern = "^(createdAt|updatedAt)(,(asc|desc))?$"))
  @Parameter(
      name = "size",
      in = ParameterIn.QUERY,
      description = ListDoc.SIZE,
      schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
  @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListDoc.CURSOR)
  @ApiResponse(responseCode = "200", description = "One page of incidents")
  @ApiResponse(
      responseCode = "400",
      description = "Bad parameters; every bad one is named",
      content = @Content(mediaType = "application/problem+json"))
  public Page<IncidentSearch.IncidentSummary> list(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
    return search.page(parameters);
  }

  @PostMapping
  @Operation(
      summary = "Report an incident",
      description =
          "Starts the incident-escalation process and runs it to its first wait state: the answer"
              + " carries the priority and status. The same report again (every field the same)"
              + " while its incident is open answers 200 with that incident and starts nothing,"
              + " also when both arrive at the same moment.")
  @ApiResponse(responseCode = "201", description = "Incident opened")
  @ApiResponse(responseCode = "200", description = "Repeat of a report whose incident is open")
  @ApiResponse(responseCode = "400", description = "Invalid; every bad field is named")
  public ResponseEntity<IncidentCreated> report(@Valid @RequestBody IncidentRequest request) {
    NewIncident incident =
        rules.validated(
            request.title(),
            request.description(),
            request.reporter(),
            request.service(),
            request.impact().name(),
            request.urgency().name(),
            request.category(),
            request.knownRequest() == null ? null : request.knownRequest().name(),
            IncidentSource.REST,
            null);
    IncidentService.Reported reported = service.reportOnce(incident);
    URI location = URI.create("/api/incidents/" + reported.incident().id());
    IncidentCreated body = IncidentCreated.of(reported.incident());
    return reported.created()
        ? ResponseEntity.created(location).body(body)
        : ResponseEntity.ok().location(location).body(body);
  }

  @PostMapping("/alertmanager")
  @Operation(
      summary = "Receive a Prometheus Alertmanager webhook (payload version 4)",
      description =
          "Each firing alert opens one incident keyed by its fingerprint (a re-sent notification"
              + " opens nothing new, also when both arrive at the same moment: the later one"
              + " answers ALREADY_OPEN); each resolved alert closes its open incident.")
  public Map<String, List<AlertOutcome>> alertmanager(
      @Valid @RequestBody AlertmanagerNotification notification) {
    List<AlertIntake> alerts = alertmanager.map(notification);
    return Map.of("results", service.receiveAlertsOnce(alerts));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read an incident with its escalation history")
  public IncidentView get(@PathVariable String id) {
    return service.view(id);
  }

  @PostMapping("/{id}/confirm")
  @Operation(summary = "The reporter confirms a RESOLVED incident; it closes")
  public IncidentView confirm(@PathVariable String id) {
    return service.confirm(id);
  }

  @PostMapping("/{id}/reopen")
  @Operation(
      summary = "The reporter reopens a RESOLVED incident",
      description = "It goes back to the same group at the same escalation level.")
  public IncidentView reopen(
      @PathVariable String id, @RequestBody(required = false) @Valid ReopenRequest request) {
    return service.reopen(id, request == null ? null : request.reason());
  }

  @PostMapping("/{id}/questions")
  @Operation(
      summary = "The resolver asks the reporter a question; the SLA clock stops",
      description =
          "Completes the incident's Resolve incident task under askedBy's name, as the Tasklist"
              + " form does. The incident is AWAITING_REPORTER and its resolution clock stands"
              + " until the reporter answers (POST /api/incidents/{id}/answers or the Tasklist);"
              + " without an answer in the period the SLA table gives, it closes"
              + " (NO_REPORTER_ANSWER).")
  @ApiResponse(responseCode = "200", description = "Asked; the incident as it stands now")
  @ApiResponse(responseCode = "400", description = "Invalid; every bad field is named")
  @ApiResponse(
      responseCode = "403",
      description = "askedBy is neither the task's assignee nor a member of the assigned group")
  @ApiResponse(responseCode = "404", description = "No such incident")
  @ApiResponse(
      responseCode = "409",
      description =
          "The incident is not being worked, or its clock may not stop: a P1 whose major incident"
              + " decision is open (major-decision-open), an incident an alert opened"
              + " (alert-has-no-reporter), a major incident (major-incident-no-pause)")
  public IncidentView ask(@PathVariable String id, @Valid @RequestBody QuestionRequest request) {
    return service.ask(id, request.question(), request.askedBy());
  }

  @PostMapping("/{id}/answers")
  @Operation(
      summary = "The reporter answers the resolver's question; the SLA clock resumes",
      description =
          "Completes the question task under answeredBy's name, who must be the incident's"
              + " reporter. The resolution clock runs again with the time that was left when it"
              + " stopped.")
  @ApiResponse(responseCode = "200", description = "Answered; the incident as it stands now")
  @ApiResponse(responseCode = "400", description = "Invalid; every bad field is named")
  @ApiResponse(responseCode = "403", description = "answeredBy is not the incident's reporter")
  @ApiResponse(responseCode = "404", description = "No such incident")
  @ApiResponse(responseCode = "409", description = "No question is waiting for the reporter")
  public IncidentView answer(@PathVariable String id, @Valid @RequestBody AnswerRequest request) {
    return service.answer(id, request.answer(), request.answeredBy());
  }

  @PostMapping("/{id}/major-incident")
  @Operation(
      summary = "Declare a P1 a major incident",
      description =
          "Completes the incident's \"Declare major incident?\" task under declaredBy's name, as"
              + " the Tasklist form does. The stakeholder channel hears of it at once and then on"
              + " the process's cadence until the service is restored; the related incidents are"
              + " linked to it; it cannot close before its review is done.")
  @ApiResponse(responseCode = "200", description = "Declared; the incident as it stands now")
  @ApiResponse(
      responseCode = "400",
      description = "Invalid, or a related incident cannot be linked; every bad field is named")
  @ApiResponse(
      responseCode = "403",
      description = "declaredBy is not a member of the group the declaration task is offered to")
  @ApiResponse(responseCode = "404", description = "No such incident")
  @ApiResponse(
      responseCode = "409",
      description = "Not a P1 being worked, or a major incident already")
  public IncidentView declareMajor(
      @PathVariable String id, @Valid @RequestBody MajorIncidentRequest request) {
    return service.declareMajor(
        id,
        request.declaredBy(),
        request.reason(),
        request.relatedIncidents() == null ? List.of() : request.relatedIncidents());
  }

  @PostMapping("/{id}/major-incident/related")
  @Operation(
      summary = "Link incidents to a major incident",
      description =
          "Each incident may belong to one major incident; a repeated link changes nothing.")
  @ApiResponse(responseCode = "200", description = "Linked; the major incident as it stands now")
  @ApiResponse(
      responseCode = "400",
      description = "Invalid, or an incident cannot be linked; every bad field is named")
  @ApiResponse(
      responseCode = "403",
      description = "linkedBy is not a member of the group that may declare it")
  @ApiResponse(responseCode = "404", description = "No such incident")
  @ApiResponse(responseCode = "409", description = "Not a major incident, or closed")
  public IncidentView linkToMajor(
      @PathVariable String id, @Valid @RequestBody RelatedIncidentsRequest request) {
    return service.linkToMajor(id, request.linkedBy(), request.incidentIds());
  }

  /**
   * @param declaredBy the user id of the member of the declaring group
   * @param reason why it is a major incident, told to the stakeholders
   * @param relatedIncidents incidents to link to it at once
   */
  public record MajorIncidentRequest(
      @Schema(example = "ian") @NotBlank @Size(max = 100) String declaredBy,
      @Schema(
              description = "At most 20,000 characters",
              example = "Checkout is down for every customer")
          @NotBlank
          @Size(max = TextLimits.COMMENT_MAX)
          @MultilineText
          String reason,
      @Schema(description = "At most 100 incident ids") @Size(max = MajorIncidentRules.MAX_RELATED)
          List<@NotBlank @Size(max = 36) String> relatedIncidents) {}

  /**
   * @param linkedBy the user id of the member of the declaring group
   * @param incidentIds the incidents to link
   */
  public record RelatedIncidentsRequest(
      @Schema(example = "ian") @NotBlank @Size(max = 100) String linkedBy,
      @Schema(description = "1 to 100 incident ids")
          @NotEmpty
          @Size(max = MajorIncidentRules.MAX_RELATED)
          List<@NotBlank @Size(max = 36) String> incidentIds) {}

  /**
   * @param question what the resolver needs to know
   * @param askedBy the resolver's user id
   */
  public record QuestionRequest(
      @Schema(description = "At most 20,000 characters", example = "Which VPN client version?")
          @NotBlank
          @Size(max = TextLimits.COMMENT_MAX)
          @MultilineText
          String question,
      @Schema(example = "nina") @NotBlank @Size(max = 100) String askedBy) {}

  /**
   * @param answer the reporter's answer
   * @param answeredBy the reporter's user id
   */
  public record AnswerRequest(
      @Schema(description = "At most 20,000 characters", example = "Version 5.2, on Windows 11")
          @NotBlank
          @Size(max = TextLimits.COMMENT_MAX)
          @MultilineText
          String answer,
      @Schema(example = "erin") @NotBlank @Size(max = 100) String answeredBy) {}

  /**
   * @param reason why the incident is not fixed
   */
  public record ReopenRequest(
      @Schema(description = "At most 20,000 characters; kept in full")
          @Size(max = TextLimits.COMMENT_MAX)
          @MultilineText
          String reason) {}
}
