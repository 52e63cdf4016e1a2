package io.handoff.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.support.HandoffSpringTest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two commands on one process instance at the same moment, in the real engine on the test database
 * (H2, or PostgreSQL in its suite): one adds an execution to a sub-process, the other ends the
 * sub-process. The one that writes second is refused as a concurrent change (409 on every REST
 * surface, a retry for the job executor), whichever it is, and leaves the instance as the first
 * left it; tried again, it runs on what the first one wrote.
 */
@HandoffSpringTest
class ConcurrentDeleteTest {

  private static final String PROCESS = "concurrent-delete-probe";
  private static volatile boolean deployed;

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final CountDownLatch release = new CountDownLatch(1);

  /** One row of the engine's runtime execution table. */
  record ExecutionRow(String id, String parentId, String activityId, int revision) {}

  @BeforeEach
  void deployProbe() {
    if (deployed) {
      return;
    }
    // The shape of the incident's "Work incident": parallel branches in a sub-process, one of
    // them ending it with a terminate event, the others waiting at a task or a timer.
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(PROCESS)
            .name("Concurrent delete probe")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .subProcess("WorkSubProcess")
            .embeddedSubProcess()
            .startEvent()
            .parallelGateway("SplitGateway")
            .userTask("EndTask")
            .endEvent("EndAllEvent")
            .moveToNode("SplitGateway")
            .userTask("MoveOnTask")
            .intermediateCatchEvent("LaterEvent")
            .timerWithDuration("PT30M")
            .endEvent()
            .moveToNode("SplitGateway")
            .intermediateCatchEvent("WatchEvent")
            .timerWithDuration("PT4H")
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done();
    EndEvent endAll = model.getModelElementById("EndAllEvent");
    endAll.getEventDefinitions().add(model.newInstance(TerminateEventDefinition.class));
    repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn", model).deploy();
    deployed = true;
  }

  @AfterEach
  void stopPool() {
    release.countDown();
    pool.shutdownNow();
  }

  /**
   * The resolver's completion ends the sub-process while an operator starts another token in it:
   * the completion writes second and is refused, and the instance keeps what the operator did.
   */
  @Test
  void endingAScopeThatAnotherCommandAddedToMeanwhileIsRefusedAndChangesNothing() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS);
    Task ending = task(instance, "EndTask");

    Future<Object> ender = writeAfter(() -> taskService.complete(ending.getId()));
    startAnotherToken(instance);
    List<ExecutionRow> afterAdding = executions(instance);
    release.countDown();

    assertThatThrownBy(() -> ender.get(30, TimeUnit.SECONDS))
        .as("the ending, written second")
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OptimisticLockingException.class);
    assertThat(executions(instance))
        .as("executions as the other command left them")
        .isEqualTo(afterAdding);
    assertThat(taskService.createTaskQuery().taskId(ending.getId()).count())
        .as("the refused completion's task is still open")
        .isOne();
    assertThat(tasks(instance, "MoveOnTask")).as("both tokens of the other command").isEqualTo(2);

    // Tried again, the ending goes through and ends the instance.
    taskService.complete(ending.getId());
    assertThat(executions(instance)).as("the instance has ended").isEmpty();
  }

  /** The same two commands the other way round: the addition writes second and is refused. */
  @Test
  void addingToAScopeThatAnotherCommandEndedMeanwhileIsRefusedAndChangesNothing() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS);
    Task ending = task(instance, "EndTask");

    Future<Object> adder = writeAfter(() -> startAnotherToken(instance));
    taskService.complete(ending.getId());
    release.countDown();

    assertThatThrownBy(() -> adder.get(30, TimeUnit.SECONDS))
        .as("the addition, written second")
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OptimisticLockingException.class);
    assertThat(executions(instance)).as("the instance has ended, nothing added").isEmpty();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count())
        .as("no task of the refused addition")
        .isZero();
  }

  /**
   * Runs {@code change} in a command of its own that reads and changes the instance in memory, and
   * writes only once {@link #release} is counted down; returns when it has read.
   */
  private Future<Object> writeAfter(Runnable change) throws InterruptedException {
    CountDownLatch read = new CountDownLatch(1);
    Future<Object> writer =
        pool.submit(
            () ->
                commands()
                    .execute(
                        context -> {
                          change.run();
                          read.countDown();
                          awaitQuietly(release);
                          return null;
                        }));
    assertThat(read.await(30, TimeUnit.SECONDS)).as("the held command has read").isTrue();
    return writer;
  }

  /** What an operator does in Cockpit: another token before a task of the sub-process. */
  private void startAnotherToken(ProcessInstance instance) {
    runtimeService
        .createProcessInstanceModification(instance.getId())
        .startBeforeActivity("MoveOnTask")
        .execute();
  }

  private long tasks(ProcessInstance instance, String activityId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(activityId)
        .count();
  }

  private List<ExecutionRow> executions(ProcessInstance instance) {
    return jdbc.sql(
            "select ID_, PARENT_ID_, ACT_ID_, REV_ from ACT_RU_EXECUTION"
                + " where PROC_INST_ID_ = ? order by ID_")
        .param(instance.getId())
        .query(
            (rs, n) ->
                new ExecutionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
        .list();
  }

  private Task task(ProcessInstance instance, String activityId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(activityId)
        .singleResult();
  }

  private org.camunda.bpm.engine.impl.interceptor.CommandExecutor commands() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
