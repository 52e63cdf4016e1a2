package io.handoff.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which database the shared test context runs on (H2 by default, PostgreSQL in its suite). */
public final class Databases {

  private Databases() {}

  public static boolean isPostgres(DataSource dataSource) throws SQLException {
    return productName(dataSource).equals("PostgreSQL");
  }

  public static boolean isH2(DataSource dataSource) throws SQLException {
    return productName(dataSource).equals("H2");
  }

  private static String productName(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName();
    }
  }
}
