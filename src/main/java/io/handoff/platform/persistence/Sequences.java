package io.handoff.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The SQL expression that takes the next value of a database sequence, in the dialect of the
 * database Handoff runs on (PostgreSQL {@code nextval('s')}, H2 {@code NEXT VALUE FOR s}).
 *
 * <p>Records that must be ordered by when they were written, whatever the engine clock said at the
 * time (tests and simulations move it, nodes' clocks drift), take such a value in the statement
 * that writes them.
 */
@Component
public class Sequences {

  private final boolean postgres;

  public Sequences(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      this.postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }
  }

  /** The expression for the next value of {@code sequence} (a name from our migrations). */
  public String next(String sequence) {
    if (!sequence.matches("[a-z_]+")) {
      throw new IllegalArgumentException("Not a sequence name: " + sequence);
    }
    return postgres ? "nextval('" + sequence + "')" : "NEXT VALUE FOR " + sequence;
  }
}
