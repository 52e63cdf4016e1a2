package io.handoff.vendor;

/**
 * Who is told what during onboarding. The default adapter writes e-mails to the platform's
 * notification outbox ({@link MailVendorNotifications}), so they go out exactly once after the step
 * commits; a chat or ticketing adapter implements the same interface.
 */
public interface VendorNotifications {

  /** Compliance learns that an application was stopped by a sanctions hit. */
  void sanctionsHit(VendorApplication application);

  /** The members of an approval group are reminded of an open approval. */
  void approvalReminder(VendorApplication application, String group);

  /** The lead of an approval group is asked to decide an approval that has stalled. */
  void approvalEscalated(VendorApplication application, String group, String leadUserId);

  /** The requester and the vendor's contact learn that the vendor was created. */
  void vendorApproved(VendorApplication application, String vendorId);
}
