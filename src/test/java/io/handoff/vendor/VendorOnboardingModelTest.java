package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagram, its forms and element templates fit together: every form exists with the id the BPMN
 * references and binds only process variables; every service task uses a template that sets the
 * same delegate and declares the task's input parameters.
 */
class VendorOnboardingModelTest {

  static final Path BPMN = Path.of("processes/vendor-onboarding/vendor-onboarding.bpmn");
  static final Path FORMS = Path.of("forms/vendor-onboarding");
  static final Path TEMPLATES = Path.of("processes/.camunda/element-templates");
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final ObjectMapper JSON = new ObjectMapper();

  static BpmnModelInstance model;
  static Map<String, JsonNode> formsById = new HashMap<>();
  static Map<String, JsonNode> templatesById = new HashMap<>();

  @BeforeAll
  static void read() throws IOException {
    model = Bpmn.readModelFromFile(BPMN.toFile());
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path f : files.toList()) {
        JsonNode form = JSON.readTree(f.toFile());
        formsById.put(form.get("id").asText(), form);
      }
    }
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode template = JSON.readTree(f.toFile());
        templatesById.put(template.get("id").asText(), template);
      }
    }
  }

  static Set<String> variableNames() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : VendorOnboardingVariables.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }

  @Test
  void everyUserTaskAndTheStartEventUseADeployedCamundaForm() {
    List<FlowElement> withForms = new ArrayList<>(model.getModelElementsByType(UserTask.class));
    withForms.addAll(model.getModelElementsByType(StartEvent.class));
    assertThat(withForms).hasSize(formsById.size());
    for (FlowElement element : withForms) {
      String formRef = element.getAttributeValueNs(CAMUNDA, "formRef");
      assertThat(formRef).as(element.getId()).isNotNull();
      assertThat(element.getAttributeValueNs(CAMUNDA, "formRefBinding"))
          .as(element.getId())
          .isEqualTo("deployment");
      assertThat(formsById).as(element.getId()).containsKey(formRef);
    }
  }

  @Test
  void formFieldsBindProcessVariables() throws IllegalAccessException {
    Set<String> variables = variableNames();
    formsById.forEach(
        (id, form) -> {
          assertThat(form.get("schemaVersion").asInt()).isEqualTo(16);
          assertThat(form.get("executionPlatformVersion").asText()).isEqualTo("7.24.0");
          for (JsonNode component : form.get("components")) {
            if (component.has("key")) {
              assertThat(variables).as(id).contains(component.get("key").asText());
            }
          }
        });
  }

  @Test
  void everyServiceTaskUsesItsElementTemplate() {
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      String templateId = task.getAttributeValueNs(CAMUNDA, "modelerTemplate");
      assertThat(templatesById).as(task.getId()).containsKey(templateId);
      JsonNode template = templatesById.get(templateId);
      Set<String> declaredInputs = new HashSet<>();
      String delegate = null;
      for (JsonNode property : template.get("properties")) {
        JsonNode binding = property.get("binding");
        if ("camunda:delegateExpression".equals(binding.path("name").asText())) {
          delegate = property.get("value").asText();
        }
        if ("camunda:inputParameter".equals(binding.get("type").asText())) {
          declaredInputs.add(binding.get("name").asText());
        }
      }
      assertThat(task.getCamundaDelegateExpression()).as(task.getId()).isEqualTo(delegate);
      List<String> taskInputs =
          task.getExtensionElements() == null
              ? List.of()
              : task
                  .getExtensionElements()
                  .getElementsQuery()
                  .filterByType(
                      org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class)
                  .list()
                  .stream()
                  .flatMap(io -> io.getCamundaInputParameters().stream())
                  .map(CamundaInputParameter::getCamundaName)
                  .toList();
      assertThat(declaredInputs).as(task.getId()).containsAll(taskInputs);
      assertThat(task.getAttributeValueNs(CAMUNDA, "modelerTemplateVersion"))
          .as(task.getId())
          .isEqualTo(template.get("version").asText());
    }
  }
}
