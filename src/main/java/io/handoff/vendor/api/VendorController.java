package io.handoff.vendor.api;

import io.handoff.platform.api.list.ListDoc;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.vendor.VendorMaster;
import io.handoff.vendor.store.VendorSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The vendor master: vendors created by onboarding, referenced by purchase orders. */
@RestController
@RequestMapping("/api/vendors")
@Tag(name = "Vendors", description = "The vendor master (ids of the form VEN-000042)")
public class VendorController {

  private final VendorMaster vendorMaster;
  private final VendorSearch search;

  public VendorController(VendorMaster vendorMaster, VendorSearch search) {
    this.vendorMaster = vendorMaster;
    this.search = search;
  }

  @GetMapping
  @Operation(
      summary = "List the vendor master by name, VAT number and IBAN",
      description =
          ListDoc.PAGING
              + " Sort keys: createdAt (default, newest first), legalName, vendorId. Each item is"
              + " what GET /api/vendors/{vendorId} answers.")
  @Parameter(
      name = "name",
      in = ParameterIn.QUERY,
      description = "Part of the legal name, any case",
      example = "nordlicht")
  @Parameter(
      name = "vatId",
      in = ParameterIn.QUERY,
      description =
          "VAT number as stored (EU numbers with their country prefix); case, spaces, dots,"
              + " hyphens and slashes do not matter",
      example = "DE136695976")
  @Parameter(
      name = "iban",
      in = ParameterIn.QUERY,
      description = "IBAN; case and spaces do not matter",
      example = "DE89 3704 0044 0532 0130 00")
  @Parameter(name = "category", in = ParameterIn.QUERY, description = "Vendor category, exactly")
  @Parameter(
      name = "country",
      in = ParameterIn.QUERY,
      description = "ISO 3166 country code",
      example = "DE")
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = ListDoc.SORT,
      schema =
          @Schema(
              type = "string",
              example = "legalName,asc",
              pattern = "^(createdAt|legalName|vendorId)(,(asc|desc))?$"))
  @Parameter(
      name = "size",
      in = ParameterIn.QUERY,
      description = ListDoc.SIZE,
      schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
  @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListDoc.CURSOR)
  @ApiResponse(responseCode = "200", description = "One page of vendors")
  @ApiResponse(
      responseCode = "400",
      description = "Bad parameters; every bad one is named",
      content = @Content(mediaType = "application/problem+json"))
  public Page<VendorMaster.Vendor> list(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
    return search.page(parameters);
  }

  @GetMapping("/{vendorId}")
  @Operation(summary = "Read a vendor of the vendor master by its id (VEN-000042)")
  public VendorMaster.Vendor get(@PathVariable String vendorId) {
    return vendorMaster
        .find(vendorId)
        .orElseThrow(() -> ApiProblemException.notFound("No vendor " + vendorId));
  }
}
