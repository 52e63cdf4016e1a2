package io.handoff.agent.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.agent.AgentProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataMaskerTest {

  static PersonalDataMasker masker(boolean email, boolean iban, boolean phone) {
    return new PersonalDataMasker(
        new AgentProperties(
            null, Map.of(), Map.of(), new AgentProperties.Masking(email, iban, phone), null, null));
  }

  @Test
  void emailIbanAndPhoneAreMasked() {
    PersonalDataMasker.MaskedText masked =
        masker(true, true, true)
            .mask(
                "Mail anna.berg@firma.de, pay to GB82 WEST 1234 5698 7654 32, call +44 20 7946 0958"
                    + " or 030 12345678.");

    assertThat(masked.text())
        .isEqualTo("Mail [email], pay to [iban], call [phone] or [phone].")
        .doesNotContain("anna.berg");
    assertThat(masked.kinds()).containsExactlyInAnyOrder("email", "iban", "phone");
  }

  @Test
  void ibanWithAWrongChecksumIsLeftAlone() {
    PersonalDataMasker.MaskedText masked =
        masker(false, true, false).mask("Reference DE00 3704 0044 0532 0130 00.");

    assertThat(masked.text()).contains("DE00 3704 0044 0532 0130 00");
    assertThat(masked.kinds()).isEmpty();
  }

  @Test
  void amountsDatesAndPaymentTermsAreNotTakenForPhoneNumbers() {
    String contract =
        "Liability is capped at EUR 1,000,000.00; payment NET30 from 2026-01-15, invoice 4711.";

    PersonalDataMasker.MaskedText masked = masker(true, true, true).mask(contract);

    assertThat(masked.text()).isEqualTo(contract);
    assertThat(masked.kinds()).isEmpty();
  }

  @Test
  void eachKindCanBeSwitchedOff() {
    PersonalDataMasker.MaskedText masked =
        masker(false, true, true).mask("Write to it@corp.example or call +49 89 1234567");

    assertThat(masked.text()).isEqualTo("Write to it@corp.example or call [phone]");
    assertThat(masked.kinds()).containsExactly("phone");
  }
}
