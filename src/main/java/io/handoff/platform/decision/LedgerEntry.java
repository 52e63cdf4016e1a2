package io.handoff.platform.decision;

import java.time.Instant;

/**
 * One decision in the ledger.
 *
 * @param id the entry's number, in the order decisions were recorded
 * @param processInstanceId the process instance the decision belongs to
 * @param processKey the process definition key
 * @param businessKey the instance's business key (invoice {@code V-1:INV-7}, application id,
 *     incident id)
 * @param step the BPMN element that decided (activity id)
 * @param subject what within the instance the decision is about (an invoice line, an agent proposal
 *     id), or null
 * @param decision what was decided: a decision table's key for a rule, else the kind of decision
 * @param decidedBy see {@link DecidedBy}
 * @param decisionDefinitionId the deployed decision's id, for a rule
 * @param inputs the inputs, as a JSON object
 * @param outcome the outcome: a rule's matched output entries as JSON, else text
 * @param reason why, where the decider gave a reason
 * @param agentProposal for a person's decision on an agent's proposal, the proposal's id
 * @param agentAgreement {@code CONFIRMED} or {@code OVERRODE}, with {@code agentProposal}
 * @param decidedAt when, on the engine's clock
 */
public record LedgerEntry(
    long id,
    String processInstanceId,
    String processKey,
    String businessKey,
    String step,
    String subject,
    String decision,
    String decidedBy,
    String decisionDefinitionId,
    String inputs,
    String outcome,
    String reason,
    String agentProposal,
    String agentAgreement,
    Instant decidedAt) {

  public static final String CONFIRMED = "CONFIRMED";
  public static final String OVERRODE = "OVERRODE";
}
