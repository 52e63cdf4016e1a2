package io.handoff.procurement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Default vendor notifier: the message goes to the vendor_notification table and the log. */
@Component
public class RecordingVendorNotifier implements VendorNotifier {

  private static final Logger log = LoggerFactory.getLogger(RecordingVendorNotifier.class);

  private final JdbcClient jdbc;

  public RecordingVendorNotifier(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void invoiceRejected(Invoice invoice, String reason) {
    send(
        invoice,
        "INVOICE_REJECTED",
        "Invoice " + invoice.invoiceNumber() + " has been rejected: " + reason);
  }

  @Override
  public void creditNoteRequested(Invoice invoice, String reason) {
    send(
        invoice,
        "CREDIT_NOTE_REQUESTED",
        "Please send a credit note and a corrected invoice for invoice "
            + invoice.invoiceNumber()
            + ": "
            + reason);
  }

  private void send(Invoice invoice, String kind, String message) {
    jdbc.sql(
            "INSERT INTO vendor_notification (invoice_id, vendor_id, kind, message, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(invoice.invoiceId(), invoice.vendorId(), kind, message, PurchasingStore.now())
        .update();
    log.info(
        "Process instance {}: vendor {} notified ({}): {}",
        invoice.processInstanceId(),
        invoice.vendorId(),
        kind,
        message);
  }
}
