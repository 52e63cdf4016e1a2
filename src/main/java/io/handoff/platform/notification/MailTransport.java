package io.handoff.platform.notification;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mails through the configured SMTP server (or the demo mail catcher). Every attempt of a row
 * carries the same Message-ID, {@code <delivery-id@domain-of-mail-from>}, and the header {@code
 * X-Handoff-Notification-Key}: a mail sent again after a node died between sending and recording it
 * is recognisable as the same message by mail servers and clients that drop repeated Message-IDs.
 */
class MailTransport implements NotificationTransport {

  static final String KEY_HEADER = "X-Handoff-Notification-Key";
  private static final Logger log = LoggerFactory.getLogger(MailTransport.class);

  private final JavaMailSender sender;
  private final String defaultFrom;
  private final String domain;

  MailTransport(JavaMailSender sender, String defaultFrom) {
    this.sender = sender;
    this.defaultFrom = defaultFrom;
    int at = defaultFrom.lastIndexOf('@');
    this.domain = at < 0 ? "handoff.local" : defaultFrom.substring(at + 1).trim();
  }

  /** The Message-ID every attempt of the row carries. */
  String messageId(OutboxEntry entry) {
    return "<" + entry.deliveryId() + "@" + domain + ">";
  }

  @Override
  public NotificationStatus deliver(OutboxEntry entry) throws Exception {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper mail = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    mail.setFrom(entry.sender() == null ? defaultFrom : entry.sender());
    mail.setTo(
        entry.recipients().stream().map(MailTransport::address).toArray(InternetAddress[]::new));
    mail.setSubject(entry.subject() == null ? "" : entry.subject());
    mail.setText(entry.body());
    // JavaMailSenderImpl keeps a Message-ID that is set before it sends.
    message.setHeader("Message-ID", messageId(entry));
    message.setHeader(KEY_HEADER, entry.key());
    sender.send(message);
    log.info(
        "Notification {} (process instance {}): mailed '{}' to {}",
        entry.key(),
        entry.processInstanceId(),
        entry.subject(),
        entry.recipient());
    return NotificationStatus.DELIVERED;
  }

  private static InternetAddress address(String text) {
    try {
      return new InternetAddress(text, true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException("Not an e-mail address: " + text, e);
    }
  }
}
