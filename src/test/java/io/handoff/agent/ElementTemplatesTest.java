package io.handoff.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.agent.task.AgentTasks;
import io.handoff.support.HandoffSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agent step's element templates, the configured allowed autonomy levels and the implemented
 * agent tasks agree: a level the Modeler offers is never refused at deployment, and a level the
 * platform refuses is never offered.
 */
@HandoffSpringTest
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("processes/.camunda/element-templates");

  @Autowired AgentProperties props;
  @Autowired AgentTasks tasks;

  private static List<JsonNode> agentTemplates() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> templates = new ArrayList<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode template = json.readTree(file.toFile());
        if (template.path("id").asText().startsWith("io.handoff.agent.")) {
          templates.add(template);
        }
      }
    }
    return templates;
  }

  private static Map<String, JsonNode> inputs(JsonNode template) {
    Map<String, JsonNode> inputs = new HashMap<>();
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      if ("camunda:inputParameter".equals(binding.path("type").asText())) {
        inputs.put(binding.get("name").asText(), property);
      }
    }
    return inputs;
  }

  @Test
  void everyConfiguredTaskHasATemplateAndAnImplementation() throws IOException {
    List<String> templated =
        agentTemplates().stream()
            .map(t -> inputs(t).get(AgentStepVariables.AGENT_TASK).get("value").asText())
            .sorted()
            .toList();

    assertThat(templated)
        .containsExactlyElementsOf(props.tasks().keySet().stream().sorted().toList());
    assertThat(tasks.ids()).containsExactlyInAnyOrderElementsOf(props.tasks().keySet());
  }

  @Test
  void templateAutonomyChoicesEqualTheAllowedLevels() throws IOException {
    for (JsonNode template : agentTemplates()) {
      Map<String, JsonNode> inputs = inputs(template);
      String task = inputs.get(AgentStepVariables.AGENT_TASK).get("value").asText();
      List<String> choices = new ArrayList<>();
      inputs
          .get(AgentStepVariables.AUTONOMY)
          .get("choices")
          .forEach(c -> choices.add(c.get("value").asText()));

      assertThat(choices)
          .as("autonomy choices of %s", template.get("id").asText())
          .containsExactlyInAnyOrderElementsOf(props.tasks().get(task).allowedAutonomy());
      assertThat(choices).contains(inputs.get(AgentStepVariables.AUTONOMY).get("value").asText());
    }
  }

  @Test
  void reviewContractDoesNotOfferAutonomous() throws IOException {
    assertThat(props.tasks().get("review-contract").allowedAutonomy())
        .containsExactlyInAnyOrder("supervised", "shadow");
    assertThat(props.tasks().get("classify-incident").allowedAutonomy())
        .containsExactlyInAnyOrder("autonomous", "supervised", "shadow");
  }

  @Test
  void templatesBindTheAgentStepBeanAndEveryInput() throws IOException {
    assertThat(agentTemplates()).hasSize(2);
    for (JsonNode template : agentTemplates()) {
      assertThat(template.get("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
      assertThat(template.get("version").asInt()).isEqualTo(1);
      boolean delegate = false;
      for (JsonNode property : template.get("properties")) {
        if ("camunda:delegateExpression".equals(property.get("binding").path("name").asText())) {
          delegate =
              "${agentStep}".equals(property.get("value").asText())
                  && "Hidden".equals(property.get("type").asText());
        }
      }
      assertThat(delegate).as("hidden ${agentStep} in %s", template.get("id")).isTrue();
      assertThat(inputs(template))
          .containsKeys(
              AgentStepVariables.AGENT_TASK,
              AgentStepVariables.AGENT_MODEL,
              AgentStepVariables.AUTONOMY,
              AgentStepVariables.CONFIDENCE_THRESHOLD,
              AgentStepVariables.AGENT_INPUT,
              AgentStepVariables.RESULT_VARIABLE);
    }
  }
}
