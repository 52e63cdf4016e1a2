package io.handoff.vendor.store;

import io.handoff.platform.api.list.KeysetQuery;
import io.handoff.platform.api.list.ListRequest;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.api.list.SortKey;
import io.handoff.vendor.VendorMaster;
import io.handoff.vendor.validation.Ibans;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * {@code GET /api/vendors}: the vendor master by name, VAT number and IBAN. The items are the same
 * as {@code GET /api/vendors/{vendorId}} answers.
 */
@Component
public class VendorSearch {

  public static final ListSpec SPEC =
      new ListSpec(
          "/api/vendors",
          Set.of("name", "vatId", "iban", "category", "country"),
          List.of(
              new SortKey("createdAt", "created_at", SortKey.Type.TIMESTAMP),
              new SortKey("legalName", "legal_name", SortKey.Type.TEXT),
              new SortKey("vendorId", "vendor_id", SortKey.Type.TEXT)),
          ListSpec.Direction.DESC,
          "vendor_id");

  private final JdbcClient jdbc;

  public VendorSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Validates the parameters (one 400 naming every bad one) and builds the page's query. */
  public KeysetQuery query(MultiValueMap<String, String> parameters) {
    ListRequest request = new ListRequest(SPEC, parameters);
    Optional<String> name = request.text("name");
    // Compared in the stored form: upper case without separators (the VAT number as validated,
    // with the country prefix for EU countries; the IBAN in its electronic form).
    Optional<String> vatId =
        request.text("vatId").map(v -> v.replaceAll("[\\s.\\-/]", "").toUpperCase(Locale.ROOT));
    Optional<String> iban = request.text("iban").map(Ibans::normalize);
    Optional<String> category = request.text("category");
    Optional<String> country = request.text("country").map(c -> c.toUpperCase(Locale.ROOT));
    request.validate();
    KeysetQuery query =
        new KeysetQuery(
                request,
                "vendor_id, legal_name, country, vat_id, iban, contact_email, category, risk_tier,"
                    + " application_id, created_at",
                "vendor")
            .where("vendor_id IS NOT NULL")
            .equal("vat_id", vatId)
            .equal("iban", iban)
            .equal("category", category)
            .equal("country", country);
    name.ifPresent(n -> query.where("LOWER(legal_name) LIKE ? ESCAPE '!'", "%" + like(n) + "%"));
    return query;
  }

  /** The text with LIKE's wildcards taken literally, lower case. */
  static String like(String text) {
    return text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  public Page<VendorMaster.Vendor> page(MultiValueMap<String, String> parameters) {
    return query(parameters)
        .page(
            jdbc,
            (rs, n) ->
                new VendorMaster.Vendor(
                    rs.getString("vendor_id"),
                    rs.getString("legal_name"),
                    rs.getString("country"),
                    rs.getString("vat_id"),
                    rs.getString("iban"),
                    rs.getString("contact_email"),
                    rs.getString("category"),
                    rs.getString("risk_tier"),
                    rs.getString("application_id"),
                    rs.getTimestamp("created_at").toInstant()));
  }
}
