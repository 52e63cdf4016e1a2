package io.handoff.vendor;

import io.handoff.platform.api.MultilineText;
import io.handoff.vendor.validation.IsoCountry;
import io.handoff.vendor.validation.ValidIban;
import io.handoff.vendor.validation.ValidVatId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A vendor to onboard, as submitted by REST or by the Tasklist start form.
 *
 * @param legalName registered name of the vendor
 * @param country ISO 3166-1 alpha-2 country of registration
 * @param vatId VAT number (with or without the country prefix)
 * @param iban bank account for payments
 * @param contactEmail the vendor's contact for onboarding
 * @param category what the vendor supplies
 * @param annualSpend expected spend per year (in the company currency)
 * @param dataAccess whether the vendor gets access to company or personal data
 * @param contractText the supplier contract as plain text, kept in full up to {@link
 *     #CONTRACT_TEXT_MAX} characters
 * @param requestedBy who asks for the vendor (user id or e-mail)
 */
@ValidVatId
public record VendorApplicationRequest(
    @Schema(example = "Nordlicht Software GmbH") @NotBlank @Size(max = 200) String legalName,
    @Schema(example = "DE") @NotBlank @IsoCountry String country,
    @Schema(example = "DE136695976") @NotBlank @Size(max = 30) String vatId,
    @Schema(example = "DE89370400440532013000") @NotBlank @Size(max = 42) @ValidIban String iban,
    @Schema(example = "onboarding@nordlicht.example") @NotBlank @Email @Size(max = 254)
        String contactEmail,
    @Schema(example = "SOFTWARE")
        @NotBlank
        @Pattern(regexp = VendorCategory.PATTERN, message = VendorCategory.MESSAGE)
        String category,
    @Schema(example = "42000.00") @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4)
        BigDecimal annualSpend,
    @NotNull Boolean dataAccess,
    @Schema(
            description =
                "The supplier contract as plain text, at most 200,000 characters; kept in full")
        @NotBlank
        @Size(max = CONTRACT_TEXT_MAX)
        @MultilineText
        String contractText,
    @Schema(example = "paul") @NotBlank @Size(max = 254) String requestedBy)
    implements ValidVatId.HasVatId {

  /**
   * The longest supplier contract onboarding takes, in characters (some 60 pages of text). The
   * start and correction forms declare the same number as the contract field's maxLength.
   */
  public static final int CONTRACT_TEXT_MAX = 200_000;
}
