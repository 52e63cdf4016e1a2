package io.handoff.vendor;

import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts onboarding for a validated application and reads applications back. */
@Service
public class VendorApplicationService {

  private static final Logger log = LoggerFactory.getLogger(VendorApplicationService.class);

  private final RuntimeService runtimeService;
  private final VendorApplications applications;

  public VendorApplicationService(RuntimeService runtimeService, VendorApplications applications) {
    this.runtimeService = runtimeService;
    this.applications = applications;
  }

  /** The started application and where it stands once the process waits for the first time. */
  public record Submitted(
      String applicationId, String processInstanceId, ApplicationStatus status) {}

  /**
   * Starts the process for a request that passed validation. The process registers, checks and
   * screens the application in this transaction, so the answer already says whether it stopped.
   */
  @Transactional
  public Submitted submit(VendorApplicationRequest request) {
    String applicationId = UUID.randomUUID().toString();
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(
            VendorOnboardingVariables.PROCESS_KEY,
            applicationId,
            VendorOnboardingVariables.forSubmission(applicationId, request));
    VendorApplication application = applications.get(applicationId);
    log.info(
        "Vendor application {} submitted by {}; process instance {} is {}",
        applicationId,
        request.requestedBy(),
        instance.getId(),
        application.status());
    return new Submitted(applicationId, instance.getId(), application.status());
  }
}
