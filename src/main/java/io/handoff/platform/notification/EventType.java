package io.handoff.platform.notification;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events integrators may subscribe to ({@code handoff.events.subscribers[].events}), by their
 * wire names (docs/integrations.md).
 */
public enum EventType {
  /** Procure-to-pay: the invoice is posted and its payment scheduled (step "Post invoice ..."). */
  INVOICE_SCHEDULED_FOR_PAYMENT("invoice.scheduled-for-payment"),
  /** Procure-to-pay: the invoice is rejected (step "Notify vendor of rejection"). */
  INVOICE_REJECTED("invoice.rejected"),
  /** Vendor onboarding: the vendor is created in the vendor master (step "Create vendor"). */
  VENDOR_CREATED("vendor.created"),
  /** Incident escalation: the incident is resolved, by a person or by automatic remediation. */
  INCIDENT_RESOLVED("incident.resolved"),
  /** Incident escalation: the incident is closed (confirmed, no answer, or its alert resolved). */
  INCIDENT_CLOSED("incident.closed");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in configuration, in the event's {@code type} and its header. */
  public String wireName() {
    return wireName;
  }

  /** The type of a wire name, exactly as written. */
  public static Optional<EventType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** Every wire name, comma-separated, for messages. */
  public static String wireNames() {
    return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
  }
}
