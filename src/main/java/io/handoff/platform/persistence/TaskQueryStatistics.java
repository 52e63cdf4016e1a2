package io.handoff.platform.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the Tasklist's task query fast on PostgreSQL with a large backlog.
 *
 * <p>With authorization checks on, the engine joins each task to the authorizations that let the
 * user read it ({@code PERMS_ & 2 = 2} on the task, {@code PERMS_ & 64 = 64} on its process
 * definition). PostgreSQL has no statistics for such bit tests and guesses that 0.5 % of the rows
 * match, while nearly every authorization row is a task's candidate-group grant. With that guess it
 * reads every authorization for every task it looks at (0.18 s at 100k open tasks) instead of
 * looking each task's grants up by the resource index (6 ms). Statistics on the two expressions
 * (PostgreSQL 14 and later) correct the guess; nothing else about the schema changes.
 *
 * <p>Created once, after the engine has created or checked its schema. Where the application's
 * database user may not create statistics, start-up goes on and the log gives the statement for a
 * database administrator; docs/operations.md lists it as well.
 */
@Component
public class TaskQueryStatistics extends AbstractProcessEnginePlugin {

  static final String NAME = "handoff_authorization_perms";
  static final String CREATE =
      "CREATE STATISTICS IF NOT EXISTS "
          + NAME
          + " ON (perms_ & 2), (perms_ & 64), resource_type_ FROM act_ru_authorization";

  private static final Logger LOG = LoggerFactory.getLogger(TaskQueryStatistics.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    try (Connection connection = configuration.getDataSource().getConnection()) {
      if (connection.getMetaData().getDatabaseMajorVersion() < 14) {
        LOG.info("PostgreSQL before 14 has no expression statistics; task query left as it is");
        return;
      }
      if (exists(connection)) {
        return;
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute(CREATE);
        statement.execute("ANALYZE act_ru_authorization");
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      LOG.info("Created statistics {} for the task query's authorization check", NAME);
    } catch (SQLException e) {
      LOG.warn(
          "Could not create the statistics the task query needs with a large backlog ({}); a"
              + " database administrator can run: {}; ANALYZE act_ru_authorization",
          e.getMessage(),
          CREATE);
    }
  }

  static boolean exists(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT 1 FROM pg_statistic_ext WHERE stxname = '" + NAME + "'")) {
      return rows.next();
    }
  }
}
