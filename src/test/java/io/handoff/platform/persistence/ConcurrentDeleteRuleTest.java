package io.handoff.platform.persistence;

import static io.handoff.platform.persistence.ConcurrentDeletePlugin.deleteOfNewlyReferencedExecution;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation.State;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

/**
 * Which failed database operations {@link ConcurrentDeletePlugin} counts as a concurrent change:
 * only the delete of an execution refused by a foreign key, with the engine's own switch on, and
 * not when the engine already skips it because an operation it depends on failed.
 */
class ConcurrentDeleteRuleTest {

  /** What PostgreSQL's driver reports for the failed delete of a batch. */
  private static final PersistenceException FOREIGN_KEY =
      failure(
          new SQLException(
              "ERROR: update or delete on table \"act_ru_execution\" violates foreign key"
                  + " constraint \"act_fk_exe_parent\" on table \"act_ru_execution\"",
              "23503"));

  /** What H2 reports for the same refusal. */
  private static final PersistenceException FOREIGN_KEY_H2 =
      failure(
          new SQLException(
              "Referential integrity constraint violation: \"ACT_FK_EXE_PARENT: PUBLIC.ACT_RU_EXECUTION"
                  + " FOREIGN KEY(PARENT_ID_) REFERENCES PUBLIC.ACT_RU_EXECUTION(ID_)\"",
              "23503",
              23503));

  private static final PersistenceException UNIQUE_KEY =
      failure(
          new SQLException(
              "ERROR: duplicate key value violates unique constraint \"act_ru_execution_pkey\"",
              "23505"));

  @Test
  void theDeleteOfAnExecutionRefusedByAForeignKeyIsAConcurrentChange() {
    assertThat(deleteOfNewlyReferencedExecution(delete(new ExecutionEntity()), FOREIGN_KEY, true))
        .isTrue();
    assertThat(
            deleteOfNewlyReferencedExecution(delete(new ExecutionEntity()), FOREIGN_KEY_H2, true))
        .isTrue();
    BatchUpdateException batch = new BatchUpdateException("Batch entry 6 was aborted", new int[0]);
    batch.setNextException((SQLException) FOREIGN_KEY.getCause());
    assertThat(
            deleteOfNewlyReferencedExecution(delete(new ExecutionEntity()), failure(batch), true))
        .as("the driver's batch exception with the violation as its next exception")
        .isTrue();
  }

  @Test
  void theEngineSwitchTurnsTheRuleOff() {
    assertThat(deleteOfNewlyReferencedExecution(delete(new ExecutionEntity()), FOREIGN_KEY, false))
        .isFalse();
  }

  @Test
  void otherEntitiesOperationsAndViolationsStayErrors() {
    assertThat(deleteOfNewlyReferencedExecution(delete(new TaskEntity()), FOREIGN_KEY, true))
        .as("a task")
        .isFalse();
    assertThat(deleteOfNewlyReferencedExecution(delete(new ByteArrayEntity()), FOREIGN_KEY, true))
        .as("a byte array")
        .isFalse();
    DbEntityOperation update = delete(new ExecutionEntity());
    update.setOperationType(DbOperationType.UPDATE);
    assertThat(deleteOfNewlyReferencedExecution(update, FOREIGN_KEY, true))
        .as("an update")
        .isFalse();
    assertThat(deleteOfNewlyReferencedExecution(delete(new ExecutionEntity()), UNIQUE_KEY, true))
        .as("a unique key")
        .isFalse();
    assertThat(
            deleteOfNewlyReferencedExecution(
                delete(new ExecutionEntity()), failure(new SQLException("connection reset")), true))
        .as("a lost connection")
        .isFalse();
  }

  @Test
  void aDeleteWhoseOwningOperationFailedIsLeftToTheEngine() {
    DbEntityOperation owner = delete(new ExecutionEntity());
    owner.setState(State.FAILED_ERROR);
    DbEntityOperation dependent = delete(new ExecutionEntity());
    dependent.setDependency(owner);
    assertThat(deleteOfNewlyReferencedExecution(dependent, FOREIGN_KEY, true)).isFalse();

    owner.setState(State.APPLIED);
    assertThat(deleteOfNewlyReferencedExecution(dependent, FOREIGN_KEY, true)).isTrue();
  }

  private static DbEntityOperation delete(DbEntity entity) {
    DbEntityOperation operation = new DbEntityOperation();
    operation.setOperationType(DbOperationType.DELETE);
    operation.setEntity(entity);
    return operation;
  }

  private static PersistenceException failure(SQLException cause) {
    return new PersistenceException("### Error flushing statements.", cause);
  }
}
