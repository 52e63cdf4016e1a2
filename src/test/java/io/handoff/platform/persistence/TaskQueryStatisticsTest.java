package io.handoff.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.support.Databases;
import io.handoff.support.HandoffSpringTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Runs on PostgreSQL in the PostgreSQL suite ({@code .ci/postgres-suite.sh}); skipped on H2. */
@HandoffSpringTest
class TaskQueryStatisticsTest {

  @Autowired DataSource dataSource;
  @Autowired ProcessEngine processEngine;
  @Autowired TaskQueryStatistics statistics;

  @Test
  void onPostgresStartUpCreatesAndAnalyzesTheAuthorizationStatistics() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource));
    try (Connection c = dataSource.getConnection()) {
      assertThat(TaskQueryStatistics.exists(c)).isTrue();
      assertThat(
              count(
                  c,
                  "SELECT count(*) FROM pg_stats_ext_exprs WHERE statistics_name = '"
                      + TaskQueryStatistics.NAME
                      + "'"))
          .as("one row of statistics per expression, present once ANALYZE has run")
          .isEqualTo(2);
    }
  }

  @Test
  void onPostgresARestartFindsTheStatisticsAndLeavesThemAlone() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource));
    try (Connection c = dataSource.getConnection()) {
      long oid =
          count(
              c,
              "SELECT oid FROM pg_statistic_ext WHERE stxname = '"
                  + TaskQueryStatistics.NAME
                  + "'");
      statistics.postProcessEngineBuild(processEngine);
      assertThat(
              count(
                  c,
                  "SELECT oid FROM pg_statistic_ext WHERE stxname = '"
                      + TaskQueryStatistics.NAME
                      + "'"))
          .isEqualTo(oid);
    }
  }

  @Test
  void onPostgresConnectionsRunWithoutJustInTimeCompilation() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource));
    try (Connection c = dataSource.getConnection()) {
      assertThat(setting(c, "jit")).isEqualTo("off");
    }
  }

  private static String setting(Connection c, String name) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + name)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  void onH2NothingIsCreated() throws Exception {
    assumeTrue(Databases.isH2(dataSource));
    try (Connection c = dataSource.getConnection()) {
      statistics.postProcessEngineBuild(processEngine);
      assertThat(
              count(
                  c,
                  "SELECT count(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME ="
                      + " 'ACT_RU_AUTHORIZATION'"))
          .as("the engine's schema is there and start-up went on")
          .isEqualTo(1);
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
