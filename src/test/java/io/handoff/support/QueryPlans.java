package io.handoff.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.platform.api.list.KeysetQuery;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL's plan of a list query: with sequential scans priced out, a plan that still scans the
 * table whole means that no index serves the filter. Test tables are small, so the plain plan would
 * prefer a sequential scan whatever the indexes.
 */
public final class QueryPlans {

  private QueryPlans() {}

  /** The plan of the statement, as PostgreSQL's EXPLAIN prints it. */
  public static String plan(
      JdbcClient jdbc, TransactionTemplate transactions, KeysetQuery.Statement statement) {
    return transactions.execute(
        tx -> {
          jdbc.sql("SET LOCAL enable_seqscan = off").update();
          List<String> lines =
              jdbc.sql("EXPLAIN " + statement.sql())
                  .params(statement.parameters())
                  .query(String.class)
                  .list();
          return String.join("\n", lines);
        });
  }

  /**
   * Asserts that an index of the table serves the statement: no sequential scan of it, and, when a
   * column is named, an index condition on that column (not an index walked whole with the filter
   * applied to every row).
   */
  public static void assertIndexed(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KeysetQuery.Statement statement,
      String table,
      String column) {
    String plan = plan(jdbc, transactions, statement);
    assertThat(plan)
        .as("plan of %s", statement.sql())
        .doesNotContain("Seq Scan on " + table)
        .containsPattern("Index (Only )?Scan|Bitmap Index Scan");
    if (column != null) {
      assertThat(plan)
          .as("plan of %s", statement.sql())
          .containsPattern("Index Cond: .*\\b" + column + "\\b");
    }
  }
}
