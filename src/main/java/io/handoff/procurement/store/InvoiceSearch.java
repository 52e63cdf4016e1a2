package io.handoff.procurement.store;

import io.handoff.platform.api.list.KeysetQuery;
import io.handoff.platform.api.list.ListRequest;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.api.list.SortKey;
import io.handoff.procurement.Amounts;
import io.handoff.procurement.InvoiceStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/** {@code GET /api/invoices}: invoices by status, vendor, purchase order and invoice date. */
@Component
public class InvoiceSearch {

  public static final ListSpec SPEC =
      new ListSpec(
          "/api/invoices",
          Set.of("status", "vendorId", "poNumber", "invoiceDateFrom", "invoiceDateTo"),
          List.of(
              new SortKey("receivedAt", "received_at", SortKey.Type.TIMESTAMP),
              new SortKey("invoiceDate", "invoice_date", SortKey.Type.DATE),
              new SortKey("total", "total", SortKey.Type.DECIMAL),
              new SortKey("updatedAt", "updated_at", SortKey.Type.TIMESTAMP)),
          ListSpec.Direction.DESC,
          "invoice_id");

  /**
   * One invoice in a list; {@code GET /api/invoices/{vendorId}/{invoiceNumber}} has its lines,
   * approvals and decisions.
   *
   * @param vendorId vendor
   * @param invoiceNumber the vendor's invoice number
   * @param status where it stands
   * @param invoiceDate invoice date
   * @param currency currency
   * @param poNumber purchase order billed
   * @param total total including tax
   * @param processInstanceId the process instance handling it
   * @param receivedAt when it was submitted
   * @param updatedAt when its status or content last changed
   */
  public record InvoiceSummary(
      @Schema(example = "ACME-01") String vendorId,
      @Schema(example = "INV-2026-0042") String invoiceNumber,
      InvoiceStatus status,
      LocalDate invoiceDate,
      @Schema(example = "EUR") String currency,
      @Schema(example = "PO-2026-0007") String poNumber,
      @Schema(example = "1100.00") BigDecimal total,
      String processInstanceId,
      Instant receivedAt,
      Instant updatedAt) {}

  private final JdbcClient jdbc;

  public InvoiceSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Validates the parameters (one 400 naming every bad one) and builds the page's query. */
  public KeysetQuery query(MultiValueMap<String, String> parameters) {
    ListRequest request = new ListRequest(SPEC, parameters);
    Set<InvoiceStatus> status = request.enums("status", InvoiceStatus.class);
    Optional<String> vendorId = request.text("vendorId");
    Optional<String> poNumber = request.text("poNumber");
    Optional<LocalDate> from = request.date("invoiceDateFrom");
    Optional<LocalDate> to = request.date("invoiceDateTo");
    request.range("invoiceDateFrom", from, "invoiceDateTo", to);
    request.validate();
    return new KeysetQuery(
            request,
            "vendor_id, invoice_number, status, invoice_date, currency, po_number, total,"
                + " process_instance_id, received_at, updated_at",
            "invoice")
        .in("status", status)
        .equal("vendor_id", vendorId)
        .equal("po_number", poNumber)
        .atLeast("invoice_date", from.map(Date::valueOf))
        .atMost("invoice_date", to.map(Date::valueOf));
  }

  public Page<InvoiceSummary> page(MultiValueMap<String, String> parameters) {
    return query(parameters)
        .page(
            jdbc,
            (rs, n) ->
                new InvoiceSummary(
                    rs.getString("vendor_id"),
                    rs.getString("invoice_number"),
                    InvoiceStatus.valueOf(rs.getString("status")),
                    rs.getDate("invoice_date").toLocalDate(),
                    rs.getString("currency"),
                    rs.getString("po_number"),
                    Amounts.money(rs.getBigDecimal("total")),
                    rs.getString("process_instance_id"),
                    rs.getTimestamp("received_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant()));
  }
}
