package io.handoff.platform.persistence;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.HasDbRevision;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.db.sql.BatchDbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.db.sql.SimpleDbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.springframework.stereotype.Component;

/**
 * Makes the engine answer a delete that another transaction's insert got in the way of as the
 * concurrent change it is, an {@code OptimisticLockingException}, not a persistence error.
 *
 * <p>Two commands on one process instance at the same moment: one completes a task in a parallel
 * branch and adds an execution under the branch's scope (a major incident declared), the other ends
 * the scope and deletes its execution (the incident resolved). Whichever commits second must fail.
 * The engine already counts it a concurrent change when the insert comes second (its parent row is
 * gone), but when the delete comes second PostgreSQL refuses it with a foreign-key violation (the
 * new child row refers to it), which the engine reports as a failed flush: a 500 on engine REST and
 * in the Tasklist, and a lost retry for a job. The engine deletes an execution's children in the
 * same flush before the execution, so a row that still refers to a revisioned entity being deleted
 * can only have been written by another transaction: this plugin counts that violation as a
 * concurrent change, on the same switch that governs the insert case ({@code
 * enableOptimisticLockingOnForeignKeyViolation}). Callers then retry or answer 409, as for any
 * other concurrent change; the job executor retries without counting it against the job.
 */
@Component
public class ConcurrentDeletePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    DbSqlSessionFactory engineFactory = configuration.getDbSqlSessionFactory();
    boolean batch = configuration.isJdbcBatchProcessing();
    // Sessions keep the engine's own factory for statements and settings; only the type differs.
    configuration
        .getSessionFactories()
        .put(
            DbSqlSession.class,
            new SessionFactory() {
              @Override
              public Class<?> getSessionType() {
                return DbSqlSession.class;
              }

              @Override
              public Session openSession() {
                return batch ? new BatchSession(engineFactory) : new SimpleSession(engineFactory);
              }
            });
  }

  /**
   * Whether a failed operation is the delete of a revisioned row that a row written by another
   * transaction now refers to.
   */
  static boolean deleteOfNewlyReferencedRow(DbOperation operation, PersistenceException failure) {
    return operation instanceof DbEntityOperation entityOperation
        && DbOperationType.DELETE.equals(operation.getOperationType())
        && entityOperation.getEntity() instanceof HasDbRevision
        && ExceptionUtil.checkForeignKeyConstraintViolation(failure)
        && Context.getCommandContext() != null
        && Context.getCommandContext()
            .getProcessEngineConfiguration()
            .isEnableOptimisticLockingOnForeignKeyViolation();
  }

  /** The engine's session that sends its statements in JDBC batches (the engine's default). */
  static final class BatchSession extends BatchDbSqlSession {
    BatchSession(DbSqlSessionFactory factory) {
      super(factory);
    }

    @Override
    protected boolean isConcurrentModificationException(
        DbOperation failedOperation, PersistenceException cause) {
      return super.isConcurrentModificationException(failedOperation, cause)
          || deleteOfNewlyReferencedRow(failedOperation, cause);
    }
  }

  /** The engine's session statement by statement, where batches are switched off. */
  static final class SimpleSession extends SimpleDbSqlSession {
    SimpleSession(DbSqlSessionFactory factory) {
      super(factory);
    }

    @Override
    protected boolean isConcurrentModificationException(
        DbOperation failedOperation, PersistenceException cause) {
      return super.isConcurrentModificationException(failedOperation, cause)
          || deleteOfNewlyReferencedRow(failedOperation, cause);
    }
  }
}
