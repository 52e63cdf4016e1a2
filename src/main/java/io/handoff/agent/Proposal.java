package io.handoff.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an agent proposes: a label ({@code classify-incident}) or structured fields ({@code
 * review-contract}).
 *
 * @param label the proposed label, or null for a structured proposal
 * @param fields the proposed fields, or null for a label
 */
public record Proposal(String label, Map<String, Object> fields) {

  /** The label of a proposal that names nothing: the text has no evidence for any label. */
  public static final String UNKNOWN = "unknown";

  public Proposal {
    if ((label == null) == (fields == null)) {
      throw new IllegalArgumentException("A proposal is either a label or fields");
    }
    fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static Proposal ofLabel(String label) {
    return new Proposal(label, null);
  }

  public static Proposal ofFields(Map<String, Object> fields) {
    return new Proposal(null, fields);
  }

  public boolean structured() {
    return fields != null;
  }

  /** Whether the agent proposes nothing: a person must decide whatever the autonomy level. */
  public boolean unknown() {
    return UNKNOWN.equals(label);
  }
}
