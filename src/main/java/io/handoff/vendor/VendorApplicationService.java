package io.handoff.vendor;

import io.handoff.platform.persistence.Fingerprints;
import io.handoff.platform.persistence.FirstWriteWins;
import io.handoff.vendor.store.VendorApplications;
import io.handoff.vendor.validation.Ibans;
import io.handoff.vendor.validation.VatNumbers;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts onboarding for a validated application, and recognises the same request sent again: it is
 * answered with the application it submitted, also when both arrive at the same moment.
 */
@Service
public class VendorApplicationService {

  private static final Logger log = LoggerFactory.getLogger(VendorApplicationService.class);

  private final RuntimeService runtimeService;
  private final VendorApplications applications;
  private final FirstWriteWins firstWriteWins;

  public VendorApplicationService(
      RuntimeService runtimeService,
      VendorApplications applications,
      FirstWriteWins firstWriteWins) {
    this.runtimeService = runtimeService;
    this.applications = applications;
    this.firstWriteWins = firstWriteWins;
  }

  /**
   * The application and where it stands once the process waits for the first time.
   *
   * @param created false when the request repeated an earlier one, whose application this is
   */
  public record Submitted(
      String applicationId, String processInstanceId, ApplicationStatus status, boolean created) {}

  /**
   * Starts the process for a request that passed validation, unless the same request submitted an
   * application before. The process registers, checks and screens the application in this
   * transaction, so the answer already says whether it stopped.
   */
  public Submitted submit(VendorApplicationRequest request) {
    String fingerprint = fingerprint(request);
    return firstWriteWins.create(
        () -> earlier(fingerprint).orElseGet(() -> start(request, fingerprint)),
        () -> earlier(fingerprint));
  }

  private Optional<Submitted> earlier(String fingerprint) {
    return applications
        .findByRequestHash(fingerprint)
        .map(a -> new Submitted(a.applicationId(), a.processInstanceId(), a.status(), false));
  }

  private Submitted start(VendorApplicationRequest request, String fingerprint) {
    String applicationId = UUID.randomUUID().toString();
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(
            VendorOnboardingVariables.PROCESS_KEY,
            applicationId,
            VendorOnboardingVariables.forSubmission(applicationId, fingerprint, request));
    VendorApplication application = applications.get(applicationId);
    log.info(
        "Vendor application {} submitted by {}; process instance {} is {}",
        applicationId,
        request.requestedBy(),
        instance.getId(),
        application.status());
    return new Submitted(applicationId, instance.getId(), application.status(), true);
  }

  /** Every field as the application stores it: VAT number and IBAN in canonical form. */
  static String fingerprint(VendorApplicationRequest r) {
    return Fingerprints.of(
        r.legalName().trim(),
        r.country(),
        VatNumbers.normalize(r.country(), r.vatId()),
        Ibans.normalize(r.iban()),
        r.contactEmail().trim(),
        r.category(),
        r.annualSpend(),
        r.dataAccess(),
        r.contractText(),
        r.requestedBy());
  }
}
