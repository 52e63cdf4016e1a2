package io.handoff.procurement;

import io.handoff.procurement.store.PurchasingStore;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Reads purchase orders and goods receipts from the purchasing system. The default adapter is the
 * platform's own store ({@link PurchasingStore}), fed by the REST API; an ERP adapter implements
 * the same interface.
 */
public interface PurchasingConnector {

  Optional<PurchaseOrder> findPurchaseOrder(String poNumber);

  /** Quantity received so far per purchase order line number (lines without receipts absent). */
  Map<Integer, BigDecimal> receivedQuantities(String poNumber);
}
