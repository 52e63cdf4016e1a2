package io.handoff.procurement.store;

import io.handoff.platform.api.list.KeysetQuery;
import io.handoff.platform.api.list.ListRequest;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.api.list.SortKey;
import io.handoff.procurement.Amounts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;

/**
 * {@code GET /api/purchase-orders}: purchase orders by vendor, requester, category and time
 * created, each line with the quantities ordered, received and invoiced.
 */
@Component
public class PurchaseOrderSearch {

  public static final ListSpec SPEC =
      new ListSpec(
          "/api/purchase-orders",
          Set.of("vendorId", "requestedBy", "category", "createdFrom", "createdTo"),
          List.of(
              new SortKey("createdAt", "created_at", SortKey.Type.TIMESTAMP),
              new SortKey("poNumber", "po_number", SortKey.Type.TEXT)),
          ListSpec.Direction.DESC,
          "po_number");

  /**
   * A purchase order line and where it stands.
   *
   * @param line line number
   * @param sku item ordered
   * @param description item description
   * @param unitPrice agreed unit price
   * @param orderedQuantity quantity ordered
   * @param receivedQuantity quantity received so far, over every goods receipt
   * @param invoicedQuantity quantity billed so far, over every invoice of the order that is not
   *     rejected
   */
  public record OrderLineSummary(
      int line,
      @Schema(example = "A-100") String sku,
      String description,
      @Schema(example = "100.00") BigDecimal unitPrice,
      @Schema(example = "10") BigDecimal orderedQuantity,
      @Schema(example = "6") BigDecimal receivedQuantity,
      @Schema(example = "4") BigDecimal invoicedQuantity) {}

  /**
   * One purchase order in a list.
   *
   * @param poNumber order number
   * @param vendorId vendor
   * @param currency currency of its prices
   * @param requestedBy who requested the purchase
   * @param category purchase category
   * @param createdAt when it was recorded
   * @param lines its lines with ordered, received and invoiced quantities
   */
  public record PurchaseOrderSummary(
      @Schema(example = "PO-2026-0007") String poNumber,
      @Schema(example = "ACME-01") String vendorId,
      @Schema(example = "EUR") String currency,
      @Schema(example = "paul") String requestedBy,
      @Schema(example = "office-supplies") String category,
      Instant createdAt,
      List<OrderLineSummary> lines) {}

  private record Header(
      String poNumber,
      String vendorId,
      String currency,
      String requestedBy,
      String category,
      Instant createdAt) {}

  private record LineKey(String poNumber, int line) {}

  private final JdbcClient jdbc;

  public PurchaseOrderSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Validates the parameters (one 400 naming every bad one) and builds the page's query. */
  public KeysetQuery query(MultiValueMap<String, String> parameters) {
    ListRequest request = new ListRequest(SPEC, parameters);
    Optional<String> vendorId = request.text("vendorId");
    Optional<String> requestedBy = request.text("requestedBy");
    Optional<String> category = request.text("category");
    Optional<Instant> from = request.instant("createdFrom");
    Optional<Instant> to = request.instant("createdTo");
    request.range("createdFrom", from, "createdTo", to);
    request.validate();
    return new KeysetQuery(
            request,
            "po_number, vendor_id, currency, requested_by, category, created_at",
            "purchase_order")
        .equal("vendor_id", vendorId)
        .equal("requested_by", requestedBy)
        .equal("category", category)
        .atLeast("created_at", from.map(Timestamp::from))
        .before("created_at", to.map(Timestamp::from));
  }

  /** One page of orders; lines and their quantities in three more queries for the whole page. */
  @Transactional(readOnly = true)
  public Page<PurchaseOrderSummary> page(MultiValueMap<String, String> parameters) {
    Page<Header> headers =
        query(parameters)
            .page(
                jdbc,
                (rs, n) ->
                    new Header(
                        rs.getString("po_number"),
                        rs.getString("vendor_id"),
                        rs.getString("currency"),
                        rs.getString("requested_by"),
                        rs.getString("category"),
                        rs.getTimestamp("created_at").toInstant()));
    List<String> numbers = headers.items().stream().map(Header::poNumber).toList();
    if (numbers.isEmpty()) {
      return new Page<>(List.of(), headers.page());
    }
    String in = "(" + String.join(", ", Collections.nCopies(numbers.size(), "?")) + ")";
    Map<LineKey, BigDecimal> received =
        quantities(
            "SELECT r.po_number, l.line_no, SUM(l.quantity) AS quantity FROM goods_receipt r"
                + " JOIN goods_receipt_line l ON l.receipt_id = r.receipt_id"
                + " WHERE r.po_number IN "
                + in
                + " GROUP BY r.po_number, l.line_no",
            numbers);
    Map<LineKey, BigDecimal> invoiced =
        quantities(
            "SELECT i.po_number, l.line_no, SUM(l.quantity) AS quantity FROM invoice i"
                + " JOIN invoice_line l ON l.invoice_id = i.invoice_id"
                + " WHERE i.status <> 'REJECTED' AND i.po_number IN "
                + in
                + " GROUP BY i.po_number, l.line_no",
            numbers);
    Map<String, List<OrderLineSummary>> lines = new HashMap<>();
    jdbc.sql(
            "SELECT po_number, line_no, sku, description, quantity, unit_price"
                + " FROM purchase_order_line WHERE po_number IN "
                + in
                + " ORDER BY po_number, line_no")
        .params(numbers)
        .query(
            rs -> {
              LineKey key = new LineKey(rs.getString("po_number"), rs.getInt("line_no"));
              lines
                  .computeIfAbsent(key.poNumber(), k -> new ArrayList<>())
                  .add(
                      new OrderLineSummary(
                          key.line(),
                          rs.getString("sku"),
                          rs.getString("description"),
                          Amounts.money(rs.getBigDecimal("unit_price")),
                          Amounts.quantity(rs.getBigDecimal("quantity")),
                          Amounts.quantity(received.getOrDefault(key, BigDecimal.ZERO)),
                          Amounts.quantity(invoiced.getOrDefault(key, BigDecimal.ZERO))));
            });
    return new Page<>(
        headers.items().stream()
            .map(
                h ->
                    new PurchaseOrderSummary(
                        h.poNumber(),
                        h.vendorId(),
                        h.currency(),
                        h.requestedBy(),
                        h.category(),
                        h.createdAt(),
                        lines.getOrDefault(h.poNumber(), List.of())))
            .toList(),
        headers.page());
  }

  private Map<LineKey, BigDecimal> quantities(String sql, List<String> numbers) {
    Map<LineKey, BigDecimal> result = new HashMap<>();
    jdbc.sql(sql)
        .params(numbers)
        .query(
            rs -> {
              result.put(
                  new LineKey(rs.getString("po_number"), rs.getInt("line_no")),
                  rs.getBigDecimal("quantity"));
            });
    return result;
  }
}
