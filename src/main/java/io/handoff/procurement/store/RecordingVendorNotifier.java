package io.handoff.procurement.store;

import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.notification.NotificationOutbox;
import io.handoff.procurement.Invoice;
import io.handoff.procurement.VendorNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Default vendor notifier: the message goes to the vendor_notification table (what a supplier
 * portal or the ERP reads) and, as a notice, to the platform's notification outbox, both in the
 * step's transaction. A rejection is told once per invoice; a credit-note request once per run of
 * the step. A mail or EDI adapter implements {@link VendorNotifier} instead.
 */
@Component
public class RecordingVendorNotifier implements VendorNotifier {

  private static final Logger log = LoggerFactory.getLogger(RecordingVendorNotifier.class);

  private final JdbcClient jdbc;
  private final NotificationOutbox outbox;

  public RecordingVendorNotifier(JdbcClient jdbc, NotificationOutbox outbox) {
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  @Override
  public void invoiceRejected(Invoice invoice, String reason) {
    send(
        invoice,
        "invoice/" + invoice.invoiceId() + "/rejected",
        "INVOICE_REJECTED",
        "Invoice " + invoice.invoiceNumber() + " has been rejected: " + reason);
  }

  @Override
  public void creditNoteRequested(Invoice invoice, String reason) {
    send(
        invoice,
        "invoice/" + invoice.invoiceId() + "/credit-note/" + NotificationOutbox.currentStep(),
        "CREDIT_NOTE_REQUESTED",
        "Please send a credit note and a corrected invoice for invoice "
            + invoice.invoiceNumber()
            + ": "
            + reason);
  }

  private void send(Invoice invoice, String key, String kind, String message) {
    jdbc.sql(
            "INSERT INTO vendor_notification (invoice_id, vendor_id, kind, message, sent_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(invoice.invoiceId(), invoice.vendorId(), kind, message, EngineClock.timestamp())
        .update();
    outbox.notice(
        key,
        "vendor:" + invoice.vendorId(),
        "Invoice " + invoice.invoiceNumber() + ": " + kind,
        message,
        invoice.processInstanceId());
    log.info(
        "Process instance {}: vendor {} notified ({}): {}",
        invoice.processInstanceId(),
        invoice.vendorId(),
        kind,
        message);
  }
}
