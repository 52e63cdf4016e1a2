package io.handoff.procurement.store;

import io.handoff.platform.engine.EngineClock;
import io.handoff.procurement.Invoice;
import io.handoff.procurement.InvoiceMatchingService;
import io.handoff.procurement.InvoiceNumbers;
import io.handoff.procurement.InvoiceStatus;
import io.handoff.procurement.LineMatcher;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invoices, their lines with match results, and their payments, in our own tables. */
@Repository
public class InvoiceRepository {

  private static final String INVOICE_COLUMNS =
      "invoice_id, vendor_id, invoice_number, invoice_date, currency, po_number, payment_terms,"
          + " tax, total, status, process_instance_id";

  private final JdbcClient jdbc;

  public InvoiceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A stored line with its latest match result.
   *
   * @param line invoiced line
   * @param orderedQuantity quantity ordered, null before matching
   * @param receivedQuantity quantity received at the last match
   * @param orderUnitPrice unit price on the order
   * @param priceVariancePercent unit price variance in percent
   * @param priceVarianceAmount price variance over the line
   * @param matchResult result decided by the tolerance table
   * @param matchReason why
   */
  public record MatchedLine(
      Invoice.Line line,
      BigDecimal orderedQuantity,
      BigDecimal receivedQuantity,
      BigDecimal orderUnitPrice,
      BigDecimal priceVariancePercent,
      BigDecimal priceVarianceAmount,
      String matchResult,
      String matchReason) {}

  /**
   * @param amount amount to pay
   * @param currency currency
   * @param paymentDate when it is paid
   */
  public record Payment(BigDecimal amount, String currency, LocalDate paymentDate) {}

  public void insert(Invoice invoice, String requestHash) {
    jdbc.sql(
            "INSERT INTO invoice ("
                + INVOICE_COLUMNS
                + ", invoice_number_key, request_hash, received_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            invoice.invoiceId(),
            invoice.vendorId(),
            invoice.invoiceNumber(),
            Date.valueOf(invoice.invoiceDate()),
            invoice.currency(),
            invoice.poNumber(),
            invoice.paymentTerms(),
            invoice.tax(),
            invoice.total(),
            invoice.status().name(),
            invoice.processInstanceId(),
            InvoiceNumbers.key(invoice.invoiceNumber()),
            requestHash,
            EngineClock.timestamp(),
            EngineClock.timestamp())
        .update();
    insertLines(invoice.invoiceId(), invoice.lines());
  }

