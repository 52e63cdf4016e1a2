package io.handoff.platform.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;

/**
 * The decision trail of a case: every decision of its process instances, in order.
 *
 * @param processKey the process
 * @param businessKey the case's business key
 * @param processInstanceIds the instances the trail covers
 * @param decisions the timeline
 */
public record DecisionTrail(
    String processKey, String businessKey, List<String> processInstanceIds, List<Step> decisions) {

  /**
   * One decision on the timeline.
   *
   * @param decidedAt when (engine clock)
   * @param processInstanceId the instance
   * @param step the BPMN element that decided
   * @param subject what within the case it is about, if not the case as a whole
   * @param decision what was decided: a decision table's key, or the kind of decision
   * @param decider {@code RULE}, {@code AGENT}, {@code PERSON} or {@code PLATFORM}
   * @param decidedBy {@code rule:<key>:<version>}, {@code agent:<task>/<provider>/<model>}, {@code
   *     person:<user id>} or {@code platform}
   * @param inputs the inputs
   * @param outcome the outcome (a rule's output entries; the agent's proposal; a person's choice)
   * @param reason why, where given
   * @param agentProposal the agent proposal a person's decision confirmed or overrode
   * @param agentAgreement {@code CONFIRMED} or {@code OVERRODE}
   */
  public record Step(
      Instant decidedAt,
      String processInstanceId,
      String step,
      String subject,
      String decision,
      String decider,
      String decidedBy,
      JsonNode inputs,
      JsonNode outcome,
      String reason,
      String agentProposal,
      String agentAgreement) {}

  static Step step(LedgerEntry e, ObjectMapper json) {
    return new Step(
        e.decidedAt(),
        e.processInstanceId(),
        e.step(),
        e.subject(),
        e.decision(),
        decider(e.decidedBy()),
        e.decidedBy(),
        e.inputs() == null ? null : parse(e.inputs(), json),
        e.outcome() == null ? null : parse(e.outcome(), json),
        e.reason(),
        e.agentProposal(),
        e.agentAgreement());
  }

  static String decider(String decidedBy) {
    if (DecidedBy.isRule(decidedBy)) {
      return "RULE";
    }
    if (DecidedBy.isAgent(decidedBy)) {
      return "AGENT";
    }
    return DecidedBy.userOf(decidedBy) != null ? "PERSON" : "PLATFORM";
  }

  /** JSON as stored, or a text outcome ({@code approved}) as a JSON string. */
  private static JsonNode parse(String value, ObjectMapper json) {
    try {
      return json.readTree(value);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value);
    }
  }
}
