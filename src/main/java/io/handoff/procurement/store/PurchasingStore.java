package io.handoff.procurement.store;

import io.handoff.platform.engine.EngineClock;
import io.handoff.procurement.Amounts;
import io.handoff.procurement.PurchaseOrder;
import io.handoff.procurement.PurchasingConnector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Purchase orders and goods receipts in our own tables: the default purchasing connector. */
@Repository
public class PurchasingStore implements PurchasingConnector {

  private final JdbcClient jdbc;

  public PurchasingStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<PurchaseOrder> findPurchaseOrder(String poNumber) {
    List<PurchaseOrder.Line> lines =
        jdbc.sql(
                "SELECT line_no, sku, description, quantity, unit_price FROM purchase_order_line"
                    + " WHERE po_number = ? ORDER BY line_no")
            .param(poNumber)
            .query(
                (rs, i) ->
                    new PurchaseOrder.Line(
                        rs.getInt("line_no"),
                        rs.getString("sku"),
                        rs.getString("description"),
                        Amounts.quantity(rs.getBigDecimal("quantity")),
                        Amounts.money(rs.getBigDecimal("unit_price"))))
            .list();
    return jdbc.sql(
            "SELECT po_number, vendor_id, currency, requested_by, category FROM purchase_order"
                + " WHERE po_number = ?")
        .param(poNumber)
        .query(
            (rs, i) ->
                new PurchaseOrder(
                    rs.getString("po_number"),
                    rs.getString("vendor_id"),
                    rs.getString("currency"),
                    rs.getString("requested_by"),
                    rs.getString("category"),
                    lines))
        .optional();
  }

  @Override
  public Map<Integer, BigDecimal> receivedQuantities(String poNumber) {
    Map<Integer, BigDecimal> received = new HashMap<>();
    jdbc.sql(
            "SELECT l.line_no, SUM(l.quantity) AS quantity FROM goods_receipt_line l"
                + " JOIN goods_receipt r ON r.receipt_id = l.receipt_id"
                + " WHERE r.po_number = ? GROUP BY l.line_no")
        .param(poNumber)
        .query(
            (RowCallbackHandler)
                rs ->
                    received.put(
                        rs.getInt("line_no"), Amounts.quantity(rs.getBigDecimal("quantity"))));
    return received;
  }

  public Optional<String> purchaseOrderHash(String poNumber) {
    return jdbc.sql("SELECT request_hash FROM purchase_order WHERE po_number = ?")
        .param(poNumber)
        .query(String.class)
        .optional();
  }

  public void insertPurchaseOrder(PurchaseOrder order, String requestHash) {
    jdbc.sql(
            "INSERT INTO purchase_order (po_number, vendor_id, currency, requested_by, category,"
                + " request_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            order.poNumber(),
            order.vendorId(),
            order.currency(),
            order.requestedBy(),
            order.category(),
            requestHash,
            EngineClock.timestamp())
        .update();
    for (PurchaseOrder.Line line : order.lines()) {
      jdbc.sql(
              "INSERT INTO purchase_order_line (po_number, line_no, sku, description, quantity,"
                  + " unit_price) VALUES (?, ?, ?, ?, ?, ?)")
          .params(
              order.poNumber(),
              line.line(),
              line.sku(),
              line.description(),
              line.quantity(),
              line.unitPrice())
          .update();
    }
  }

  /**
   * Holds the purchase order's row until the transaction ends, so that goods receipts of one order
   * are recorded one after the other.
   */
  public void lockPurchaseOrder(String poNumber) {
    jdbc.sql("SELECT po_number FROM purchase_order WHERE po_number = ? FOR UPDATE")
        .param(poNumber)
        .query(String.class)
        .optional();
  }

  /**
   * A recorded goods receipt.
   *
   * @param lines received quantity per purchase order line, by line number
   */
  public record GoodsReceipt(
      String receiptId, String poNumber, Instant receivedAt, Map<Integer, BigDecimal> lines) {}

  public Optional<GoodsReceipt> findGoodsReceipt(String receiptId) {
    return jdbc.sql("SELECT po_number, received_at FROM goods_receipt WHERE receipt_id = ?")
        .param(receiptId)
        .query(
            (rs, i) -> {
              Map<Integer, BigDecimal> lines = new java.util.TreeMap<>();
              jdbc.sql(
                      "SELECT line_no, quantity FROM goods_receipt_line WHERE receipt_id = ?"
                          + " ORDER BY line_no")
                  .param(receiptId)
                  .query((r, j) -> lines.put(r.getInt("line_no"), r.getBigDecimal("quantity")))
                  .list();
              return new GoodsReceipt(
                  receiptId,
                  rs.getString("po_number"),
                  rs.getTimestamp("received_at").toInstant(),
                  lines);
            })
        .optional();
  }

  public Optional<String> receiptHash(String receiptId) {
    return jdbc.sql("SELECT request_hash FROM goods_receipt WHERE receipt_id = ?")
        .param(receiptId)
        .query(String.class)
        .optional();
  }

  public void insertGoodsReceipt(
      String receiptId, String poNumber, Map<Integer, BigDecimal> lines, String requestHash) {
    jdbc.sql(
            "INSERT INTO goods_receipt (receipt_id, po_number, request_hash, received_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(receiptId, poNumber, requestHash, EngineClock.timestamp())
        .update();
    lines.forEach(
        (line, quantity) ->
            jdbc.sql(
                    "INSERT INTO goods_receipt_line (receipt_id, line_no, quantity)"
                        + " VALUES (?, ?, ?)")
                .params(receiptId, line, quantity)
                .update());
  }
}
