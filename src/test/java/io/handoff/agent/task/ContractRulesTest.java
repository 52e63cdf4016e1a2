package io.handoff.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.handoff.agent.AgentAnswer;
import io.handoff.agent.task.ContractRules.Finding;
import io.handoff.agent.task.ContractRules.Terms;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContractRulesTest {

  /**
   * The scan is linear in the text: a contract of 200,000 digits (or of thousands-grouped numbers)
   * is read at once. A pattern that backtracks over unbounded input would take minutes; the
   * generous limit only catches that.
   */
  @Test
  void longRunsOfDigitsAreScannedWithoutBacktracking() {
    String digits = "9".repeat(200_000);
    String grouped = "1,000".repeat(40_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          Terms terms = ContractRules.review("Liability is capped at " + digits + " overall.");
          assertThat(terms.liabilityCap()).isNull();
          ContractRules.review("Payment within 30 days. Liability limited to " + grouped);
          ContractRules.review(digits + " EUR");
        });
    assertThat(ContractRules.review("Liability is limited to EUR 250,000 per year.").liabilityCap())
        .isNotNull();
  }

  static final String FULL =
      "4. Payment. Invoices are payable within 30 days of receipt.\n"
          + "9. Liability. The Supplier's aggregate liability under this Agreement shall not exceed"
          + " EUR 2.500.000,00.\n"
          + "12. Data protection. The parties enter into the Data Processing Agreement in Annex 3"
          + " pursuant to Art. 28 GDPR.";

  @Test
  void allThreeClausesFoundClearlyGiveHighConfidence() {
    Terms terms = ContractRules.review(FULL);

    assertThat(terms.paymentDays()).isEqualTo(30);
    assertThat(terms.payment()).isEqualTo(Finding.CLEAR);
    assertThat(terms.liabilityCap()).isEqualTo("EUR 2500000.00");
    assertThat(terms.liability()).isEqualTo(Finding.CLEAR);
    assertThat(terms.dataProcessing()).isTrue();
    assertThat(ContractRules.confidence(terms)).isEqualTo(0.95);
  }

  @Test
  void netTermsAndDollarCapsInOtherWordings() {
    Terms terms =
        ContractRules.review(
            "Terms: Net 45. Vendor's liability is limited to $500k per claim. The processor shall"
                + " process personal data only on documented instructions from the controller.");

    assertThat(terms.paymentDays()).isEqualTo(45);
    assertThat(terms.liabilityCap()).isEqualTo("USD 500000.00");
    assertThat(terms.dataProcessing()).isTrue();
  }

  @Test
  void unlimitedLiabilityIsAClearFinding() {
    Terms terms =
        ContractRules.review(
            "Payment NET60. The Supplier's liability for gross negligence shall be unlimited. DPA"
                + " attached.");

    assertThat(terms.liabilityCap()).isEqualTo("unlimited");
    assertThat(terms.liability()).isEqualTo(Finding.CLEAR);
  }

  @Test
  void missingDataProcessingClauseLowersConfidenceBelowTheUsualThreshold() {
    Terms terms =
        ContractRules.review("Payment within 30 days. Liability is capped at GBP 100,000.");

    assertThat(terms.dataProcessing()).isFalse();
    assertThat(terms.dataProcessingFinding()).isEqualTo(Finding.MISSING);
    assertThat(ContractRules.confidence(terms)).isEqualTo(0.65);
  }

  @Test
  void conflictingPaymentTermsAreAmbiguousAndNotGuessed() {
    Terms terms =
        ContractRules.review(
            "Invoices are due within 30 days. Alternatively payment NET60 applies for services."
                + " Liability shall not exceed EUR 50,000. Data processing agreement: Annex 2.");

    assertThat(terms.paymentDays()).isNull();
    assertThat(terms.payment()).isEqualTo(Finding.AMBIGUOUS);
    assertThat(ContractRules.confidence(terms)).isEqualTo(0.7);
  }

  @Test
  void personalDataMentionedWithoutAClauseIsAmbiguous() {
    Terms terms = ContractRules.review("The supplier will handle personal data with care.");

    assertThat(terms.dataProcessingFinding()).isEqualTo(Finding.AMBIGUOUS);
    assertThat(terms.dataProcessing()).isFalse();
  }

  @Test
  void emptyContractHasLowConfidenceAndEverythingMissing() {
    AgentAnswer answer = new ReviewContractTask().runLocally("Thank you for your order.");

    assertThat(answer.confidence()).isEqualTo(0.05);
    assertThat(answer.proposal().fields())
        .containsEntry("complete", false)
        .containsEntry("paymentTerms", null);
    assertThat(answer.rationale()).contains("no payment terms found");
  }
}
