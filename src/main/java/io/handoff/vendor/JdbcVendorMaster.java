package io.handoff.vendor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The vendor master in the platform's own {@code vendor} table. */
@Component
public class JdbcVendorMaster implements VendorMaster {

  private final JdbcClient jdbc;

  public JdbcVendorMaster(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code VEN-} and the vendor's number, at least six digits. */
  static String vendorId(long number) {
    return String.format("VEN-%06d", number);
  }

  @Override
  public String create(NewVendor v) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO vendor (legal_name, country, vat_id, iban, contact_email, category,
              risk_tier, application_id, created_at)
            VALUES (:legalName, :country, :vatId, :iban, :email, :category, :tier, :app, :now)
            """)
        .param("legalName", v.legalName())
        .param("country", v.country())
        .param("vatId", v.vatId())
        .param("iban", v.iban())
        .param("email", v.contactEmail())
        .param("category", v.category())
        .param("tier", v.riskTier())
        .param("app", v.applicationId())
        .param("now", VendorApplications.now())
        .update(keys, "vendor_number");
    long number = keys.getKeyAs(Long.class) == null ? 0 : keys.getKeyAs(Long.class);
    String vendorId = vendorId(number);
    jdbc.sql("UPDATE vendor SET vendor_id = :vendorId WHERE vendor_number = :number")
        .param("vendorId", vendorId)
        .param("number", number)
        .update();
    return vendorId;
  }

  @Override
  public Optional<Vendor> find(String vendorId) {
    return jdbc.sql("SELECT * FROM vendor WHERE vendor_id = :id")
        .param("id", vendorId)
        .query(JdbcVendorMaster::map)
        .optional();
  }

  @Override
  public Optional<Vendor> findByVatIdOrIban(String vatId, String iban) {
    return jdbc
        .sql("SELECT * FROM vendor WHERE vat_id = :vatId OR iban = :iban ORDER BY vendor_number")
        .param("vatId", vatId)
        .param("iban", iban)
        .query(JdbcVendorMaster::map)
        .list()
        .stream()
        .findFirst();
  }

  private static Vendor map(ResultSet rs, int row) throws SQLException {
    return new Vendor(
        rs.getString("vendor_id"),
        rs.getString("legal_name"),
        rs.getString("country"),
        rs.getString("vat_id"),
        rs.getString("iban"),
        rs.getString("contact_email"),
        rs.getString("category"),
        rs.getString("risk_tier"),
        rs.getString("application_id"),
        rs.getTimestamp("created_at").toInstant());
  }
}
