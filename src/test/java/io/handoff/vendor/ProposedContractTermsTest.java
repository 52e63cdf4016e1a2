package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

/** Reading the contract-review agent step's proposal into the vendor process's terms. */
class ProposedContractTermsTest {

  private final ProposedContractTerms terms = new ProposedContractTerms();

  @Test
  void aCompleteSpinProposalBecomesNetDaysTheCapAndTheClause() {
    Object proposal =
        Spin.JSON(
            "{\"paymentTerms\":\"NET30\",\"paymentDays\":30,\"liabilityCap\":\"EUR 1000000.00\","
                + "\"dataProcessingClause\":true,\"missing\":[],\"complete\":true}");
    assertThat(ProposedContractTerms.read(proposal))
        .contains(
            new ProposedContractTerms.Terms(
                "net 30 days", "EUR 1000000.00", true, List.of(), true));
    assertThat(terms.missingClauses(proposal)).isEqualTo("none");
  }

  @Test
  void missingClausesAreNamedInWordsAndTheirTermsAreNull() {
    Object proposal =
        Spin.JSON(
            "{\"paymentTerms\":null,\"paymentDays\":null,\"liabilityCap\":null,"
                + "\"dataProcessingClause\":false,"
                + "\"missing\":[\"paymentTerms\",\"liabilityCap\",\"dataProcessingClause\"],"
                + "\"complete\":false}");
    assertThat(terms.paymentTerms(proposal)).isNull();
    assertThat(terms.liabilityCap(proposal)).isNull();
    assertThat(terms.dataProcessingClause(proposal)).isFalse();
    assertThat(terms.missingClauses(proposal))
        .isEqualTo("payment terms, liability cap, data-processing clause");
    assertThat(ProposedContractTerms.read(proposal).orElseThrow().complete()).isFalse();
  }

  @Test
  void anUnlimitedCapFromAMapProposalIsKept() {
    Map<String, Object> proposal =
        Map.of(
            "paymentDays",
            45,
            "liabilityCap",
            "unlimited",
            "dataProcessingClause",
            true,
            "missing",
            List.of(),
            "complete",
            true);
    assertThat(terms.paymentTerms(proposal)).isEqualTo("net 45 days");
    assertThat(terms.liabilityCap(proposal)).isEqualTo("unlimited");
  }

  @Test
  void withoutAProposalEverythingIsNullSoTheFormShowsNothing() {
    assertThat(ProposedContractTerms.read(null)).isEmpty();
    assertThat(terms.paymentTerms(null)).isNull();
    assertThat(terms.dataProcessingClause(null)).isNull();
    assertThat(terms.missingClauses(null)).isNull();
    assertThat(ProposedContractTerms.read("not json")).isEmpty();
  }
}
