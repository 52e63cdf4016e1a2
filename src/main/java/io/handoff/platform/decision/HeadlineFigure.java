package io.handoff.platform.decision;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A process's headline figure that a decision table moves (the straight-through rate for the
 * invoice tolerance and approval tables, counts per priority, counts per risk tier), computed
 * before and after a what-if replay. Each process contributes its own as a Spring bean.
 */
public interface HeadlineFigure {

  /** Whether this figure is moved by the decision. */
  boolean appliesTo(String decisionKey);

  /** The figure over the replayed evaluations, as they were decided and as they would be. */
  Figure compute(String decisionKey, List<Replayed> replayed);

  /**
   * One replayed evaluation.
   *
   * @param entry the ledger entry as it was decided
   * @param variables the inputs it was replayed with
   * @param before the recorded outcome
   * @param after the outcome under the edited table
   */
  record Replayed(
      LedgerEntry entry, Map<String, Object> variables, JsonNode before, JsonNode after) {

    public boolean changed() {
      return !WhatIfReplay.sameOutcome(before, after);
    }
  }

  /**
   * @param name what the figure is
   * @param before its value as decided
   * @param after its value under the edited table
   * @param basis how many cases it is computed over
   */
  record Figure(String name, Object before, Object after, int basis) {}
}
