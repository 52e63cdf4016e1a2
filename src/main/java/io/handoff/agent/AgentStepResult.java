package io.handoff.agent;

/**
 * What an agent step produced.
 *
 * @param auditId the {@code agent_action} row
 * @param proposal the proposal, or null when the provider failed
 * @param confidence confidence in [0,1]; 0 when the provider failed
 * @param rationale why, or what went wrong
 * @param needsHuman whether a person must decide
 * @param error the failure, or null
 */
public record AgentStepResult(
    String auditId,
    Proposal proposal,
    double confidence,
    String rationale,
    boolean needsHuman,
    String error) {}
