package io.handoff.agent.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One agent step invocation as stored in {@code agent_action}.
 *
 * @param id audit id, also in the process variable {@code <prefix>AuditId}
 * @param processInstanceId the process instance
 * @param activityId the agent step's element id
 * @param task the agent task
 * @param provider provider id
 * @param model model name
 * @param inputDigest SHA-256 (hex) of the input text before masking
 * @param output the answer as JSON ({@code proposal}, {@code confidence}, {@code rationale}), null
 *     after a failure
 * @param confidence confidence in [0,1]; 0 after a failure
 * @param autonomy the step's autonomy level
 * @param routedToPerson whether a person had to decide
 * @param latencyMs provider call duration
 * @param error why the call failed, or null
 * @param maskedKinds kinds of personal data masked before the text was sent
 * @param createdAt when the step ran
 * @param decidedBy the person who decided later, or null
 * @param humanDecision what they decided (JSON), or null
 * @param agrees whether their decision matched the proposal, or null
 * @param decidedAt when they decided, or null
 * @param processDefinitionKey the process the step belongs to
 * @param declaredAutonomy the level the model declares; {@code autonomy} is the level used, lower
 *     when the step was moved down
 * @param action what was done on the proposal without a person (e.g. {@code PASSWORD_RESET}), or
 *     null
 * @param actedAt when
 * @param reversal how that action was reversed ({@code REOPENED}, {@code OVERRIDDEN}), or null
 * @param reversedAt when
 */
public record AgentAction(
    String id,
    String processInstanceId,
    String activityId,
    String task,
    String provider,
    String model,
    String inputDigest,
    String output,
    BigDecimal confidence,
    String autonomy,
    boolean routedToPerson,
    long latencyMs,
    String error,
    List<String> maskedKinds,
    Instant createdAt,
    String decidedBy,
    String humanDecision,
    Boolean agrees,
    Instant decidedAt,
    String processDefinitionKey,
    String declaredAutonomy,
    String action,
    Instant actedAt,
    String reversal,
    Instant reversedAt) {}
