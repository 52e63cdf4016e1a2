package io.handoff.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.agent.task.ReviewContractTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * The contract terms the {@code review-contract} agent step proposed, in the form the vendor
 * process keeps them ({@code paymentTerms} "net 30 days", {@code liabilityCap}, {@code
 * dataProcessingClausePresent}). Input mappings of the legal task call it to prefill the form, e.g.
 * {@code ${proposedContractTerms.paymentTerms(contractReviewProposal)}}; every method answers null
 * when there is no proposal (the provider failed).
 */
@Component("proposedContractTerms")
public class ProposedContractTerms {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The agent's reading of a contract.
   *
   * @param paymentTerms e.g. "net 30 days", or null when not found
   * @param liabilityCap {@code unlimited} or {@code <currency> <amount>}, or null when not found
   * @param dataProcessingClause whether a data-processing clause was found
   * @param missing the clauses not found, in words ("payment terms", "liability cap",
   *     "data-processing clause")
   * @param complete whether all three were found
   */
  public record Terms(
      String paymentTerms,
      String liabilityCap,
      boolean dataProcessingClause,
      List<String> missing,
      boolean complete) {}

  /** Reads a proposal (Spin JSON, a JSON string or a map); empty when there is none. */
  public static Optional<Terms> read(Object proposal) {
    JsonNode node = toJson(proposal);
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    JsonNode days = node.path(ReviewContractTask.PAYMENT_DAYS);
    JsonNode cap = node.path(ReviewContractTask.LIABILITY_CAP);
    List<String> missing = new ArrayList<>();
    for (JsonNode field : node.path(ReviewContractTask.MISSING)) {
      missing.add(inWords(field.asText()));
    }
    return Optional.of(
        new Terms(
            days.isIntegralNumber() ? "net " + days.asInt() + " days" : null,
            cap.isTextual() ? cap.asText() : null,
            node.path(ReviewContractTask.DATA_PROCESSING_CLAUSE).asBoolean(false),
            List.copyOf(missing),
            node.path(ReviewContractTask.COMPLETE).asBoolean(false)));
  }

  public String paymentTerms(Object proposal) {
    return read(proposal).map(Terms::paymentTerms).orElse(null);
  }

  public String liabilityCap(Object proposal) {
    return read(proposal).map(Terms::liabilityCap).orElse(null);
  }

  public Boolean dataProcessingClause(Object proposal) {
    return read(proposal).map(Terms::dataProcessingClause).orElse(null);
  }

  /** The clauses the agent did not find, e.g. "data-processing clause", or "none". */
  public String missingClauses(Object proposal) {
    return read(proposal)
        .map(t -> t.missing().isEmpty() ? "none" : String.join(", ", t.missing()))
        .orElse(null);
  }

  private static String inWords(String field) {
    return switch (field) {
      case ReviewContractTask.PAYMENT_TERMS -> "payment terms";
      case ReviewContractTask.LIABILITY_CAP -> "liability cap";
      case ReviewContractTask.DATA_PROCESSING_CLAUSE -> "data-processing clause";
      default -> field;
    };
  }

  private static JsonNode toJson(Object value) {
    try {
      if (value == null) {
        return null;
      }
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof Map<?, ?> map) {
        return JSON.valueToTree(map);
      }
      if (value instanceof String s) {
        return JSON.readTree(s);
      }
      return null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
