package io.handoff.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation.State;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.db.sql.BatchDbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.db.sql.SimpleDbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the engine answer the end of an execution that another transaction has added to meanwhile
 * as the concurrent change it is, an {@code OptimisticLockingException}, not a failed flush.
 *
 * <p>Two commands on one process instance at the same moment: one adds an execution to it (a major
 * incident declared, a token started in Cockpit), the other ends the scope it belongs to (the
 * incident resolved by a terminate event). Whichever writes second must fail. The engine already
 * counts it a concurrent change when the addition writes second (the row it refers to is gone).
 * When the ending writes second, PostgreSQL refuses its delete of an execution with a foreign-key
 * violation, as a row of the other transaction (the new execution, its task or variables) refers to
 * it; and since PostgreSQL's driver reports every statement of the failed batch as failed, the
 * engine no longer sees that a delete of the same batch found its row changed (a revision check
 * that matched nothing), and reports a persistence error: a 500 on engine REST and in the Tasklist,
 * a lost retry and in the end an incident for a job.
 *
 * <p>The engine deletes an execution's children, tasks and variables before the execution, in the
 * same flush, so a row that still refers to an execution being deleted was written by another
 * transaction since the ending read the instance. This plugin counts exactly that, a foreign-key
 * violation on the delete of an execution that no failed operation of the same flush depended on,
 * as a concurrent change, on the switch the engine has for the insert case ({@code
 * enableOptimisticLockingOnForeignKeyViolation}, on by default). The caller then gets 409 or, for a
 * job, a retry that does not count against it. For each flush it counts, the database's message is
 * logged at WARN, so that an engine defect that left a row behind (the same violation on every
 * attempt) does not hide behind "try again".
 */
@Component
public class ConcurrentDeletePlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ConcurrentDeletePlugin.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    RuleSessionFactory sessions =
        new RuleSessionFactory(
            configuration.getDbSqlSessionFactory(), configuration.isJdbcBatchProcessing());
    configuration.setDbSqlSessionFactory(sessions);
    configuration.getSessionFactories().put(DbSqlSession.class, sessions);
  }

  /**
   * Whether a failed operation is the delete of an execution that a row written by another
   * transaction now refers to.
   */
  static boolean deleteOfNewlyReferencedExecution(
      DbOperation operation, PersistenceException failure, boolean enabled) {
    if (!enabled
        || !(operation instanceof DbEntityOperation entityOperation)
        || !DbOperationType.DELETE.equals(operation.getOperationType())
        || !(entityOperation.getEntity() instanceof ExecutionEntity)
        || !ExceptionUtil.checkForeignKeyConstraintViolation(failure)) {
      return false;
    }
    // the engine's own rule for a delete whose owning operation failed comes first
    DbOperation dependency = entityOperation.getDependentOperation();
    return dependency == null
        || dependency.getState() == null
        || dependency.getState() == State.APPLIED;
  }

  private static boolean enabled() {
    return Context.getCommandContext() != null
        && Context.getCommandContext()
            .getProcessEngineConfiguration()
            .isEnableOptimisticLockingOnForeignKeyViolation();
  }

  /**
   * The rule for one session's failed operations; the database's message is logged for the first
   * one it counts (the driver marks every statement of a failed batch with the same failure).
   */
  private static final class SessionRule {
    private boolean counted;

    boolean concurrentDelete(DbOperation operation, PersistenceException failure) {
      if (!deleteOfNewlyReferencedExecution(operation, failure, enabled())) {
        return false;
      }
      if (!counted) {
        counted = true;
        SQLException cause = ExceptionUtil.unwrapException(failure);
        log.warn(
            "A flush was refused by a foreign key on {}: another command added to the process"
                + " instance meanwhile, answered as a concurrent change. The database said: {}",
            operation,
            cause == null ? failure.getMessage() : cause.getMessage());
      }
      return true;
    }
  }

  /**
   * The engine's session factory with the same settings and statements, opening sessions that apply
   * the rule above.
   */
  static final class RuleSessionFactory extends DbSqlSessionFactory {

    private final boolean batch;

    RuleSessionFactory(DbSqlSessionFactory engine, boolean batch) {
      super(batch);
      this.batch = batch;
      setDatabaseType(engine.getDatabaseType());
      setDatabaseTablePrefix(engine.getDatabaseTablePrefix());
      setDatabaseSchema(engine.getDatabaseSchema());
      setSqlSessionFactory(engine.getSqlSessionFactory());
      setIdGenerator(engine.getIdGenerator());
      setDbIdentityUsed(engine.isDbIdentityUsed());
      setDbHistoryUsed(engine.isDbHistoryUsed());
      setCmmnEnabled(engine.isCmmnEnabled());
      setDmnEnabled(engine.isDmnEnabled());
      setStatementMappings(engine.getStatementMappings());
      setInsertStatements(engine.getInsertStatements());
      setUpdateStatements(engine.getUpdateStatements());
      setDeleteStatements(engine.getDeleteStatements());
      setSelectStatements(engine.getSelectStatements());
    }

    @Override
    public Session openSession() {
      return batch ? new BatchSession(this) : new SimpleSession(this);
    }

    @Override
    public DbSqlSession openSession(Connection connection, String catalog, String schema) {
      return batch
          ? new BatchSession(this, connection, catalog, schema)
          : new SimpleSession(this, connection, catalog, schema);
    }
  }

  /** The engine's session that sends its statements in JDBC batches (the engine's default). */
  static final class BatchSession extends BatchDbSqlSession {
    BatchSession(DbSqlSessionFactory factory) {
      super(factory);
    }

    BatchSession(
        DbSqlSessionFactory factory, Connection connection, String catalog, String schema) {
      super(factory, connection, catalog, schema);
    }

    private final SessionRule rule = new SessionRule();

    @Override
    protected boolean isConcurrentModificationException(
        DbOperation failedOperation, PersistenceException cause) {
      return super.isConcurrentModificationException(failedOperation, cause)
          || rule.concurrentDelete(failedOperation, cause);
    }
  }

  /** The engine's session statement by statement, where batches are switched off. */
  static final class SimpleSession extends SimpleDbSqlSession {
    SimpleSession(DbSqlSessionFactory factory) {
      super(factory);
    }

    SimpleSession(
        DbSqlSessionFactory factory, Connection connection, String catalog, String schema) {
      super(factory, connection, catalog, schema);
    }

    private final SessionRule rule = new SessionRule();

    @Override
    protected boolean isConcurrentModificationException(
        DbOperation failedOperation, PersistenceException cause) {
      return super.isConcurrentModificationException(failedOperation, cause)
          || rule.concurrentDelete(failedOperation, cause);
    }
  }
}
