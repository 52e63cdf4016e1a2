package io.handoff.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.support.Databases;
import io.handoff.support.HandoffSpringTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PostgreSQL parts run in the PostgreSQL suite ({@code .ci/postgres-suite.sh}). */
@HandoffSpringTest
class CustomPlansForQueriesTest {

  @Autowired DataSource dataSource;
  @Autowired ProcessEngine processEngine;

  @Test
  void aQueryIsPlannedWithItsParameterValues() throws Exception {
    assumePostgres();
    assertThat(new SettingQuery(executor()).list()).containsExactly("force_custom_plan");
  }

  @Test
  void theEngineOwnCommandsKeepPostgresDefaultPlanCaching() throws Exception {
    assumePostgres();
    Command<String> notAQuery = context -> setting(context);
    assertThat(executor().execute(notAQuery)).isEqualTo("auto");
  }

  @Test
  void queriesAndSavedFilterExecutionsAreTheCommandsConcerned() {
    assertThat(CustomPlansForQueries.isQuery(new SettingQuery(executor()))).isTrue();
    assertThat(CustomPlansForQueries.isQuery(new ExecuteFilterCountCmd("a-filter"))).isTrue();
    assertThat(CustomPlansForQueries.isQuery((Command<String>) context -> "x")).isFalse();
  }

  private CommandExecutor executor() {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  private void assumePostgres() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource));
    try (Connection c = dataSource.getConnection()) {}
  }

  static String setting(CommandContext context) {
    Connection c = context.getSession(DbSqlSession.class).getSqlSession().getConnection();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
      rs.next();
      return rs.getString(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A query whose result is the planning mode its own transaction runs with. */
  static final class SettingQuery extends AbstractQuery<SettingQuery, String> {

    SettingQuery(CommandExecutor executor) {
      super(executor);
    }

    @Override
    public long executeCount(CommandContext context) {
      return 1;
    }

    @Override
    public List<String> executeList(CommandContext context, Page page) {
      return List.of(setting(context));
    }
  }
}
