package io.handoff.vendor;

import io.handoff.vendor.store.JdbcVendorMaster;
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

  /**
   * Creates the vendor and returns its id.
   *
   * @throws VendorExistsException when the master already holds a vendor with this VAT number or
   *     IBAN, also one created by another transaction at the same moment; then nothing is created
   */
  String create(NewVendor vendor);

  /** The vendor master already holds a vendor with the VAT number or IBAN of a new one. */
  final class VendorExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Vendor existing;

    public VendorExistsException(Vendor existing) {
      super("Vendor " + existing.vendorId() + " has the same VAT number or IBAN");
      this.existing = existing;
    }

    public Vendor existing() {
      return existing;
    }
  }

  Optional<Vendor> find(String vendorId);

  /** An existing vendor with this VAT number or IBAN (both in canonical form). */
  Optional<Vendor> findByVatIdOrIban(String vatId, String iban);
}
