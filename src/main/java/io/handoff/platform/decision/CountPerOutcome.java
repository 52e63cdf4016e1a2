package io.handoff.platform.decision;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A headline figure that counts cases per value of one output (incidents per priority, vendors per
 * risk tier); a case evaluated several times counts with its last evaluation in the period.
 */
public class CountPerOutcome implements HeadlineFigure {

  private final String decisionKey;
  private final String output;
  private final String name;

  public CountPerOutcome(String decisionKey, String output, String name) {
    this.decisionKey = decisionKey;
    this.output = output;
    this.name = name;
  }

  @Override
  public boolean appliesTo(String key) {
    return decisionKey.equals(key);
  }

  @Override
  public Figure compute(String key, List<Replayed> replayed) {
    Map<String, Replayed> lastPerCase = new LinkedHashMap<>();
    for (Replayed r : replayed) {
      String kase =
          r.entry().processInstanceId() != null
              ? r.entry().processInstanceId()
              : "entry-" + r.entry().id();
      lastPerCase.put(kase, r);
    }
    Map<String, Integer> before = new TreeMap<>();
    Map<String, Integer> after = new TreeMap<>();
    for (Replayed r : lastPerCase.values()) {
      before.merge(value(r.before()), 1, Integer::sum);
      after.merge(value(r.after()), 1, Integer::sum);
    }
    return new Figure(name, before, after, lastPerCase.size());
  }

  private String value(JsonNode outcome) {
    JsonNode v = outcome == null ? null : outcome.get(output);
    return v == null || v.isNull() ? "(none)" : v.asText();
  }
}
