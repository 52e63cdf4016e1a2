package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every BPMN/DMN file under processes/ opens laid out in Camunda Modeler and targets Camunda
 * Platform 7.24: it parses, has a shape for every flow node and an edge for every sequence flow (a
 * DRD shape for every decision), declares the execution platform and version, and has a
 * historyTimeToLive. DMN tables declare a hit policy, typed inputs and outputs and an annotation on
 * every rule.
 */
class ModelerReadinessTest {

  static final Path PROCESSES = Path.of("processes");
  static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn";
  static final String PLATFORM = "Camunda Platform";
  static final String VERSION = "7.24.0";

  static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(PROCESSES)) {
      return s.filter(p -> p.toString().endsWith(suffix))
          .filter(p -> !p.toString().contains(".camunda"))
          .sorted()
          .toList();
    }
  }

  @Test
  void thereAreProcessesToCheck() throws IOException {
    assertThat(files(".bpmn")).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyBpmnFileIsModelerReady() throws IOException {
    return files(".bpmn").stream()
        .map(
            p ->
                DynamicTest.dynamicTest(p.toString(), () -> assertThat(bpmnProblems(p)).isEmpty()));
  }

  @TestFactory
  Stream<DynamicTest> everyDmnFileIsModelerReady() throws IOException {
    return files(".dmn").stream()
        .map(
            p -> DynamicTest.dynamicTest(p.toString(), () -> assertThat(dmnProblems(p)).isEmpty()));
  }

  @Test
  void theCheckFindsAMissingShapeAndMissingPlatform() throws IOException {
    String xml =
        Files.readString(Path.of("src/test/resources/bpmn/two-team-tasks.bpmn"))
            .replace(" modeler:executionPlatformVersion=\"7.24.0\"", "")
            .replaceAll("<bpmndi:BPMNShape id=\"JoinGateway_di\"[^\n]*\n", "")
            .replace(" camunda:historyTimeToLive=\"P1D\"", "");
    Path broken = Files.createTempFile("broken", ".bpmn");
    Files.writeString(broken, xml);
    assertThat(bpmnProblems(broken))
        .anyMatch(p -> p.contains("JoinGateway"))
        .anyMatch(p -> p.contains("executionPlatformVersion"))
        .anyMatch(p -> p.contains("historyTimeToLive"));
  }

  static List<String> bpmnProblems(Path file) {
    List<String> problems = new ArrayList<>();
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Bpmn.validateModel(model);
    platformProblems(model.getDocument().getRootElement(), problems);
    Set<String> shaped =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(s -> s.getBpmnElement() == null ? "" : s.getBpmnElement().getId())
            .collect(Collectors.toSet());
    Set<String> edged =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(e -> e.getBpmnElement() == null ? "" : e.getBpmnElement().getId())
            .collect(Collectors.toSet());
    missing(model.getModelElementsByType(FlowNode.class), shaped, "shape", problems);
    missing(model.getModelElementsByType(SequenceFlow.class), edged, "edge", problems);
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()
          && process.getAttributeValueNs(CAMUNDA_NS, "historyTimeToLive") == null) {
        problems.add("process " + process.getId() + " has no camunda:historyTimeToLive");
      }
    }
    return problems;
  }

  static List<String> dmnProblems(Path file) {
    List<String> problems = new ArrayList<>();
    DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
    Dmn.validateModel(model);
    platformProblems(model.getDocument().getRootElement(), problems);
    Set<String> shaped = new java.util.HashSet<>();
    // The DMN model API has no DMNDI types: read the shapes from the DOM.
    collectDmnShapes(model.getDocument().getRootElement(), shaped);
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (!shaped.contains(decision.getId())) {
        problems.add("decision " + decision.getId() + " has no DRD shape");
      }
      if (decision.getAttributeValueNs(CAMUNDA_DMN_NS, "historyTimeToLive") == null) {
        problems.add("decision " + decision.getId() + " has no camunda:historyTimeToLive");
      }
      if (decision.getExpression() instanceof DecisionTable table) {
        if (table.getDomElement().getAttribute("hitPolicy") == null) {
          problems.add("decision " + decision.getId() + " has no explicit hit policy");
        }
        table
            .getInputs()
            .forEach(
                i -> {
                  if (i.getInputExpression().getTypeRef() == null) {
                    problems.add(
                        "decision " + decision.getId() + " input " + i.getId() + " is untyped");
                  }
                });
        table
            .getOutputs()
            .forEach(
                o -> {
                  if (o.getTypeRef() == null) {
                    problems.add(
                        "decision " + decision.getId() + " output " + o.getId() + " is untyped");
                  }
                });
        for (Rule rule : table.getRules()) {
          if (rule.getDescription() == null || rule.getDescription().getTextContent().isBlank()) {
            problems.add(
                "decision " + decision.getId() + " rule " + rule.getId() + " has no annotation");
          }
        }
      }
    }
    return problems;
  }

  private static void collectDmnShapes(DomElement element, Set<String> shaped) {
    if ("DMNShape".equals(element.getLocalName())) {
      shaped.add(element.getAttribute("dmnElementRef"));
    }
    for (DomElement child : element.getChildElements()) {
      collectDmnShapes(child, shaped);
    }
  }

  private static void platformProblems(DomElement root, List<String> problems) {
    if (!PLATFORM.equals(root.getAttribute(MODELER_NS, "executionPlatform"))) {
      problems.add("definitions lack modeler:executionPlatform=\"" + PLATFORM + "\"");
    }
    if (!VERSION.equals(root.getAttribute(MODELER_NS, "executionPlatformVersion"))) {
      problems.add("definitions lack modeler:executionPlatformVersion=\"" + VERSION + "\"");
    }
  }

  private static void missing(
      Collection<? extends BaseElement> elements,
      Set<String> drawn,
      String what,
      List<String> problems) {
    for (BaseElement e : elements) {
      if (!drawn.contains(e.getId())) {
        problems.add(e.getElementType().getTypeName() + " " + e.getId() + " has no " + what);
      }
    }
  }
}
