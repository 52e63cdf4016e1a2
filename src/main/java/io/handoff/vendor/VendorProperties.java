package io.handoff.vendor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vendor onboarding settings under {@code handoff.vendor.*}. Thresholds, tiers, approval groups and
 * their escalation paths live in the DMN tables, timer durations in the BPMN.
 *
 * @param sanctions where the sanctions list is read from
 * @param complianceAddress e-mail address compliance is told at for sanctions hits
 * @param mailFrom sender address of onboarding e-mails
 */
@ConfigurationProperties("handoff.vendor")
public record VendorProperties(
    Sanctions sanctions,
    @DefaultValue("compliance@handoff.example") String complianceAddress,
    @DefaultValue("onboarding@handoff.example") String mailFrom) {

  public VendorProperties {
    sanctions =
        sanctions == null
            ? new Sanctions("classpath:vendor/sanctions/consolidated-sample.xml")
            : sanctions;
  }

  /**
   * @param list Spring resource location of a sanctions list in the EU Financial Sanctions Files
   *     XML layout ({@code classpath:...} or {@code file:...})
   */
  public record Sanctions(
      @DefaultValue("classpath:vendor/sanctions/consolidated-sample.xml") String list) {}
}
