package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Default identity connector: the platform's own users. An account lockout is lifted in the
 * platform's identity store; a password reset is recorded as a reset request for the user (the
 * reset link goes out with the reporter notification). Every request is recorded in {@code
 * incident_identity_request}. Unknown accounts are refused.
 */
@Component
public class PlatformIdentityConnector implements IdentityConnector {

  private static final Logger log = LoggerFactory.getLogger(PlatformIdentityConnector.class);

  private final IdentityService identityService;
  private final IncidentRepository incidents;

  public PlatformIdentityConnector(IdentityService identityService, IncidentRepository incidents) {
    this.identityService = identityService;
    this.incidents = incidents;
  }

  @Override
  public void remediate(String incidentId, String userId, KnownRequest request) {
    if (!request.remediable()) {
      throw new IdentityRequestRefusedException("Nothing to remediate for " + request);
    }
    if (userId == null || identityService.createUserQuery().userId(userId).count() == 0) {
      throw new IdentityRequestRefusedException(
          "No account '" + userId + "' in the identity store");
    }
    if (request == KnownRequest.ACCOUNT_LOCKOUT) {
      identityService.unlockUser(userId);
    }
    incidents.recordIdentityRequest(
        incidentId, userId, request, ClockUtil.getCurrentTime().toInstant());
    log.info("Incident {}: {} carried out for user {}", incidentId, request, userId);
  }
}
