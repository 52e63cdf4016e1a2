package io.handoff.agent.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.agent.AgentAnswer;
import io.handoff.agent.Proposal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code review-contract}: payment terms, liability cap and data-processing clause of a supplier
 * contract. The proposal is structured:
 *
 * <pre>{@code
 * {"paymentTerms": "NET30", "paymentDays": 30, "liabilityCap": "EUR 1000000.00",
 *  "dataProcessingClause": true, "missing": [], "complete": true}
 * }</pre>
 *
 * {@code liabilityCap} is {@code unlimited}, {@code <ISO currency> <amount>} or null; {@code
 * missing} lists the clauses not found and {@code complete} is true when none is missing. Both are
 * derived here from the fields, whichever provider proposed them.
 */
@Component
public class ReviewContractTask implements AgentTask {

  public static final String ID = "review-contract";
  public static final String PAYMENT_DAYS = "paymentDays";
  public static final String PAYMENT_TERMS = "paymentTerms";
  public static final String LIABILITY_CAP = "liabilityCap";
  public static final String DATA_PROCESSING_CLAUSE = "dataProcessingClause";
  public static final String MISSING = "missing";
  public static final String COMPLETE = "complete";

  private static final Pattern CAP = Pattern.compile("unlimited|[A-Z]{3} \\d+(\\.\\d{1,2})?");
  private static final Set<String> MODEL_FIELDS =
      Set.of(PAYMENT_DAYS, LIABILITY_CAP, DATA_PROCESSING_CLAUSE);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String instructions() {
    return """
        You review supplier contracts for a purchasing department. Find three things:
        the payment terms as a number of days (NET30 = 30), the liability cap ("unlimited",
        or the ISO currency code and the amount, e.g. "EUR 1000000.00"), and whether the
        contract has a data-processing clause (GDPR Art. 28 / data processing agreement).
        Use null for a payment term or cap the contract does not state.
        Answer with one JSON object and nothing else:
        {"fields": {"paymentDays": <integer or null>, "liabilityCap": "<cap>" or null,
         "dataProcessingClause": <true|false>},
         "confidence": <number between 0 and 1>, "rationale": "<one or two short sentences>"}
        """;
  }

  @Override
  public String proposalProperty() {
    return "fields";
  }

  @Override
  public Proposal readProposal(JsonNode fields) {
    if (!fields.isObject()) {
      throw new InvalidAnswerException("'fields' must be an object");
    }
    for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MODEL_FIELDS.contains(name)) {
        throw new InvalidAnswerException("Unexpected field '" + name + "'");
      }
    }
    JsonNode days = fields.get(PAYMENT_DAYS);
    if (days == null || !(days.isNull() || (days.isIntegralNumber() && days.asInt() >= 0))) {
      throw new InvalidAnswerException("'paymentDays' must be a non-negative integer or null");
    }
    JsonNode cap = fields.get(LIABILITY_CAP);
    if (cap == null
        || !(cap.isNull() || (cap.isTextual() && CAP.matcher(cap.asText()).matches()))) {
      throw new InvalidAnswerException(
          "'liabilityCap' must be \"unlimited\", \"<currency> <amount>\" or null");
    }
    JsonNode dpa = fields.get(DATA_PROCESSING_CLAUSE);
    if (dpa == null || !dpa.isBoolean()) {
      throw new InvalidAnswerException("'dataProcessingClause' must be true or false");
    }
    return proposal(
        days.isNull() ? null : days.asInt(), cap.isNull() ? null : cap.asText(), dpa.asBoolean());
  }

  @Override
  public AgentAnswer runLocally(String text) {
    ContractRules.Terms terms = ContractRules.review(text);
    return new AgentAnswer(
        proposal(terms.paymentDays(), terms.liabilityCap(), terms.dataProcessing()),
        ContractRules.confidence(terms),
        ContractRules.rationale(terms));
  }

  @Override
  public String localModel() {
    return "contract-rules-v1";
  }

  static Proposal proposal(Integer paymentDays, String liabilityCap, boolean dataProcessing) {
    List<String> missing = new ArrayList<>();
    if (paymentDays == null) {
      missing.add(PAYMENT_TERMS);
    }
    if (liabilityCap == null) {
      missing.add(LIABILITY_CAP);
    }
    if (!dataProcessing) {
      missing.add(DATA_PROCESSING_CLAUSE);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(PAYMENT_TERMS, paymentDays == null ? null : "NET" + paymentDays);
    fields.put(PAYMENT_DAYS, paymentDays);
    fields.put(LIABILITY_CAP, liabilityCap);
    fields.put(DATA_PROCESSING_CLAUSE, dataProcessing);
    fields.put(MISSING, List.copyOf(missing));
    fields.put(COMPLETE, missing.isEmpty());
    return Proposal.ofFields(fields);
  }
}
