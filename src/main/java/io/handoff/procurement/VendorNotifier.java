package io.handoff.procurement;

import io.handoff.procurement.store.RecordingVendorNotifier;

/**
 * Tells a vendor about its invoice. The default adapter ({@link RecordingVendorNotifier}) records
 * the message in our own table and the log; a mail or EDI adapter implements the same interface.
 */
public interface VendorNotifier {

  void invoiceRejected(Invoice invoice, String reason);

  void creditNoteRequested(Invoice invoice, String reason);
}
