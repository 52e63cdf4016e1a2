package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The incident forms bind to the process's variables and every formRef has its form. */
class IncidentFormsTest {

  static final Path FORMS = Path.of("forms/incident-escalation");
  static final Path BPMN = Path.of("processes/incident-escalation/incident-escalation.bpmn");
  final ObjectMapper json = new ObjectMapper();

  private static Set<String> variableNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : IncidentVariables.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }

  private List<Path> forms() throws IOException {
    try (Stream<Path> s = Files.list(FORMS)) {
      return s.filter(p -> p.toString().endsWith(".form")).sorted().toList();
    }
  }

  @Test
  void everyFormFieldKeyIsAProcessVariable() throws Exception {
    Set<String> variables = variableNames();
    for (Path form : forms()) {
      JsonNode root = json.readTree(form.toFile());
      assertThat(root.get("id").asText() + ".form").isEqualTo(form.getFileName().toString());
      assertThat(root.get("executionPlatformVersion").asText()).isEqualTo("7.24.0");
      List<String> keys = new ArrayList<>();
      root.get("components")
          .forEach(
              c -> {
                if (c.has("key")) {
                  keys.add(c.get("key").asText());
                }
              });
      assertThat(keys).as(form.toString()).isNotEmpty();
      assertThat(variables).as(form.toString()).containsAll(keys);
    }
  }

  @Test
  void everyFormRefOfTheProcessHasItsForm() throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(BPMN.toFile());
    List<String> refs = new ArrayList<>();
    model.getModelElementsByType(UserTask.class).forEach(t -> refs.add(t.getCamundaFormRef()));
    model.getModelElementsByType(StartEvent.class).stream()
        .map(StartEvent::getCamundaFormRef)
        .filter(r -> r != null)
        .forEach(refs::add);
    assertThat(refs).hasSize(8).doesNotContainNull();
    for (String ref : refs) {
      assertThat(FORMS.resolve(ref + ".form")).exists();
    }
  }
}
