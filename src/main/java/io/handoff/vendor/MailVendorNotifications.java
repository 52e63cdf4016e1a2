package io.handoff.vendor;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Notifications as e-mails through the configured SMTP server ({@code spring.mail.*}). Platform
 * users are reached at the e-mail address of their platform account; a requester given as an e-mail
 * address is written to directly. A failed delivery throws, so the engine retries the step.
 */
@Component
public class MailVendorNotifications implements VendorNotifications {

  private static final Logger log = LoggerFactory.getLogger(MailVendorNotifications.class);

  private final JavaMailSender mailSender;
  private final IdentityService identityService;
  private final VendorProperties properties;

  public MailVendorNotifications(
      JavaMailSender mailSender, IdentityService identityService, VendorProperties properties) {
    this.mailSender = mailSender;
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  public void sanctionsHit(VendorApplication a) {
    send(
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

  private void send(List<String> to, String subject, String text) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.mailFrom());
    message.setTo(to.toArray(String[]::new));
    message.setSubject(subject);
    message.setText(text);
    mailSender.send(message);
    log.info("Sent '{}' to {}", subject, to);
  }
}
