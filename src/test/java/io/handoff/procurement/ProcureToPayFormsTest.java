package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * The forms the user tasks reference exist, target Camunda 7.24 and bind only to process variables
 * the process defines.
 */
class ProcureToPayFormsTest {

  static final Path FORMS = Path.of("forms/procure-to-pay");
  static final Path BPMN = Path.of("processes/procure-to-pay/invoice-three-way-match.bpmn");

  static Set<String> variableNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : InvoiceVariables.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }

  @Test
  void everyUserTaskFormExistsAndBindsOnlyProcessVariables() throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(BPMN.toFile());
    Set<String> variables = variableNames();
    ObjectMapper json = new ObjectMapper();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String formRef = task.getCamundaFormRef();
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      JsonNode form = json.readTree(Files.readString(FORMS.resolve(formRef + ".form")));
      assertThat(form.get("id").asText()).isEqualTo(formRef);
      assertThat(form.get("schemaVersion").asInt()).isEqualTo(16);
      assertThat(form.get("executionPlatformVersion").asText()).isEqualTo("7.24.0");
      for (JsonNode component : form.get("components")) {
        if (component.has("key")) {
          assertThat(variables).contains(component.get("key").asText());
        }
        if (component.has("dataSource")) {
          assertThat(variables).contains(component.get("dataSource").asText().substring(1));
        }
      }
    }
  }

  @Test
  void decisionsOnTheFormsAreRequired() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode exception =
        json.readTree(Files.readString(FORMS.resolve("resolve-match-exception.form")));
    JsonNode approval = json.readTree(Files.readString(FORMS.resolve("approve-invoice.form")));
    assertThat(required(exception))
        .containsExactlyInAnyOrder("exceptionOutcome", "exceptionReason");
    assertThat(required(approval)).containsExactlyInAnyOrder("approvalDecision", "approvalComment");
  }

  @Test
  void theRejectionReasonIsShownAndRequiredOnlyWhenRejecting() throws IOException {
    JsonNode approval =
        new ObjectMapper().readTree(Files.readString(FORMS.resolve("approve-invoice.form")));
    JsonNode reason = component(approval, "approvalComment");
    JsonNode note = component(approval, "approvalNote");
    assertThat(reason.path("validate").path("required").asBoolean()).isTrue();
    assertThat(reason.path("conditional").path("hide").asText())
        .isEqualTo("=approvalDecision != \"reject\"");
    assertThat(note.path("validate").path("required").asBoolean(false)).isFalse();
    assertThat(note.path("conditional").path("hide").asText())
        .isEqualTo("=approvalDecision = \"reject\"");
  }

  private static JsonNode component(JsonNode form, String key) {
    for (JsonNode c : form.get("components")) {
      if (key.equals(c.path("key").asText())) {
        return c;
      }
    }
    throw new AssertionError("no field " + key);
  }

  private static Set<String> required(JsonNode form) {
    Set<String> keys = new HashSet<>();
    for (JsonNode c : form.get("components")) {
      if (c.path("validate").path("required").asBoolean(false)) {
        keys.add(c.get("key").asText());
      }
    }
    return keys;
  }
}
