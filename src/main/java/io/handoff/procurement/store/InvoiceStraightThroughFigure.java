package io.handoff.procurement.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.HeadlineFigure;
import io.handoff.platform.decision.LedgerEntry;
import io.handoff.procurement.InvoiceMatchingService;
import io.handoff.procurement.InvoiceSettlementService;
import io.handoff.procurement.InvoiceVariables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What-if headline figure of the line tolerance and approval tables: the straight-through rate, the
 * share of invoices whose lines all matched and whose approval route was automatic (no person
 * touched them). For an edited tolerance table, an invoice whose lines would now all match (or no
 * longer) is routed again through the approval matrix version it was bound to.
 */
@Component
class InvoiceStraightThroughFigure implements HeadlineFigure {

  static final String TOLERANCE = "invoice-line-tolerance";
  static final String APPROVAL = "invoice-approval-matrix";

  private final DecisionLedger ledger;
  private final InvoiceSettlementService settlement;
  private final DecisionService decisions;
  private final JdbcClient jdbc;

  InvoiceStraightThroughFigure(
      DecisionLedger ledger,
      InvoiceSettlementService settlement,
      @Lazy DecisionService decisions,
      JdbcClient jdbc) {
    this.ledger = ledger;
    this.settlement = settlement;
    this.decisions = decisions;
    this.jdbc = jdbc;
  }

  @Override
  public boolean appliesTo(String decisionKey) {
    return TOLERANCE.equals(decisionKey) || APPROVAL.equals(decisionKey);
  }

  @Override
  public Figure compute(String decisionKey, List<Replayed> replayed) {
    Map<String, List<Replayed>> byInvoice = new LinkedHashMap<>();
    for (Replayed r : replayed) {
      if (r.entry().processInstanceId() != null) {
        byInvoice
            .computeIfAbsent(r.entry().processInstanceId(), k -> new java.util.ArrayList<>())
            .add(r);
      }
    }
    int before = 0;
    int after = 0;
    for (Map.Entry<String, List<Replayed>> invoice : byInvoice.entrySet()) {
      List<Replayed> evaluations = invoice.getValue();
      if (APPROVAL.equals(decisionKey)) {
        Replayed last = evaluations.get(evaluations.size() - 1);
        before += automatic(last.before()) ? 1 : 0;
        after += automatic(last.after()) ? 1 : 0;
        continue;
      }
      boolean matchedBefore = evaluations.stream().allMatch(r -> matched(r.before()));
      boolean matchedAfter = evaluations.stream().allMatch(r -> matched(r.after()));
      Optional<LedgerEntry> route = lastApproval(invoice.getKey());
      boolean routedAutomatically =
          route.isPresent() && automatic(JsonNodes.read(route.get().outcome()));
      if (matchedBefore && routedAutomatically) {
        before++;
      }
      if (matchedAfter
          && (matchedAfter == matchedBefore && route.isPresent()
              ? routedAutomatically
              : reroutedAutomatically(invoice.getKey(), route))) {
        after++;
      }
    }
    return new Figure(
        "straight-through rate",
        share(before, byInvoice.size()),
        share(after, byInvoice.size()),
        byInvoice.size());
  }

  private Optional<LedgerEntry> lastApproval(String processInstanceId) {
    return ledger.ofInstance(processInstanceId).stream()
        .filter(e -> APPROVAL.equals(e.decision()) && DecidedBy.isRule(e.decidedBy()))
        .reduce((a, b) -> b);
  }

  /** The approval matrix the invoice was bound to, on its facts with every line matched. */
  private boolean reroutedAutomatically(String processInstanceId, Optional<LedgerEntry> route) {
    Optional<String> invoiceId =
        jdbc.sql("SELECT invoice_id FROM invoice WHERE process_instance_id = ?")
            .param(processInstanceId)
            .query(String.class)
            .optional();
    if (invoiceId.isEmpty()) {
      return false;
    }
    Map<String, Object> inputs = settlement.approvalInputs(invoiceId.get(), true);
    var result =
        route.isPresent() && route.get().decisionDefinitionId() != null
            ? decisions
                .evaluateDecisionById(route.get().decisionDefinitionId())
                .variables(inputs)
                .evaluate()
            : decisions.evaluateDecisionByKey(APPROVAL).variables(inputs).evaluate();
    Object groups =
        result.isEmpty() ? null : result.getSingleResult().get(InvoiceVariables.APPROVER_GROUPS);
    return groups == null || groups.toString().isBlank();
  }

  private static boolean matched(JsonNode outcome) {
    JsonNode result = outcome == null ? null : outcome.get(InvoiceVariables.DMN_LINE_RESULT);
    return result != null && InvoiceMatchingService.MATCHED.equals(result.asText());
  }

  private static boolean automatic(JsonNode outcome) {
    if (outcome == null || !outcome.isObject()) {
      return false;
    }
    JsonNode groups = outcome.get(InvoiceVariables.APPROVER_GROUPS);
    return groups == null || groups.isNull() || groups.asText().isBlank();
  }

  private static Map<String, Object> share(int count, int of) {
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("straightThrough", count);
    figure.put("invoices", of);
    figure.put(
        "rate",
        of == 0
            ? null
            : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP));
    return figure;
  }

  /** Reads a stored outcome. */
  static final class JsonNodes {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    private JsonNodes() {}

    static JsonNode read(String value) {
      try {
        return value == null ? null : JSON.readTree(value);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return null;
      }
    }
  }
}
