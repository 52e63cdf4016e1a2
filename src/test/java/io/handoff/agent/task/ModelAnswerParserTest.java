package io.handoff.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.agent.AgentAnswer;
import org.junit.jupiter.api.Test;

/** Chat model answers are read strictly for the structured contract review. */
class ModelAnswerParserTest {

  final ReviewContractTask task = new ReviewContractTask();

  @Test
  void wellFormedFieldsBecomeAStructuredProposal() {
    AgentAnswer answer =
        ModelAnswerParser.parse(
            "{\"fields\": {\"paymentDays\": 30, \"liabilityCap\": \"EUR 1000000.00\","
                + " \"dataProcessingClause\": true}, \"confidence\": 0.88, \"rationale\": \"ok\"}",
            task);

    assertThat(answer.proposal().fields())
        .containsEntry("paymentTerms", "NET30")
        .containsEntry("liabilityCap", "EUR 1000000.00")
        .containsEntry("complete", true);
    assertThat(answer.confidence()).isEqualTo(0.88);
  }

  @Test
  void confidenceOutsideZeroToOneIsRejected() {
    assertThatThrownBy(
            () ->
                ModelAnswerParser.parse(
                    "{\"fields\": {\"paymentDays\": 30, \"liabilityCap\": null,"
                        + " \"dataProcessingClause\": true}, \"confidence\": 1.2,"
                        + " \"rationale\": \"x\"}",
                    task))
        .isInstanceOf(InvalidAnswerException.class)
        .hasMessageContaining("[0,1]");
  }

  @Test
  void unexpectedPropertiesAreRejected() {
    assertThatThrownBy(
            () ->
                ModelAnswerParser.parse(
                    "{\"fields\": {\"paymentDays\": 30, \"liabilityCap\": null,"
                        + " \"dataProcessingClause\": true, \"governingLaw\": \"DE\"},"
                        + " \"confidence\": 0.5, \"rationale\": \"x\"}",
                    task))
        .isInstanceOf(InvalidAnswerException.class)
        .hasMessageContaining("governingLaw");
  }

  @Test
  void textAroundTheJsonIsRejected() {
    assertThatThrownBy(() -> ModelAnswerParser.parse("Here you go: {\"fields\": {}}", task))
        .isInstanceOf(InvalidAnswerException.class);
  }

  @Test
  void missingRationaleIsRejected() {
    assertThatThrownBy(
            () ->
                ModelAnswerParser.parse(
                    "{\"fields\": {\"paymentDays\": null, \"liabilityCap\": \"unlimited\","
                        + " \"dataProcessingClause\": false}, \"confidence\": 0.5}",
                    task))
        .isInstanceOf(InvalidAnswerException.class)
        .hasMessageContaining("rationale");
  }
}