  private void insertLines(String invoiceId, List<Invoice.Line> lines) {
    for (Invoice.Line line : lines) {
      jdbc.sql(
              "INSERT INTO invoice_line (invoice_id, line_no, quantity, unit_price, amount)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(invoiceId, line.line(), line.quantity(), line.unitPrice(), line.amount())
          .update();
    }
  }

  /** Replaces lines, tax and total with those of a corrected invoice. */
  public void replaceContent(
      String invoiceId,
      LocalDate invoiceDate,
      List<Invoice.Line> lines,
      BigDecimal tax,
      BigDecimal total) {
    jdbc.sql("DELETE FROM invoice_line WHERE invoice_id = ?").param(invoiceId).update();
    insertLines(invoiceId, lines);
    jdbc.sql(
            "UPDATE invoice SET invoice_date = ?, tax = ?, total = ?, updated_at = ?"
                + " WHERE invoice_id = ?")
        .params(Date.valueOf(invoiceDate), tax, total, EngineClock.timestamp(), invoiceId)
        .update();
  }

  public Optional<Invoice> find(String vendorId, String invoiceNumber) {
    return jdbc.sql(
            "SELECT "
                + INVOICE_COLUMNS
                + " FROM invoice WHERE vendor_id = ? AND invoice_number_key = ?")
        .params(vendorId, InvoiceNumbers.key(invoiceNumber))
        .query((rs, i) -> invoice(rs))
        .optional();
  }

  public Invoice get(String invoiceId) {
    return jdbc.sql("SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE invoice_id = ?")
        .param(invoiceId)
        .query((rs, i) -> invoice(rs))
        .single();
  }

  public Optional<String> requestHash(String vendorId, String invoiceNumber) {
    return jdbc.sql(
            "SELECT request_hash FROM invoice WHERE vendor_id = ? AND invoice_number_key = ?")
        .params(vendorId, InvoiceNumbers.key(invoiceNumber))
        .query(String.class)
        .optional();
  }

  public void setProcessInstance(String invoiceId, String processInstanceId) {
    jdbc.sql("UPDATE invoice SET process_instance_id = ? WHERE invoice_id = ?")
        .params(processInstanceId, invoiceId)
        .update();
  }

  /**
   * Locks the purchase order's row until the caller's transaction ends, so the invoices billing one
   * order are matched one after the other and each sees what the others have invoiced.
   */
  public void lockPurchaseOrder(String poNumber) {
    jdbc.sql("SELECT po_number FROM purchase_order WHERE po_number = ? FOR UPDATE")
        .param(poNumber)
        .query(String.class)
        .optional();
  }

  /**
   * Quantity per order line billed by the order's other invoices that have been matched and not
   * rejected.
   */
  public Map<Integer, BigDecimal> invoicedElsewhere(String poNumber, String invoiceId) {
    Map<Integer, BigDecimal> quantities = new HashMap<>();
    jdbc.sql(
            "SELECT l.line_no, SUM(l.quantity) AS quantity FROM invoice_line l"
                + " JOIN invoice i ON i.invoice_id = l.invoice_id"
                + " WHERE i.po_number = ? AND i.invoice_id <> ? AND i.status <> ?"
                + " AND l.match_result IS NOT NULL GROUP BY l.line_no")
        .params(poNumber, invoiceId, InvoiceStatus.REJECTED.name())
        .query(
            rs -> {
              quantities.put(rs.getInt("line_no"), rs.getBigDecimal("quantity"));
            });
    return quantities;
  }

  /** Whether every line of the invoice has been matched within tolerance. */
  public boolean allLinesMatched(String invoiceId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM invoice_line WHERE invoice_id = ?"
                    + " AND (match_result IS NULL OR match_result <> ?)")
            .params(invoiceId, InvoiceMatchingService.MATCHED)
            .query(Integer.class)
            .single()
        == 0;
  }

  /**
   * Records the approval matrix's answer (groups in order, empty for automatic approval) and the
   * status it leads to, in one statement; the time of the last change moves only when the status
   * does.
   */
  public void setApprovalRoute(String invoiceId, String approverGroups, InvoiceStatus status) {
    jdbc.sql(
            "UPDATE invoice SET approver_groups = ?, status = ?,"
                + " updated_at = CASE WHEN status = ? THEN updated_at ELSE ? END"
                + " WHERE invoice_id = ?")
        .params(approverGroups, status.name(), status.name(), EngineClock.timestamp(), invoiceId)
        .update();
  }

  /** The approval matrix's answer, empty until it has decided. */
  public Optional<String> approverGroups(String invoiceId) {
    return jdbc.sql("SELECT approver_groups FROM invoice WHERE invoice_id = ?")
        .param(invoiceId)
        .query((rs, i) -> Optional.ofNullable(rs.getString("approver_groups")))
        .single();
  }

  /**
   * Moves the invoice to a status. An invoice already in it is not written at all (a step that
   * confirms the status it found changes nothing, and its last change keeps its time).
   */
  public void updateStatus(String invoiceId, InvoiceStatus status) {
    jdbc.sql("UPDATE invoice SET status = ?, updated_at = ? WHERE invoice_id = ? AND status <> ?")
        .params(status.name(), EngineClock.timestamp(), invoiceId, status.name())
        .update();
  }

  public void saveMatch(
      String invoiceId, LineMatcher.LineFigures figures, String result, String reason) {
    jdbc.sql(
            "UPDATE invoice_line SET ordered_quantity = ?, received_quantity = ?,"
                + " order_unit_price = ?, price_variance_percent = ?, price_variance_amount = ?,"
                + " match_result = ?, match_reason = ? WHERE invoice_id = ? AND line_no = ?")
        .params(
            figures.orderedQuantity(),
            figures.receivedQuantity(),
            figures.orderUnitPrice(),
            figures.priceVariancePercent(),
            figures.priceVarianceAmount(),
            result,
            reason,
            invoiceId,
            figures.line())
        .update();
  }

