package io.handoff.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, plans the engine's queries (task, process, history queries and saved filters, as
 * the Tasklist, Cockpit and the REST API run them) with their parameter values every time.
 *
 * <p>The PostgreSQL driver prepares a statement on the server after its fifth use on a connection,
 * and PostgreSQL may then reuse a generic plan made without the values. For the authorization check
 * of the Tasklist's query ({@code PERMS_ & ? = ?}) that plan reads every grant for every task: 32 s
 * instead of 0.1 s at 10k open tasks. {@code SET LOCAL plan_cache_mode = force_custom_plan} for the
 * query's transaction avoids it. The engine's own statements (starting instances, completing tasks,
 * the job executor) keep their cached plans, which is why this is not a connection-wide setting:
 * planning every statement cost about 15 % of straight-through throughput
 * (docs/benchmark-method.md).
 */
@Component
public class CustomPlansForQueries extends AbstractProcessEnginePlugin {

  static final String SET = "SET LOCAL plan_cache_mode = force_custom_plan";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors =
        configuration.getCustomPostCommandInterceptorsTxRequired() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Queries and saved-filter executions, the commands whose SQL carries authorization checks. */
  static boolean isQuery(Command<?> command) {
    return command instanceof AbstractQuery<?, ?> || command instanceof AbstractExecuteFilterCmd;
  }

  static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (isQuery(command)
          && "postgres".equals(Context.getProcessEngineConfiguration().getDatabaseType())) {
        CommandContext context = Context.getCommandContext();
        Connection connection =
            context.getSession(DbSqlSession.class).getSqlSession().getConnection();
        try (Statement statement = connection.createStatement()) {
          statement.execute(SET);
        } catch (SQLException e) {
          throw new ProcessEngineException("Could not set the query planning mode", e);
        }
      }
      return next.execute(command);
    }
  }
}
