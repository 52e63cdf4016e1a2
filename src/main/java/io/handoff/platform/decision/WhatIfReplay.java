package io.handoff.platform.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.stereotype.Service;

/**
 * What-if replay: re-evaluates every recorded evaluation of a decision in a period against an
 * edited table, deploys nothing, and reports which outcomes change and what that does to the
 * process's headline figure ({@link HeadlineFigure}).
 *
 * <p>Each evaluation is replayed with the inputs the ledger recorded for it; inputs of tables it
 * requires (a DRD) come from the instance's earlier rule entries. Outcomes are compared output by
 * output, numbers by value.
 */
@Service
public class WhatIfReplay {

  /**
   * The answer.
   *
   * @param decisionKey the decision replayed
   * @param from start of the period (inclusive)
   * @param to end of the period (exclusive)
   * @param replayed how many evaluations were replayed
   * @param changed how many would be decided differently
   * @param changes each changed case, the first {@value #MAX_CHANGES_LISTED} of them
   * @param changesListed whether every changed case is in {@code changes}
   * @param headline the process's headline figure before and after, where there is one
   */
  public record Result(
      String decisionKey,
      Instant from,
      Instant to,
      int replayed,
      int changed,
      List<Change> changes,
      boolean changesListed,
      HeadlineFigure.Figure headline) {}

  /** The most evaluations one replay re-evaluates; a longer period is refused (400). */
  public static final int MAX_REPLAYED = 100_000;

  /** The most changed cases one answer lists; {@code changed} counts them all. */
  public static final int MAX_CHANGES_LISTED = 1_000;

  /**
   * One case decided differently.
   *
   * @param processInstanceId the instance
   * @param businessKey its business key
   * @param subject what within the case (an invoice line)
   * @param decidedAt when it was decided
   * @param oldOutcome as decided
   * @param newOutcome under the edited table
   * @param inputs the inputs
   */
  public record Change(
      String processInstanceId,
      String businessKey,
      String subject,
      Instant decidedAt,
      JsonNode oldOutcome,
      JsonNode newOutcome,
      Map<String, Object> inputs) {}

  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private final DecisionLedger ledger;
  private final List<HeadlineFigure> figures;
  private final ObjectMapper json;
  private final DmnEngine dmn =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  public WhatIfReplay(DecisionLedger ledger, List<HeadlineFigure> figures, ObjectMapper json) {
    this.ledger = ledger;
    this.figures = figures;
    this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  public Result replay(String decisionKey, byte[] dmnFile, Instant from, Instant to) {
    DmnDecision edited = parse(decisionKey, dmnFile);
    long recorded = ledger.countRule(decisionKey, from, to);
    if (recorded > MAX_REPLAYED) {
      throw new InvalidRequestException(
          "to",
          "the period holds "
              + recorded
              + " evaluations of "
              + decisionKey
              + "; at most "
              + MAX_REPLAYED
              + " are replayed at once: shorten the period");
    }
    List<LedgerEntry> entries = ledger.ofRule(decisionKey, from, to);
    int changed = 0;
    Map<String, List<LedgerEntry>> byInstance = new HashMap<>();
    List<HeadlineFigure.Replayed> replayed = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      Map<String, Object> variables = new LinkedHashMap<>();
      if (entry.processInstanceId() != null) {
        for (LedgerEntry earlier :
            byInstance.computeIfAbsent(entry.processInstanceId(), ledger::ofInstance)) {
          if (earlier.id() < entry.id() && DecidedBy.isRule(earlier.decidedBy())) {
            variables.putAll(map(earlier.inputs()));
          }
        }
      }
      Map<String, Object> inputs = map(entry.inputs());
      variables.putAll(inputs);
      JsonNode after = outcome(evaluate(edited, variables, decisionKey));
      JsonNode before = node(entry.outcome());
      HeadlineFigure.Replayed r = new HeadlineFigure.Replayed(entry, variables, before, after);
      replayed.add(r);
      if (r.changed() && ++changed <= MAX_CHANGES_LISTED) {
        changes.add(
            new Change(
                entry.processInstanceId(),
                entry.businessKey(),
                entry.subject(),
                entry.decidedAt(),
                before,
                after,
                inputs));
      }
    }
    HeadlineFigure.Figure headline =
        figures.stream()
            .filter(f -> f.appliesTo(decisionKey))
            .findFirst()
            .map(f -> f.compute(decisionKey, replayed))
            .orElse(null);
    return new Result(
        decisionKey,
        from,
        to,
        replayed.size(),
        changed,
        changes,
        changed == changes.size(),
        headline);
  }

  /** Whether two outcomes are the same decision: equal outputs, numbers compared by value. */
  public static boolean sameOutcome(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(BY_VALUE, b);
  }

  private DmnDecision parse(String decisionKey, byte[] file) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(file));
    } catch (RuntimeException e) {
      throw new InvalidRequestException("file", "is not a DMN 1.3 file: " + firstLine(e));
    }
    try {
      return dmn.parseDecision(decisionKey, model);
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          List.of(
              new FieldProblem(
                  "file",
                  "holds no decision '"
                      + decisionKey
                      + "' that can be evaluated: "
                      + firstLine(e))));
    }
  }

  private DmnDecisionResult evaluate(
      DmnDecision decision, Map<String, Object> variables, String decisionKey) {
    try {
      return dmn.evaluateDecision(decision, variables);
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          "file",
          "the edited decision '"
              + decisionKey
              + "' fails on recorded inputs "
              + variables
              + ": "
              + firstLine(e));
    }
  }

  /** The outcome as the ledger writes it: one row as an object, else an array of rows. */
  private JsonNode outcome(DmnDecisionResult result) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DmnDecisionResultEntries row : result) {
      rows.add(new LinkedHashMap<>(row.getEntryMap()));
    }
    return json.valueToTree(rows.size() == 1 ? rows.get(0) : rows);
  }

  private Map<String, Object> map(String inputs) {
    if (inputs == null || inputs.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      return json.readValue(inputs, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      return new LinkedHashMap<>();
    }
  }

  private JsonNode node(String value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readTree(value);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value);
    }
  }

  private static String firstLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A decimal from a replayed input or output value. */
  public static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
  }
}