  public List<MatchedLine> matchedLines(String invoiceId) {
    return jdbc.sql(
            "SELECT line_no, quantity, unit_price, amount, ordered_quantity, received_quantity,"
                + " order_unit_price, price_variance_percent, price_variance_amount,"
                + " match_result, match_reason FROM invoice_line WHERE invoice_id = ?"
                + " ORDER BY line_no")
        .param(invoiceId)
        .query(
            (rs, i) ->
                new MatchedLine(
                    line(rs),
                    rs.getBigDecimal("ordered_quantity"),
                    rs.getBigDecimal("received_quantity"),
                    rs.getBigDecimal("order_unit_price"),
                    rs.getBigDecimal("price_variance_percent"),
                    rs.getBigDecimal("price_variance_amount"),
                    rs.getString("match_result"),
                    rs.getString("match_reason")))
        .list();
  }

  /**
   * Posts the invoice and schedules its payment (status {@code SCHEDULED_FOR_PAYMENT}, in the same
   * statement as the posting). The unique constraint on the invoice id makes this happen once per
   * invoice, however often it is attempted.
   *
   * @return true if this call scheduled the payment, false if it was already scheduled
   */
  public boolean schedulePayment(String invoiceId, Payment payment) {
    if (countPayments(invoiceId) > 0) {
      return false;
    }
    // A concurrent attempt that got here too fails on the unique constraint: its job is retried
    // and then finds the payment above.
    jdbc.sql(
            "INSERT INTO invoice_payment (payment_id, invoice_id, amount, currency,"
                + " payment_date, scheduled_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            invoiceId,
            payment.amount(),
            payment.currency(),
            Date.valueOf(payment.paymentDate()),
            EngineClock.timestamp())
        .update();
    Timestamp now = EngineClock.timestamp();
    jdbc.sql("UPDATE invoice SET posted_at = ?, status = ?, updated_at = ? WHERE invoice_id = ?")
        .params(now, InvoiceStatus.SCHEDULED_FOR_PAYMENT.name(), now, invoiceId)
        .update();
    return true;
  }

  public Optional<Payment> payment(String invoiceId) {
    return jdbc.sql(
            "SELECT amount, currency, payment_date FROM invoice_payment WHERE invoice_id = ?")
        .param(invoiceId)
        .query(
            (rs, i) ->
                new Payment(
                    rs.getBigDecimal("amount"),
                    rs.getString("currency"),
                    rs.getDate("payment_date").toLocalDate()))
        .optional();
  }

  public int countPayments(String invoiceId) {
    return jdbc.sql("SELECT COUNT(*) FROM invoice_payment WHERE invoice_id = ?")
        .param(invoiceId)
        .query(Integer.class)
        .single();
  }

  private Invoice invoice(ResultSet rs) throws SQLException {
    String id = rs.getString("invoice_id");
    List<Invoice.Line> lines =
        jdbc.sql(
                "SELECT line_no, quantity, unit_price, amount FROM invoice_line"
                    + " WHERE invoice_id = ? ORDER BY line_no")
            .param(id)
            .query((r, i) -> line(r))
            .list();
    return new Invoice(
        id,
        rs.getString("vendor_id"),
        rs.getString("invoice_number"),
        rs.getDate("invoice_date").toLocalDate(),
        rs.getString("currency"),
        rs.getString("po_number"),
        rs.getString("payment_terms"),
        rs.getBigDecimal("tax"),
        rs.getBigDecimal("total"),
        InvoiceStatus.valueOf(rs.getString("status")),
        rs.getString("process_instance_id"),
        lines);
  }

  private static Invoice.Line line(ResultSet rs) throws SQLException {
    return new Invoice.Line(
        rs.getInt("line_no"),
        rs.getBigDecimal("quantity"),
        rs.getBigDecimal("unit_price"),
        rs.getBigDecimal("amount"));
  }
}
