package io.handoff.agent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of agent steps: what each agent proposed, and what people decided. */
@RestController
@RequestMapping("/api/audit/agent-actions")
@Tag(name = "Agent audit", description = "Agent step invocations and the decisions on them")
public class AgentActionController {

  private final AgentAuditRepository audit;
  private final ObjectMapper json;

  public AgentActionController(AgentAuditRepository audit, ObjectMapper json) {
    this.audit = audit;
    this.json = json;
  }

  /**
   * One agent step invocation.
   *
   * @param id audit id
   * @param processInstanceId process instance
   * @param activityId the step's element id
   * @param task agent task
   * @param provider provider id
   * @param model model name
   * @param inputDigest SHA-256 of the input text
   * @param output the answer ({@code proposal}, {@code confidence}, {@code rationale}); absent
   *     after a failure
   * @param confidence confidence in [0,1]
   * @param autonomy autonomy level of the step
   * @param routedToPerson whether a person had to decide
   * @param latencyMs provider call duration
   * @param error why the call failed
   * @param maskedKinds kinds of personal data masked before sending
   * @param createdAt when the step ran
   * @param decidedBy who decided later
   * @param humanDecision what they decided
   * @param agrees whether that matched the proposal
   * @param decidedAt when they decided
   * @param processDefinitionKey the process the step belongs to
   * @param declaredAutonomy the level the model declares ({@code autonomy} is the level used)
   * @param action what was done on the proposal without a person
   * @param actedAt when
   * @param reversal how that action was reversed (reopened, overridden)
   * @param reversedAt when
   */
  public record AgentActionView(
      String id,
      String processInstanceId,
      String activityId,
      String task,
      String provider,
      String model,
      String inputDigest,
      JsonNode output,
      BigDecimal confidence,
      String autonomy,
      boolean routedToPerson,
      long latencyMs,
      String error,
      List<String> maskedKinds,
      Instant createdAt,
      String decidedBy,
      JsonNode humanDecision,
      Boolean agrees,
      Instant decidedAt,
      String processDefinitionKey,
      String declaredAutonomy,
      String action,
      Instant actedAt,
      String reversal,
      Instant reversedAt) {}

  @GetMapping
  @Operation(summary = "Agent step invocations of one process instance, oldest first")
  public List<AgentActionView> byProcessInstance(
      @Parameter(description = "process instance id", required = true)
          @RequestParam(required = false)
          String processInstanceId) {
    if (processInstanceId == null || processInstanceId.isBlank()) {
      throw new InvalidRequestException("processInstanceId", "is required");
    }
    return audit.findByProcessInstance(processInstanceId).stream().map(this::view).toList();
  }

  private AgentActionView view(AgentAction a) {
    return new AgentActionView(
        a.id(),
        a.processInstanceId(),
        a.activityId(),
        a.task(),
        a.provider(),
        a.model(),
        a.inputDigest(),
        parse(a.output()),
        a.confidence(),
        a.autonomy(),
        a.routedToPerson(),
        a.latencyMs(),
        a.error(),
        a.maskedKinds(),
        a.createdAt(),
        a.decidedBy(),
        parse(a.humanDecision()),
        a.agrees(),
        a.decidedAt(),
        a.processDefinitionKey(),
        a.declaredAutonomy(),
        a.action(),
        a.actedAt(),
        a.reversal(),
        a.reversedAt());
  }

  private JsonNode parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readTree(value);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(value);
    }
  }
}
