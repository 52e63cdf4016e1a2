package io.handoff.vendor;

import io.handoff.platform.notification.NotificationOutbox;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Notifications as e-mails, written to the platform's notification outbox in the step's transaction
 * and delivered from there (SMTP server {@code spring.mail.*}, or the embedded run's mail catcher).
 * Platform users are reached at the e-mail address of their platform account; a requester given as
 * an e-mail address is written to directly. A mail server that is down delays the e-mail, not the
 * step. Keys: once per application for the sanctions hit and the welcome, once per run of the step
 * for reminders and escalations.
 */
@Component
public class MailVendorNotifications implements VendorNotifications {

  private static final Logger log = LoggerFactory.getLogger(MailVendorNotifications.class);

  private final NotificationOutbox outbox;
  private final IdentityService identityService;
  private final VendorProperties properties;

  public MailVendorNotifications(
      NotificationOutbox outbox, IdentityService identityService, VendorProperties properties) {
    this.outbox = outbox;
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  public void sanctionsHit(VendorApplication a) {
    send(
        a,
        key(a, "sanctions-hit"),
        List.of(properties.complianceAddress()),
        "Sanctions hit: vendor application " + a.legalName() + " stopped",
        """
        The vendor application %s for "%s" (%s, VAT %s) was stopped by sanctions screening.

        Matched entry: %s (reference %s, list id %s)
        Score: %s
        Requested by: %s
        """
            .formatted(
                a.applicationId(),
                a.legalName(),
                a.country(),
                a.vatId(),
                a.screeningEntryName(),
                a.screeningEntryReference(),
                a.screeningEntryId(),
                a.screeningScore(),
                a.requestedBy()));
  }

  @Override
  public void approvalReminder(VendorApplication a, String group) {
    List<String> to = groupMembers(group);
    if (to.isEmpty()) {
      log.warn(
          "No e-mail address in group {} for the approval reminder of process instance {}",
          group,
          a.processInstanceId());
      return;
    }
    send(
        a,
        key(a, "reminder", group, NotificationOutbox.currentStep()),
        to,
        "Reminder: approve vendor " + a.legalName(),
        """
        The approval of vendor "%s" (risk tier %s) for group %s is still open.
        Please decide it in the Tasklist. Application: %s
        """
            .formatted(a.legalName(), a.riskTier(), group, a.applicationId()));
  }

  @Override
  public void approvalEscalated(VendorApplication a, String group, String leadUserId) {
    List<String> to = userAddress(leadUserId);
    if (to.isEmpty()) {
      log.warn(
          "Lead {} of group {} has no e-mail address; process instance {}",
          leadUserId,
          group,
          a.processInstanceId());
      return;
    }
    send(
        a,
        key(a, "escalated", group, leadUserId, NotificationOutbox.currentStep()),
        to,
        "Escalation: approval of vendor " + a.legalName() + " has stalled",
        """
        The approval of vendor "%s" (risk tier %s) for group %s has not been decided in time.
        As the group's lead you can now decide it in the Tasklist. Application: %s
        """
            .formatted(a.legalName(), a.riskTier(), group, a.applicationId()));
  }

  @Override
  public void vendorApproved(VendorApplication a, String vendorId) {
    send(
        a,
        key(a, "approved", "vendor"),
        List.of(a.contactEmail()),
        "Welcome as our supplier: " + a.legalName(),
        """
        Dear supplier,

        "%s" has been approved as our supplier and registered under vendor id %s.
        Please quote this id on your invoices.
        """
            .formatted(a.legalName(), vendorId));
    List<String> requester = requesterAddress(a.requestedBy());
    if (requester.isEmpty()) {
      log.warn(
          "Requester {} of process instance {} has no e-mail address",
          a.requestedBy(),
          a.processInstanceId());
      return;
    }
    send(
        a,
        key(a, "approved", "requester"),
        requester,
        "Vendor onboarded: " + a.legalName() + " (" + vendorId + ")",
        """
        "%s" has been approved and created in our vendor master as %s.
        Purchase orders can now be placed with this vendor id.
        """
            .formatted(a.legalName(), vendorId));
  }

  private List<String> requesterAddress(String requestedBy) {
    if (requestedBy != null && requestedBy.contains("@")) {
      return List.of(requestedBy);
    }
    return userAddress(requestedBy);
  }

  private List<String> userAddress(String userId) {
    if (userId == null) {
      return List.of();
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank()
        ? List.of()
        : List.of(user.getEmail());
  }

  private List<String> groupMembers(String group) {
    return identityService.createUserQuery().memberOfGroup(group).list().stream()
        .map(User::getEmail)
        .filter(e -> e != null && !e.isBlank())
        .toList();
  }

  private static String key(VendorApplication a, String... parts) {
    return "vendor/" + a.applicationId() + "/" + String.join("/", parts);
  }

  private void send(VendorApplication a, String key, List<String> to, String subject, String text) {
    outbox.mail(key, properties.mailFrom(), to, subject, text, a.processInstanceId());
    log.info("Process instance {}: e-mail '{}' to {} queued", a.processInstanceId(), subject, to);
  }
}
