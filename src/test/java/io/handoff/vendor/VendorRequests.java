package io.handoff.vendor;

import io.handoff.vendor.validation.VatNumbers;
import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;
import org.iban4j.CountryCode;
import org.iban4j.Iban;

/** Valid vendor applications with a fresh VAT number and IBAN each, so tests do not collide. */
public final class VendorRequests {

  /**
   * A complete, clear contract: payment terms, liability cap and a data-processing clause. The
   * contract-review agent step reads it with confidence 0.95 and no legal review is needed.
   */
  public static final String CONTRACT =
      """
      Supply agreement. Payment terms: net 30 days from invoice. Liability of the supplier is
      capped at EUR 1,000,000. The supplier processes personal data only on documented
      instructions (data processing agreement, Annex 2).
      """;

  /** Clear payment terms and liability cap, but no data-processing clause: legal reviews it. */
  public static final String CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE =
      """
      Supply agreement. Invoices are payable within 45 days. The supplier's liability shall not
      exceed EUR 250,000 per year. Deliveries go to the sites listed in Annex 1.
      """;

  /**
   * A vague contract: two payment periods that contradict each other, so the agent step is unsure
   * (confidence 0.70, below the 0.75 threshold) and legal reviews it.
   */
  public static final String VAGUE_CONTRACT =
      """
      Framework agreement. Invoices are payable within 30 days; payment for urgent orders is due
      within 10 days. Liability of the supplier is capped at EUR 500,000. The supplier processes
      personal data only on documented instructions (data processing agreement, Annex 3).
      """;

  private VendorRequests() {}

  /** A German office-supplies vendor with a small spend and no data access: LOW risk. */
  public static VendorApplicationRequest lowRisk(String requestedBy) {
    return request(
        "Nordlicht Bürobedarf GmbH",
        "OFFICE_SUPPLIES",
        new BigDecimal("12000.00"),
        false,
        requestedBy);
  }

  public static VendorApplicationRequest request(
      String legalName,
      String category,
      BigDecimal annualSpend,
      boolean dataAccess,
      String requestedBy) {
    return new VendorApplicationRequest(
        legalName,
        "DE",
        freshGermanVatId(),
        freshGermanIban(),
        "contact@vendor.example",
        category,
        annualSpend,
        dataAccess,
        CONTRACT,
        requestedBy);
  }

  /** The same application with another contract text. */
  public static VendorApplicationRequest withContract(VendorApplicationRequest r, String contract) {
    return new VendorApplicationRequest(
        r.legalName(),
        r.country(),
        r.vatId(),
        r.iban(),
        r.contactEmail(),
        r.category(),
        r.annualSpend(),
        r.dataAccess(),
        contract,
        r.requestedBy());
  }

  public static VendorApplicationRequest withCountry(
      VendorApplicationRequest r, String country, String vatId) {
    return new VendorApplicationRequest(
        r.legalName(),
        country,
        vatId,
        r.iban(),
        r.contactEmail(),
        r.category(),
        r.annualSpend(),
        r.dataAccess(),
        r.contractText(),
        r.requestedBy());
  }

  public static VendorApplicationRequest withIdentity(
      VendorApplicationRequest r, String vatId, String iban) {
    return new VendorApplicationRequest(
        r.legalName(),
        r.country(),
        vatId,
        iban,
        r.contactEmail(),
        r.category(),
        r.annualSpend(),
        r.dataAccess(),
        r.contractText(),
        r.requestedBy());
  }

  /** A German VAT number that passes the check-digit test and has not been used yet. */
  public static String freshGermanVatId() {
    while (true) {
      String digits =
          String.format("%08d", ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
      for (int check = 0; check <= 9; check++) {
        String candidate = "DE" + digits + check;
        if (VatNumbers.problem("DE", candidate).isEmpty()) {
          return candidate;
        }
      }
    }
  }

  /** A valid German IBAN with a random account number. */
  public static String freshGermanIban() {
    return new Iban.Builder()
        .countryCode(CountryCode.DE)
        .bankCode("37040044")
        .accountNumber(
            String.format(
                "%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L)))
        .build()
        .toString();
  }
}
