package io.handoff.platform.decision;

import java.util.Map;

/**
 * A decision about to be written to the ledger; see {@link LedgerEntry} for the fields.
 *
 * @param inputs a JSON-serialisable map, or null
 */
public record Draft(
    DecisionContext where,
    String decision,
    String decidedBy,
    Map<String, ?> inputs,
    String outcome,
    String reason,
    String subject,
    String decisionDefinitionId,
    String agentProposal,
    String agentAgreement) {

  public static Draft of(DecisionContext where, String decision, String decidedBy) {
    return new Draft(where, decision, decidedBy, null, null, null, null, null, null, null);
  }

  public Draft inputs(Map<String, ?> value) {
    return new Draft(
        where,
        decision,
        decidedBy,
        value,
        outcome,
        reason,
        subject,
        decisionDefinitionId,
        agentProposal,
        agentAgreement);
  }

  public Draft outcome(String value) {
    return new Draft(
        where,
        decision,
        decidedBy,
        inputs,
        value,
        reason,
        subject,
        decisionDefinitionId,
        agentProposal,
        agentAgreement);
  }

  public Draft reason(String value) {
    return new Draft(
        where,
        decision,
        decidedBy,
        inputs,
        outcome,
        value,
        subject,
        decisionDefinitionId,
        agentProposal,
        agentAgreement);
  }

  public Draft subject(String value) {
    return new Draft(
        where,
        decision,
        decidedBy,
        inputs,
        outcome,
        reason,
        value,
        decisionDefinitionId,
        agentProposal,
        agentAgreement);
  }

  public Draft definition(String value) {
    return new Draft(
        where,
        decision,
        decidedBy,
        inputs,
        outcome,
        reason,
        subject,
        value,
        agentProposal,
        agentAgreement);
  }

  /** A person's decision on an agent's proposal: {@link LedgerEntry#CONFIRMED} or overrode. */
  public Draft onProposal(String proposalId, Boolean agrees) {
    return new Draft(
        where,
        decision,
        decidedBy,
        inputs,
        outcome,
        reason,
        subject,
        decisionDefinitionId,
        proposalId,
        agrees == null ? null : agrees ? LedgerEntry.CONFIRMED : LedgerEntry.OVERRODE);
  }
}
