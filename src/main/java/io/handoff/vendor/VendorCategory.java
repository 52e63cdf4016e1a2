package io.handoff.vendor;

/** What a vendor supplies; the risk-tier DMN table decides on these values. */
public enum VendorCategory {
  IT_SERVICES,
  SOFTWARE,
  CLOUD,
  CONSULTING,
  FACILITIES,
  OFFICE_SUPPLIES,
  LOGISTICS,
  MARKETING,
  RAW_MATERIALS;

  /** The values as a Bean Validation pattern. */
  public static final String PATTERN =
      "IT_SERVICES|SOFTWARE|CLOUD|CONSULTING|FACILITIES|OFFICE_SUPPLIES|LOGISTICS|MARKETING"
          + "|RAW_MATERIALS";

  static final String MESSAGE = "must be one of " + PATTERN;
}
