package io.handoff.agent.autonomy;

import io.handoff.agent.Autonomy;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change of an agent step's autonomy level, as stored in {@code agent_autonomy_change}.
 *
 * @param id change id
 * @param step the step
 * @param task the agent task of the step
 * @param from the level the step ran at before
 * @param to the highest level it may run at from now on
 * @param changedBy {@value AutonomyGovernor#PLATFORM} for the demotion rule, else the person's user
 *     id
 * @param byPlatform whether the demotion rule made the change
 * @param reason why
 * @param reviewed reviewed decisions the rule read (platform changes)
 * @param agreement agreement with people the rule read
 * @param actedAlone actions taken without a person the rule read
 * @param reversalShare share of them reopened or overridden
 * @param changedAt when, on the engine clock
 * @param order its place among the agent's audit events (a database sequence; 0 for changes written
 *     before the sequence existed, and for a change not yet written)
 */
public record AutonomyChange(
    String id,
    AgentStep step,
    String task,
    Autonomy from,
    Autonomy to,
    String changedBy,
    boolean byPlatform,
    String reason,
    Integer reviewed,
    BigDecimal agreement,
    Integer actedAlone,
    BigDecimal reversalShare,
    Instant changedAt,
    long order) {}
