package io.handoff.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.handoff.support.Databases;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.support.TasklistApi;
import io.restassured.response.Response;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two commands on one process instance at the same moment, in the real engine on the test database
 * (H2, or PostgreSQL in its suite): one adds an execution to a sub-process, the other ends the
 * sub-process. The one that writes second is refused as a concurrent change (409 on every REST
 * surface, a retry for the job executor), whichever it is, and leaves the instance as the first
 * left it; tried again, it runs on what the first one wrote.
 */
@HandoffSpringTest
class ConcurrentDeleteTest extends RestTestSupport {

  private static final String PROCESS = "concurrent-delete-probe";
  private static final String HOLD = "concurrentDeleteHold";

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired ConfigurableListableBeanFactory beans;

  private Hold hold;
  private ch.qos.logback.classic.Logger ruleLog;
  private ListAppender<ILoggingEvent> ruleWarnings;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  /** One row of the engine's runtime execution table. */
  record ExecutionRow(String id, String parentId, String activityId, int revision) {}

  @BeforeEach
  void deployProbe() {
    if (!beans.containsSingleton(HOLD)) {
      beans.registerSingleton(HOLD, new Hold());
    }
    hold = (Hold) beans.getSingleton(HOLD);
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count()
        > 0) {
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
            .camundaExecutionListenerExpression("end", "${" + HOLD + ".run()}")
            .embeddedSubProcess()
            .startEvent()
            .parallelGateway("SplitGateway")
            .userTask("EndTask")
            .camundaCandidateUsers(DemoUsers.SAM)
            .endEvent("EndAllEvent")
            .moveToNode("SplitGateway")
            .userTask("MoveOnTask")
            .camundaTaskListenerExpression("create", "${" + HOLD + ".run()}")
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
  }

