package io.handoff.vendor.store;

import io.handoff.platform.engine.EngineClock;
import io.handoff.vendor.VendorMaster;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vendor master in the platform's own {@code vendor} table, which holds each VAT number and
 * each IBAN once (unique indexes).
 */
@Component
public class JdbcVendorMaster implements VendorMaster {

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  public JdbcVendorMaster(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactionManager);
    // A refused insert is undone to a savepoint, so the caller's transaction (the process step
    // creating the vendor) goes on and can take its modelled path; PostgreSQL would otherwise
    // refuse every further statement of the transaction.
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** {@code VEN-} and the vendor's number, at least six digits. */
  static String vendorId(long number) {
    return String.format("VEN-%06d", number);
  }

  @Override
  public String create(NewVendor v) {
    Optional<Vendor> existing = findByVatIdOrIban(v.vatId(), v.iban());
    if (existing.isPresent()) {
      throw new VendorExistsException(existing.get());
    }
    try {
      return savepoint.execute(status -> insert(v));
    } catch (DuplicateKeyException e) {
      // Created by another transaction at the same moment: its insert committed before ours failed.
      throw new VendorExistsException(findByVatIdOrIban(v.vatId(), v.iban()).orElseThrow(() -> e));
    }
  }

  private String insert(NewVendor v) {
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
        .param("now", EngineClock.timestamp())
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
