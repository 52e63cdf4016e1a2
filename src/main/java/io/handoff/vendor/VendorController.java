package io.handoff.vendor;

import io.handoff.platform.errors.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The vendor master: vendors created by onboarding, referenced by purchase orders. */
@RestController
@RequestMapping("/api/vendors")
@Tag(name = "Vendors", description = "The vendor master (ids of the form VEN-000042)")
public class VendorController {

  private final VendorMaster vendorMaster;

  public VendorController(VendorMaster vendorMaster) {
    this.vendorMaster = vendorMaster;
  }

  @GetMapping("/{vendorId}")
  @Operation(summary = "Read a vendor of the vendor master by its id (VEN-000042)")
  public VendorMaster.Vendor get(@PathVariable String vendorId) {
    return vendorMaster
        .find(vendorId)
        .orElseThrow(() -> ApiProblemException.notFound("No vendor " + vendorId));
  }
}
