package io.handoff.vendor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VAT numbers from published examples (the tax authorities' documentation and the python-stdnum
 * test suites): valid ones pass, the same numbers with a wrong check digit fail.
 */
class VatNumbersTest {

  @ParameterizedTest(name = "{0} {1} is valid")
  @CsvSource({
    "DE, DE136695976",
    "DE, DE 136 695 976",
    "AT, ATU13585627",
    "AT, U13585627",
    "BE, BE0403019261",
    "BE, BE403019261",
    "FR, FR40303265045",
    "FR, FR23334175221",
    "FR, FRK7399859412",
    "IT, IT00743110157",
    "NL, NL004495445B01",
    "ES, ESB58378431",
    "ES, ESA13585625",
    "ES, ES54362315K",
    "ES, ESX2482300W",
    "PL, PL8567346215",
    "DK, DK13585628",
    "GR, EL094259216",
    "SE, SE123456789701",
    "US, 12-3456789",
    "CH, CHE-116.281.710"
  })
  void publishedValidNumbersPass(String country, String vatId) {
    assertThat(VatNumbers.problem(country, vatId)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} has wrong check digits")
  @CsvSource({
    "DE, DE136695978",
    "AT, ATU13585626",
    "BE, BE0431150351",
    "FR, FR84323140391",
    "IT, IT00743110158",
    "NL, NL123456789B90",
    "ES, ESB64717839",
    "ES, ESA13585626",
    "ES, ES54362315Z",
    "PL, PL8567346216"
  })
  void wrongCheckDigitsAreRejected(String country, String vatId) {
    assertThat(VatNumbers.problem(country, vatId))
        .hasValueSatisfying(p -> assertThat(p).contains("check digits"));
  }

  @ParameterizedTest(name = "{0} {1} has the wrong format")
  @CsvSource({
    "DE, DE12345678",
    "AT, AT13585627",
    "NL, NL004495445C01",
    "IT, IT0074311015",
    "SE, SE123456789702",
    "DK, DK1358562",
    "US, '#'"
  })
  void wrongFormatsAreRejected(String country, String vatId) {
    assertThat(VatNumbers.problem(country, vatId)).isPresent();
  }

  @ParameterizedTest(name = "{1} does not belong to {0}")
  @CsvSource({"DE, FR40303265045", "AT, DE136695976"})
  void aPrefixOfAnotherEuCountryIsRejected(String country, String vatId) {
    assertThat(VatNumbers.problem(country, vatId))
        .hasValueSatisfying(p -> assertThat(p).contains("does not match country"));
  }

  @ParameterizedTest(name = "{1} becomes {2}")
  @CsvSource({
    "DE, de 136-695.976, DE136695976",
    "DE, 136695976, DE136695976",
    "BE, 403019261, BE0403019261",
    "GR, 094259216, EL094259216",
    "US, 12-3456789, 123456789"
  })
  void numbersAreStoredInCanonicalForm(String country, String raw, String canonical) {
    assertThat(VatNumbers.normalize(country, raw)).isEqualTo(canonical);
  }
}
