package io.handoff.procurement;

import io.handoff.platform.decision.Rules;
import io.handoff.procurement.store.InvoiceRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.springframework.stereotype.Service;

/**
 * Reads the purchase order and receipts for an invoice and matches its lines. The numbers come from
 * {@link LineMatcher}; the tolerance table decides each line.
 */
@Service
public class InvoiceMatchingService {

  public static final String NOT_MATCHED = "NOT_MATCHED";
  public static final String MATCHED = "MATCHED";

  private final InvoiceRepository invoices;
  private final PurchasingConnector purchasing;
  private final Rules rules;

  public InvoiceMatchingService(
      InvoiceRepository invoices, PurchasingConnector purchasing, Rules rules) {
    this.invoices = invoices;
    this.purchasing = purchasing;
    this.rules = rules;
  }

  /**
   * The purchase order behind an invoice.
   *
   * @param order the order, null when there is a problem
   * @param problem why the invoice cannot be matched against it, null when it can
   * @param waitsForGoods whether more is invoiced than received on some ordered line
   * @param lineSummary the invoice lines for the exception form when there is a problem
   */
  public record PurchaseOrderCheck(
      PurchaseOrder order,
      String problem,
      boolean waitsForGoods,
      List<Map<String, Object>> lineSummary) {}

  /**
   * @param matched whether every line matched
   * @param problem what does not match, one sentence per line, null when all matched
   * @param lineSummary every line's figures and result, for the forms
   */
  public record MatchResult(
      boolean matched, String problem, List<Map<String, Object>> lineSummary) {}

  public PurchaseOrderCheck checkPurchaseOrder(String invoiceId) {
    Invoice invoice = invoices.get(invoiceId);
    Optional<PurchaseOrder> found = purchasing.findPurchaseOrder(invoice.poNumber());
    String problem = null;
    if (found.isEmpty()) {
      problem = "Purchase order " + invoice.poNumber() + " is unknown.";
    } else if (!found.get().vendorId().equals(invoice.vendorId())) {
      problem =
          "Purchase order "
              + invoice.poNumber()
              + " was placed with vendor "
              + found.get().vendorId()
              + ", not "
              + invoice.vendorId()
              + ".";
    } else if (!found.get().currency().equals(invoice.currency())) {
      problem =
          "Purchase order "
              + invoice.poNumber()
              + " is in "
              + found.get().currency()
              + ", the invoice in "
              + invoice.currency()
              + ".";
    }
    if (problem != null) {
      return new PurchaseOrderCheck(null, problem, false, summary(invoiceId, found));
    }
    PurchaseOrder order = found.get();
    invoices.lockPurchaseOrder(order.poNumber());
    boolean waits =
        LineMatcher.waitsForGoods(
            invoice.lines(),
            order,
            purchasing.receivedQuantities(order.poNumber()),
            invoices.invoicedElsewhere(order.poNumber(), invoiceId));
    return new PurchaseOrderCheck(order, null, waits, List.of());
  }

  public MatchResult matchLines(String invoiceId, String processInstanceId, String decisionKey) {
    Invoice invoice = invoices.get(invoiceId);
    PurchaseOrder order =
        purchasing
            .findPurchaseOrder(invoice.poNumber())
            .orElseThrow(
                () -> new IllegalStateException("Purchase order " + invoice.poNumber() + " gone"));
    // One invoice of an order at a time: each sees what the others have billed (the lock is held
    // until this transaction commits, so two invoices for the same goods cannot both pass).
    invoices.lockPurchaseOrder(order.poNumber());
    Map<Integer, BigDecimal> received = purchasing.receivedQuantities(order.poNumber());
    Map<Integer, BigDecimal> elsewhere = invoices.invoicedElsewhere(order.poNumber(), invoiceId);
    List<String> problems = new ArrayList<>();
    for (Invoice.Line line : invoice.lines()) {
      LineMatcher.LineFigures figures =
          LineMatcher.figures(
              line, order.line(line.line()), received.get(line.line()), elsewhere.get(line.line()));
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put(InvoiceVariables.DMN_ON_ORDER, figures.onOrder());
      inputs.put(InvoiceVariables.DMN_QUANTITY_ABOVE_ORDERED, figures.quantityAboveOrdered());
      inputs.put(InvoiceVariables.DMN_QUANTITY_ABOVE_RECEIVED, figures.quantityAboveReceived());
      inputs.put(InvoiceVariables.DMN_QUANTITY_ABOVE_UNINVOICED, figures.quantityAboveUninvoiced());
      inputs.put(InvoiceVariables.DMN_PRICE_VARIANCE_PERCENT, figures.priceVariancePercent());
      inputs.put(InvoiceVariables.DMN_PRICE_VARIANCE_AMOUNT, figures.priceVarianceAmount());
      DmnDecisionResultEntries decided =
          Rules.single(
              rules.evaluate(processInstanceId, decisionKey, inputs, "line " + line.line()),
              decisionKey,
              inputs);
      String result = decided.getEntry(InvoiceVariables.DMN_LINE_RESULT);
      String reason = decided.getEntry(InvoiceVariables.DMN_LINE_REASON);
      invoices.saveMatch(invoiceId, figures, result, reason);
      if (!MATCHED.equals(result)) {
        problems.add("Line " + line.line() + ": " + reason);
      }
    }
    return new MatchResult(
        problems.isEmpty(),
        problems.isEmpty() ? null : String.join("\n", problems),
        summary(invoiceId, Optional.of(order)));
  }

  /**
   * Each line's figures as plain strings, for the table in the Tasklist forms; the item is the
   * ordered SKU of the line, empty when the order or the line is unknown.
   */
  public List<Map<String, Object>> summary(String invoiceId, Optional<PurchaseOrder> order) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (InvoiceRepository.MatchedLine m : invoices.matchedLines(invoiceId)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("line", m.line().line());
      row.put(
          "sku",
          order.flatMap(o -> o.line(m.line().line())).map(PurchaseOrder.Line::sku).orElse(""));
      row.put("orderedQuantity", Amounts.quantityText(m.orderedQuantity()));
      row.put("receivedQuantity", Amounts.quantityText(m.receivedQuantity()));
      row.put("invoicedQuantity", Amounts.quantityText(m.line().quantity()));
      row.put("orderUnitPrice", Amounts.moneyText(m.orderUnitPrice()));
      row.put("invoicedUnitPrice", Amounts.moneyText(m.line().unitPrice()));
      row.put(
          "priceVariancePercent",
          m.priceVariancePercent() == null
              ? ""
              : m.priceVariancePercent().setScale(2, RoundingMode.HALF_UP).toPlainString());
      row.put("priceVarianceAmount", Amounts.moneyText(m.priceVarianceAmount()));
      row.put("result", m.matchResult() == null ? NOT_MATCHED : m.matchResult());
      row.put("reason", m.matchReason() == null ? "" : m.matchReason());
      rows.add(row);
    }
    return rows;
  }
}
