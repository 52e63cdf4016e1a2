package io.handoff.agent;

/**
 * A provider's answer to one agent task.
 *
 * @param proposal what it proposes
 * @param confidence its confidence in [0,1]
 * @param rationale a short explanation for the person who reviews it
 */
public record AgentAnswer(Proposal proposal, double confidence, String rationale) {

  public AgentAnswer {
    if (proposal == null) {
      throw new IllegalArgumentException("proposal is required");
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be in [0,1], was " + confidence);
    }
    rationale = rationale == null ? "" : rationale;
  }
}
