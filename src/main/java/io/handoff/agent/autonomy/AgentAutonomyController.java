package io.handoff.agent.autonomy;

import io.handoff.agent.Autonomy;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.platform.api.MultilineText;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.errors.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The autonomy levels of agent steps: every change (read), and a person's change of a step's level
 * (raising it again after a demotion is a person's decision, never the platform's).
 */
@RestController
@RequestMapping("/api/agent-autonomy")
@Tag(name = "Agent autonomy", description = "Levels of agent steps and every change of them")
public class AgentAutonomyController {

  /** Who may change a level: process owners and administrators. */
  static final String CHANGING_GROUP = "GROUP_camunda-admin";

  private final AutonomyGovernor governor;
  private final AgentAuditRepository audit;

  public AgentAutonomyController(AutonomyGovernor governor, AgentAuditRepository audit) {
    this.governor = governor;
    this.audit = audit;
  }

  /**
   * One change of a step's level.
   *
   * @param processDefinitionKey process of the step
   * @param activityId the step's element id
   * @param task agent task
   * @param from level before
   * @param to highest level the step may run at after the change
   * @param changedBy {@code platform} (demotion rule) or the person
   * @param byPlatform whether the demotion rule made it
   * @param reason why
   * @param reviewed reviewed decisions the rule read
   * @param agreement agreement with people the rule read
   * @param actedAlone actions taken alone the rule read
   * @param reversalShare share of them reopened or overridden
   * @param changedAt when
   */
  public record ChangeView(
      String processDefinitionKey,
      String activityId,
      String task,
      String from,
      String to,
      String changedBy,
      boolean byPlatform,
      String reason,
      Integer reviewed,
      BigDecimal agreement,
      Integer actedAlone,
      BigDecimal reversalShare,
      Instant changedAt) {

    static ChangeView of(AutonomyChange c) {
      return new ChangeView(
          c.step().processDefinitionKey(),
          c.step().activityId(),
          c.task(),
          c.from().id(),
          c.to().id(),
          c.changedBy(),
          c.byPlatform(),
          c.reason(),
          c.reviewed(),
          c.agreement(),
          c.actedAlone(),
          c.reversalShare(),
          c.changedAt());
    }
  }

  /**
   * @param level {@code autonomous}, {@code supervised} or {@code shadow}: the highest level the
   *     step may run at (it never runs above the level its model declares)
   * @param reason why, for the audit
   */
  public record LevelChange(
      @NotBlank
          @Pattern(
              regexp = "autonomous|supervised|shadow",
              message = "must be one of autonomous, supervised, shadow")
          String level,
      @NotBlank @Size(max = 1000) @MultilineText String reason) {}

  @GetMapping("/changes")
  @Operation(summary = "Every change of an agent step's level, newest first")
  public List<ChangeView> changes() {
    return governor.history().stream().map(ChangeView::of).toList();
  }

  @PutMapping("/{processDefinitionKey}/{activityId}")
  @Operation(
      summary = "A person sets the highest level an agent step may run at",
      description =
          "Process owners (camunda-admin) only. The step's figures start afresh from this change.")
  public ChangeView change(
      @PathVariable String processDefinitionKey,
      @PathVariable String activityId,
      @Valid @RequestBody LevelChange change,
      Authentication user) {
    if (user.getAuthorities().stream().noneMatch(a -> CHANGING_GROUP.equals(a.getAuthority()))) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          "autonomy-change-forbidden",
          "Only process owners (camunda-admin) change the level of an agent step");
    }
    Autonomy level =
        Autonomy.fromId(change.level())
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "level", "must be one of autonomous, supervised, shadow"));
    AgentStep step = new AgentStep(processDefinitionKey, activityId);
    String task =
        audit
            .lastTaskOf(step.processDefinitionKey(), step.activityId())
            .orElseThrow(() -> ApiProblemException.notFound("No agent step " + step + " has run"));
    return ChangeView.of(
        governor.changeByPerson(step, task, level, user.getName(), change.reason()));
  }
}
