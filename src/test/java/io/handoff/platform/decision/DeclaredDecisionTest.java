package io.handoff.platform.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.junit.jupiter.api.Test;

/** A step names the table it evaluates in code with its element property {@code decision}. */
class DeclaredDecisionTest {

  static final BpmnModelInstance MODEL =
      Bpmn.readModelFromStream(
          new ByteArrayInputStream(
              """
              <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                <process id="p" isExecutable="true">
                  <serviceTask id="Named" camunda:expression="${true}">
                    <extensionElements>
                      <camunda:properties>
                        <camunda:property name="other" value="x" />
                        <camunda:property name="decision" value=" invoice-line-tolerance " />
                      </camunda:properties>
                    </extensionElements>
                  </serviceTask>
                  <serviceTask id="Unnamed" camunda:expression="${true}" />
                </process>
              </definitions>
              """
                  .getBytes(StandardCharsets.UTF_8)));

  @Test
  void theDecisionIsTheValueOfTheElementsDecisionProperty() {
    BaseElement named = MODEL.getModelElementById("Named");
    assertThat(DeclaredDecision.of(named)).isEqualTo("invoice-line-tolerance");
  }

  @Test
  void aStepThatNamesNoDecisionIsATechnicalFailureNamingTheStep() {
    BaseElement unnamed = MODEL.getModelElementById("Unnamed");
    assertThatThrownBy(() -> DeclaredDecision.of(unnamed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Unnamed")
        .hasMessageContaining("decision");
  }
}
