package io.handoff.platform.decision;

/**
 * Who or what took a decision, as the ledger writes it: {@code rule:<decision key>:<version>},
 * {@code agent:<task>/<provider>/<model>}, {@code person:<user id>} or {@code platform}.
 */
public final class DecidedBy {

  public static final String PLATFORM = "platform";
  private static final String RULE = "rule:";
  private static final String AGENT = "agent:";
  private static final String PERSON = "person:";

  private DecidedBy() {}

  public static String rule(String decisionKey, int version) {
    return RULE + decisionKey + ":" + version;
  }

  public static String agent(String task, String provider, String model) {
    return AGENT + task + "/" + provider + "/" + (model == null ? "" : model);
  }

  public static String person(String userId) {
    return PERSON + userId;
  }

  /** The user id of a person's decision, null for a rule's, an agent's or the platform's. */
  public static String userOf(String decidedBy) {
    return decidedBy != null && decidedBy.startsWith(PERSON)
        ? decidedBy.substring(PERSON.length())
        : null;
  }

  public static boolean isRule(String decidedBy) {
    return decidedBy != null && decidedBy.startsWith(RULE);
  }

  public static boolean isAgent(String decidedBy) {
    return decidedBy != null && decidedBy.startsWith(AGENT);
  }
}
