package io.handoff.vendor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IBANs from published examples (ECBS / SWIFT IBAN registry, Wikipedia). */
class IbansTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GB82WEST12345698765432",
        "GB82 WEST 1234 5698 7654 32",
        "DE89370400440532013000",
        "FR1420041010050500013M02606",
        "NL91ABNA0417164300",
        "BE68539007547034",
        "IT60X0542811101000000123456",
        "ES9121000418450200051332",
        "AT611904300234573201",
        "PL61109010140000071219812874",
        "CH9300762011623852957",
        "de89370400440532013000"
      })
  void publishedValidIbansPass(String iban) {
    assertThat(Ibans.problem(iban)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GB82TEST12345698765432", "DE89370400440532013001", "NL91ABNA0417164301"})
  void wrongCheckDigitsAreRejected(String iban) {
    assertThat(Ibans.problem(iban)).contains("has wrong check digits");
  }

  @ParameterizedTest
  @CsvSource({"DE8937040044053201300, DE", "GB82WEST123456987654321, GB", "BE6853900754703, BE"})
  void theCountrysLengthIsEnforced(String iban, String country) {
    assertThat(Ibans.problem(iban)).hasValueSatisfying(p -> assertThat(p).contains(country));
  }

  @ParameterizedTest
  @ValueSource(strings = {"XX89370400440532013000", "US12345678901234567890"})
  void countriesWithoutIbansAreRejected(String iban) {
    assertThat(Ibans.problem(iban))
        .hasValueSatisfying(p -> assertThat(p).startsWith("has a country code without IBANs"));
  }

  @ParameterizedTest
  @CsvSource({"'gb82 west 1234 5698 7654 32', GB82WEST12345698765432"})
  void ibansAreStoredInElectronicForm(String raw, String electronic) {
    assertThat(Ibans.normalize(raw)).isEqualTo(electronic);
  }
}
