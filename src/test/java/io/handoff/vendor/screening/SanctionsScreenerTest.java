package io.handoff.vendor.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.vendor.VendorProperties;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;

/** Screening of names against the shipped sample list (EU FSF XML layout). */
class SanctionsScreenerTest {

  static SanctionsList list;
  static SanctionsScreener screener;

  @BeforeAll
  static void loadSampleList() {
    list = new SanctionsList(new VendorProperties(null, null, null), new DefaultResourceLoader());
    screener = new SanctionsScreener(list);
  }

  @Test
  void theSampleListHasOverAHundredEntriesWithAliases() {
    assertThat(list.entries()).hasSizeGreaterThanOrEqualTo(100);
    assertThat(list.entries()).filteredOn(e -> !e.aliases().isEmpty()).hasSizeGreaterThan(50);
    SanctionsEntry kavir =
        list.entries().stream()
            .filter(e -> e.primaryName().equals("Kavir Tejarat Parsian Company"))
            .findFirst()
            .orElseThrow();
    assertThat(kavir.aliases()).contains("Kavir Trading Co");
    assertThat(kavir.subjectType()).isEqualTo("E");
    assertThat(kavir.programme()).isEqualTo("IRN");
    assertThat(kavir.country()).isEqualTo("IR");
    assertThat(kavir.reference()).startsWith("EU.");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Zürcher Präzisionsmechanik Handels GmbH|zurcher prazisionsmechanik handels",
        "NORTHERN MERIDIAN SHIPPING LTD.|northern meridian shipping",
        "Andean Petroleum Services S.A.|andean petroleum services",
        "Società Trasporti S.R.L.|societa trasporti",
        "Østfold Maritime Logistikk AS|ostfold maritime logistikk",
        "Straße & Söhne AG|strasse and sohne",
        "Acme Holdings plc|acme"
      })
  void namesAreNormalisedForComparison(String name, String normalised) {
    assertThat(NameNormalizer.normalize(name)).isEqualTo(normalised);
  }

  @Test
  void aListedNameWithAnotherLegalFormAndAccentsIsAFullMatch() {
    SanctionsScreener.Match match = screener.screen("ZURCHER PRAZISIONSMECHANIK HANDELS AG");
    assertThat(match.score()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(match.entry().primaryName()).isEqualTo("Zürcher Präzisionsmechanik Handels GmbH");
  }

  @Test
  void anAliasMatchesAsWellAsThePrimaryName() {
    SanctionsScreener.Match match = screener.screen("Kavir Trading Co. Ltd");
    assertThat(match.score()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(match.matchedName()).isEqualTo("Kavir Trading Co");
    assertThat(match.entry().primaryName()).isEqualTo("Kavir Tejarat Parsian Company");
  }

  @Test
  void reorderedWordsStillMatch() {
    SanctionsScreener.Match match = screener.screen("Shipping Northern Meridian Limited");
    assertThat(match.score()).isEqualByComparingTo(BigDecimal.ONE);
  }

  @Test
  void aSimilarButDifferentNameScoresBetweenPossibleMatchThresholds() {
    SanctionsScreener.Match match = screener.screen("Global Horizont Trade LLC");
    assertThat(match.score()).isBetween(new BigDecimal("0.85"), new BigDecimal("0.9499"));
    assertThat(match.entry().primaryName()).isEqualTo("Global Horizon Trading LLC");
  }

  @Test
  void anUnrelatedNameScoresLow() {
    assertThat(screener.screen("Nordlicht Bürobedarf GmbH").score())
        .isLessThan(new BigDecimal("0.85"));
  }
}
