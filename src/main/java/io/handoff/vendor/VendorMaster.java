package io.handoff.vendor;

import java.time.Instant;
import java.util.Optional;

/**
 * The company's vendor master. The default adapter is the platform's own {@code vendor} table
 * ({@link JdbcVendorMaster}); an ERP adapter implements the same interface.
 *
 * <p>Vendor ids have the form {@code VEN-} followed by six or more digits, e.g. {@code VEN-000042};
 * a purchase order in procure-to-pay refers to a vendor by this id.
 */
public interface VendorMaster {

  /** A vendor as the master knows it. */
  record Vendor(
      String vendorId,
      String legalName,
      String country,
      String vatId,
      String iban,
      String contactEmail,
      String category,
      String riskTier,
      String applicationId,
      Instant createdAt) {}

  /** What a new vendor is created from. */
  record NewVendor(
      String legalName,
      String country,
      String vatId,
      String iban,
      String contactEmail,
      String category,
      String riskTier,
      String applicationId) {}

  /** Creates the vendor and returns its id. */
  String create(NewVendor vendor);

  Optional<Vendor> find(String vendorId);

  /** An existing vendor with this VAT number or IBAN (both in canonical form). */
  Optional<Vendor> findByVatIdOrIban(String vatId, String iban);
}