  @BeforeEach
  void listenToTheRule() {
    ruleLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ConcurrentDeletePlugin.class);
    ruleWarnings = new ListAppender<>();
    ruleWarnings.start();
    ruleLog.addAppender(ruleWarnings);
  }

  @AfterEach
  void stopPool() {
    ruleLog.detachAppender(ruleWarnings);
    hold.disarm();
    pool.shutdownNow();
  }

  /**
   * Every session of the engine applies the rule: a command's, and one opened on a connection of
   * its own the way {@code ManagementService.databaseSchemaUpgrade} opens it.
   */
  @Test
  void theEngineOpensEverySessionWithTheRule() throws Exception {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Object commandSession = commands().execute(context -> (Object) context.getDbSqlSession());
    assertThat(commandSession).isInstanceOf(ConcurrentDeletePlugin.BatchSession.class);
    DbSqlSessionFactory factory =
        (DbSqlSessionFactory) configuration.getSessionFactories().get(DbSqlSession.class);
    assertThat(factory).isSameAs(configuration.getDbSqlSessionFactory());
    try (Connection connection = dataSource.getConnection()) {
      DbSqlSession session = factory.openSession(connection, null, null);
      try {
        assertThat(session).isInstanceOf(ConcurrentDeletePlugin.BatchSession.class);
        boolean tablesFound = commands().execute(context -> session.isEngineTablePresent());
        assertThat(tablesFound).as("it reads the engine's schema").isTrue();
      } finally {
        session.close();
      }
    }
  }

  /**
   * The resolver's completion ends the sub-process while an operator starts another token in it:
   * the completion writes second and is refused, and the instance keeps what the operator did.
   */
  @Test
  void endingAScopeThatAnotherCommandAddedToMeanwhileIsRefusedAndChangesNothing() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS);
    Task ending = task(instance, "EndTask");

    List<ExecutionRow> afterAdding = new ArrayList<>();
    Future<Object> ender =
        writtenAfter(
            () -> {
              taskService.complete(ending.getId());
              return null;
            },
            () -> {
              startAnotherToken(instance);
              afterAdding.addAll(executions(instance));
            });

    assertThatThrownBy(() -> ender.get(30, TimeUnit.SECONDS))
        .as("the ending, written second")
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(OptimisticLockingException.class);
    assertRefusedEndingChangedNothing(instance, ending, afterAdding);

    // Tried again, the ending goes through and ends the instance.
    taskService.complete(ending.getId());
    assertThat(executions(instance)).as("the instance has ended").isEmpty();
  }

  /** The same two commands the other way round: the addition writes second and is refused. */
  @Test
  void addingToAScopeThatAnotherCommandEndedMeanwhileIsRefusedAndChangesNothing() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS);
    Task ending = task(instance, "EndTask");

    Future<?> adder =
        writtenAfter(
            () -> {
              startAnotherToken(instance);
              return null;
            },
            () -> taskService.complete(ending.getId()));

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
   * The resolver completes the task that ends the sub-process on engine REST while an operator
   * starts another token in it: the completion writes second, 409 problem+json, and nothing of it
   * stays; sent again, it goes through.
   */
  @Test
  void aCompletionOnEngineRestThatWritesSecondIs409AndChangesNothing() throws Exception {
    completionThatWritesSecond(
        taskId ->
            as(DemoUsers.SAM).body(Map.of()).post("/engine-rest/task/" + taskId + "/complete"));
  }

  /** The same through the Tasklist's own API, with the resolver's session and CSRF token. */
  @Test
  void aCompletionInTheTasklistThatWritesSecondIs409AndChangesNothing() throws Exception {
    TasklistApi tasklist = TasklistApi.login(DemoUsers.SAM);
    completionThatWritesSecond(taskId -> tasklist.submitForm(taskId, Map.of()));
  }

  /**
   * An operator's modification on engine REST (what Cockpit sends) that writes after the resolver
   * ended the sub-process: 409 problem+json, no token added.
   */
  @Test
  void aModificationOnEngineRestThatWritesSecondIs409AndAddsNothing() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS);
    Task ending = task(instance, "EndTask");

    Future<Response> modification =
        writtenAfter(
            () ->
                as(DemoUsers.ADMIN)
                    .body(
                        Map.of(
                            "instructions",
                            List.of(
                                Map.of("type", "startBeforeActivity", "activityId", "MoveOnTask"))))
                    .post("/engine-rest/process-instance/" + instance.getId() + "/modification"),
            () -> taskService.complete(ending.getId()));

    Response answer = modification.get(30, TimeUnit.SECONDS);
    assertConcurrentChange(answer);
    assertThat(executions(instance)).as("the instance has ended, nothing added").isEmpty();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count())
        .as("no task of the refused modification")
        .isZero();
  }

  /** What another request does while the held one waits at the probe's hold. */
  private interface Meanwhile {
    void run() throws Exception;
  }

  /**
   * Starts {@code held}, lets it run until the sub-process ends (the probe's hold), does {@code
   * meanwhile}, then lets {@code held} write: {@code held} writes second.
   */
  private <T> Future<T> writtenAfter(Callable<T> held, Meanwhile meanwhile) throws Exception {
    hold.arm();
    Future<T> future = pool.submit(held);
    hold.awaitReached();
    try {
      meanwhile.run();
    } finally {
      hold.release();
    }
    return future;
  }

  private void completionThatWritesSecond(Function<String, Response> complete) throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS);
    Task ending = task(instance, "EndTask");

    List<ExecutionRow> afterAdding = new ArrayList<>();
    Future<Response> completion =
        writtenAfter(
            () -> complete.apply(ending.getId()),
            () -> {
              startAnotherToken(instance);
              afterAdding.addAll(executions(instance));
            });

    assertConcurrentChange(completion.get(30, TimeUnit.SECONDS));
    assertRefusedEndingChangedNothing(instance, ending, afterAdding);

    assertThat(complete.apply(ending.getId()).statusCode()).as("sent again").isIn(200, 204);
    assertThat(executions(instance)).as("the instance has ended").isEmpty();
  }

  private void assertRefusedEndingChangedNothing(
      ProcessInstance instance, Task ending, List<ExecutionRow> afterAdding) throws Exception {
    if (Databases.isPostgres(dataSource)) {
      // PostgreSQL refuses the ending's delete by a foreign key, and the rule made that the
      // concurrent change (on H2 the engine already reports it as one)
      assertThat(ruleWarnings.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .as("the rule counted the refused flush, once")
          .singleElement()
          .asString()
          .contains("refused by a foreign key");
    }
    assertThat(executions(instance))
        .as("executions as the operator left them")
        .isEqualTo(afterAdding);
    assertThat(taskService.createTaskQuery().taskId(ending.getId()).count())
        .as("the refused completion's task is still open")
        .isOne();
    assertThat(tasks(instance, "MoveOnTask")).as("both tokens of the operator").isEqualTo(2);
  }

  private static void assertConcurrentChange(Response answer) {
    assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.jsonPath().getString("type")).endsWith("concurrent-change");
    assertThat(answer.asString()).doesNotContain("Exception", "at org.");
  }

  /**
   * Called by the probe's listeners: the first call after {@link #arm()} waits there, inside the
   * command that reached it (which has read the instance and not yet written), until {@link
   * #release()}; every other call passes.
   */
  public static final class Hold implements Runnable {
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    void arm() {
      reached = new CountDownLatch(1);
      released = new CountDownLatch(1);
      armed.set(true);
    }

    void disarm() {
      armed.set(false);
      released.countDown();
    }

    void awaitReached() throws InterruptedException {
      assertThat(reached.await(30, TimeUnit.SECONDS)).as("the held command has read").isTrue();
    }

    void release() {
      released.countDown();
    }

    @Override
    public void run() {
      if (armed.compareAndSet(true, false)) {
        reached.countDown();
        awaitQuietly(released);
      }
    }
  }

  /** What an operator does in Cockpit: another token before a task of the sub-process. */
  private void startAnotherToken(ProcessInstance instance) {
    runtimeService
        .createProcessInstanceModification(instance.getId())
        .startBeforeActivity("MoveOnTask")
        .execute();
  }

  private long tasks(ProcessInstance instance, String activityId) {
    return tasksAt(instance, activityId).count();
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
    return tasksAt(instance, activityId).singleResult();
  }

  private org.camunda.bpm.engine.task.TaskQuery tasksAt(
      ProcessInstance instance, String activityId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(activityId);
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
