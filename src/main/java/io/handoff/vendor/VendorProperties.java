package io.handoff.vendor;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vendor onboarding settings under {@code handoff.vendor.*}. Thresholds, tiers and approval groups
 * live in the DMN tables, timer durations in the BPMN.
 *
 * @param sanctions where the sanctions list is read from
 * @param complianceAddress e-mail address compliance is told at for sanctions hits
 * @param mailFrom sender address of onboarding e-mails
 * @param groupLeads user id of the lead of each approval group; an approval that is still open
 *     after the escalation timer is offered to the lead as well
 */
@ConfigurationProperties("handoff.vendor")
public record VendorProperties(
    Sanctions sanctions,
    @DefaultValue("compliance@handoff.example") String complianceAddress,
    @DefaultValue("onboarding@handoff.example") String mailFrom,
    Map<String, String> groupLeads) {

  public VendorProperties {
    sanctions =
        sanctions == null
            ? new Sanctions("classpath:vendor/sanctions/consolidated-sample.xml")
            : sanctions;
    groupLeads = groupLeads == null ? Map.of() : Map.copyOf(groupLeads);
  }

  /**
   * @param list Spring resource location of a sanctions list in the EU Financial Sanctions Files
   *     XML layout ({@code classpath:...} or {@code file:...})
   */
  public record Sanctions(
      @DefaultValue("classpath:vendor/sanctions/consolidated-sample.xml") String list) {}
}
