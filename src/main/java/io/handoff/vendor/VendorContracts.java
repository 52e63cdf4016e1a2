package io.handoff.vendor;

import io.handoff.vendor.store.VendorApplications;
import org.springframework.stereotype.Component;

/**
 * The supplier contract of an application, for the steps that read it ({@code
 * ${vendorContracts.textOf(applicationId)}} in an input mapping). The text is kept in the
 * application table, not in process variables.
 */
@Component("vendorContracts")
public class VendorContracts {

  private final VendorApplications applications;

  public VendorContracts(VendorApplications applications) {
    this.applications = applications;
  }

  public String textOf(String applicationId) {
    return applications.contractText(applicationId).orElse("");
  }
}
