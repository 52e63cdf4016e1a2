package io.handoff.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.LongTexts;
import io.handoff.support.RestTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * String variables of any length, in the real engine on the test database (H2, or PostgreSQL in its
 * suite): short ones stored exactly as the engine stores them, long ones in the variable's byte
 * array, with the same type everywhere the engine shows them, and the byte array following every
 * change, deletion and history clean-up.
 */
@HandoffSpringTest
class LongStringVariablesTest extends RestTestSupport {

  private static final String PROCESS = "long-text-probe";
  private static final String VARIABLE = "text";
  private static volatile boolean deployed;

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;

  /** One row of the engine's variable tables, as stored. */
  record Stored(String type, String text, String byteArrayId) {}

  @BeforeEach
  void deployProbe() {
    if (deployed) {
      return;
    }
    // History is removed as soon as an instance ends, so the clean-up test need not move the clock.
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(PROCESS)
            .name("Long text probe")
            .camundaHistoryTimeToLive(0)
            .startEvent()
            .userTask("WaitTask")
            .name("Wait")
            .endEvent()
            .done();
    repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn", model).deploy();
    deployed = true;
  }

  @Test
  void stringOverFourThousandCharactersRoundTripsInFullAsAnOrdinaryString() {
    String text = LongTexts.of(200_000, "round trip");
    ProcessInstance pi = start(text);

    StringValue read = runtimeService.getVariableTyped(pi.getId(), VARIABLE);
    assertThat(read.getType()).isEqualTo(ValueType.STRING);
    assertThat(read.getValue()).hasSize(200_000).isEqualTo(text);
    assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).list())
        .singleElement()
        .satisfies(v -> assertThat(v.getValue()).isEqualTo(text));
    Stored runtime = runtimeRow(pi.getId());
    assertThat(runtime.type()).isEqualTo("string");
    assertThat(runtime.text()).isNull();
    assertThat(bytes(runtime.byteArrayId())).isEqualTo(text);

    HistoricVariableInstance history = historicVariable(pi.getId());
    assertThat(history.getTypeName()).isEqualTo("string");
    assertThat(history.getValue()).isEqualTo(text);
    Stored historic = historicRow(pi.getId());
    assertThat(historic.byteArrayId()).isNotNull().isNotEqualTo(runtime.byteArrayId());
    assertThat(bytes(historic.byteArrayId())).isEqualTo(text);
  }

  @Test
  void stringOfFourThousandCharactersIsStoredAsTheEngineStoresIt() {
    String text = LongTexts.of(LongStringValueSerializer.TEXT_COLUMN_LENGTH, "short");
    ProcessInstance pi = start(text);

    assertThat(runtimeRow(pi.getId())).isEqualTo(new Stored("string", text, null));
    assertThat(historicRow(pi.getId())).isEqualTo(new Stored("string", text, null));
    assertThat((String) runtimeService.getVariable(pi.getId(), VARIABLE)).isEqualTo(text);
  }

  @Test
  void emptyAndNullStringsStayAsTheEngineStoresThem() {
    ProcessInstance empty = start("");
    assertThat((String) runtimeService.getVariable(empty.getId(), VARIABLE)).isEmpty();
    assertThat(runtimeRow(empty.getId()).byteArrayId()).isNull();

    ProcessInstance nothing =
        runtimeService.startProcessInstanceByKey(
            PROCESS, Map.of(VARIABLE, Variables.stringValue(null)));
    StringValue read = runtimeService.getVariableTyped(nothing.getId(), VARIABLE);
    assertThat(read.getType()).isEqualTo(ValueType.STRING);
    assertThat(read.getValue()).isNull();
  }

  @Test
  void goingFromLongToShortAndBackLeavesNoByteArrayBehind() {
    String long1 = LongTexts.of(6_000, "first");
    ProcessInstance pi = start(long1);
    String firstRuntime = runtimeRow(pi.getId()).byteArrayId();
    String firstHistoric = historicRow(pi.getId()).byteArrayId();

    runtimeService.setVariable(pi.getId(), VARIABLE, "now short: ü € 契約 📄");
    assertThat(runtimeRow(pi.getId()))
        .isEqualTo(new Stored("string", "now short: ü € 契約 📄", null));
    assertThat(historicRow(pi.getId()))
        .isEqualTo(new Stored("string", "now short: ü € 契約 📄", null));
    assertThat(byteArrayExists(firstRuntime)).isFalse();
    assertThat(byteArrayExists(firstHistoric)).isFalse();

    String long2 = LongTexts.of(9_000, "second");
    runtimeService.setVariable(pi.getId(), VARIABLE, long2);
    assertThat((String) runtimeService.getVariable(pi.getId(), VARIABLE)).isEqualTo(long2);
    assertThat(bytes(runtimeRow(pi.getId()).byteArrayId())).isEqualTo(long2);
    assertThat(historicVariable(pi.getId()).getValue()).isEqualTo(long2);

    String long3 = LongTexts.of(7_000, "third");
    runtimeService.setVariable(pi.getId(), VARIABLE, long3);
    assertThat((String) runtimeService.getVariable(pi.getId(), VARIABLE)).isEqualTo(long3);
    assertThat(historicVariable(pi.getId()).getValue()).isEqualTo(long3);
    assertThat(byteArraysOf(pi.getId())).hasSize(2); // one at run time, one in history
  }

  @Test
  void longThenShortWithinOneCommandWritesNoByteArray() {
    ProcessInstance pi = start("before");
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(
            ctx -> {
              ExecutionEntity execution = ctx.getExecutionManager().findExecutionById(pi.getId());
              execution.setVariable(VARIABLE, LongTexts.of(5_000, "transient"));
              execution.setVariable(VARIABLE, "after");
              return null;
            });
    assertThat(runtimeRow(pi.getId())).isEqualTo(new Stored("string", "after", null));
    assertThat(byteArraysOf(pi.getId())).isEmpty();
  }

  @Test
  void deletingTheVariableOrTheInstanceDeletesItsByteArrays() {
    String text = LongTexts.of(6_000, "deleted variable");
    ProcessInstance pi = start(text);
    String runtime = runtimeRow(pi.getId()).byteArrayId();
    runtimeService.removeVariable(pi.getId(), VARIABLE);
    assertThat(byteArrayExists(runtime)).isFalse();
    // As for any variable, history keeps the last value of a deleted one.
    assertThat(historicVariable(pi.getId()).getValue()).isEqualTo(text);
    historyService.deleteHistoricVariableInstance(historicVariable(pi.getId()).getId());

    ProcessInstance other = start(LongTexts.of(6_000, "deleted instance"));
    runtimeService.deleteProcessInstance(other.getId(), "test");
    historyService.deleteHistoricProcessInstance(other.getId());
    assertThat(byteArraysOf(other.getId())).isEmpty();
    assertThat(byteArraysOf(pi.getId())).isEmpty();
  }

  @Test
  void historyCleanupRemovesTheByteArraysOfEndedInstances() {
    ProcessInstance pi = start(LongTexts.of(6_000, "cleaned up"));
    taskService.complete(
        taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId());
    assertThat(byteArraysOf(pi.getId())).hasSize(1); // history only: the instance has ended

    historyService.cleanUpHistoryAsync(true);
    for (Job job : historyService.findHistoryCleanupJobs()) {
      managementService.executeJob(job.getId());
    }
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()))
        .satisfies(q -> assertThat(q.count()).isZero());
    assertThat(byteArraysOf(pi.getId())).isEmpty();
  }

  @Test
  void engineRestShowsTheLongVariableAsAStringInFull() {
    String text = LongTexts.of(12_000, "engine rest");
    ProcessInstance pi = start(text);
    as(DemoUsers.ADMIN)
        .get("/engine-rest/process-instance/{id}/variables/{name}", pi.getId(), VARIABLE)
        .then()
        .statusCode(200)
        .body("type", equalTo("String"))
        .body("value", equalTo(text));
    as(DemoUsers.ADMIN)
        .get("/engine-rest/history/variable-instance?processInstanceId={id}", pi.getId())
        .then()
        .statusCode(200)
        .body("[0].type", equalTo("String"))
        .body("[0].value", equalTo(text));
  }

  @Test
  void aQueryForAValueOverFourThousandCharactersIsRefusedNotAnsweredWithNothing() {
    String text = LongTexts.of(6_000, "queried");
    start(text);
    assertThatThrownBy(
            () ->
                runtimeService
                    .createVariableInstanceQuery()
                    .variableValueEquals(VARIABLE, text)
                    .list())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("up to 4000 characters");

    ProcessInstance shortOne = start("short and queried ü");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS)
                .variableValueEquals(VARIABLE, "short and queried ü")
                .list())
        .extracting(ProcessInstance::getId)
        .containsExactly(shortOne.getId());
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstance start(String text) {
    return runtimeService.startProcessInstanceByKey(PROCESS, Map.of(VARIABLE, text));
  }

  private HistoricVariableInstance historicVariable(String processInstanceId) {
    return historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId)
        .variableName(VARIABLE)
        .includeDeleted()
        .singleResult();
  }

  private Stored runtimeRow(String processInstanceId) {
    return jdbc.sql(
            "SELECT type_, text_, bytearray_id_ FROM act_ru_variable"
                + " WHERE proc_inst_id_ = ? AND name_ = ?")
        .params(processInstanceId, VARIABLE)
        .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
        .single();
  }

  private Stored historicRow(String processInstanceId) {
    return jdbc.sql(
            "SELECT var_type_, text_, bytearray_id_ FROM act_hi_varinst"
                + " WHERE proc_inst_id_ = ? AND name_ = ?")
        .params(processInstanceId, VARIABLE)
        .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
        .single();
  }

  private String bytes(String byteArrayId) {
    return jdbc.sql("SELECT bytes_ FROM act_ge_bytearray WHERE id_ = ?")
        .param(byteArrayId)
        .query((rs, n) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8))
        .single();
  }

  private boolean byteArrayExists(String byteArrayId) {
    return jdbc.sql("SELECT COUNT(*) FROM act_ge_bytearray WHERE id_ = ?")
            .param(byteArrayId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Byte arrays of the instance, at run time (by its variables) and in history (by its root). */
  private List<String> byteArraysOf(String processInstanceId) {
    return jdbc.sql(
            "SELECT id_ FROM act_ge_bytearray WHERE root_proc_inst_id_ = ?"
                + " OR id_ IN (SELECT bytearray_id_ FROM act_ru_variable WHERE proc_inst_id_ = ?)")
        .params(processInstanceId, processInstanceId)
        .query(String.class)
        .list();
  }
}
