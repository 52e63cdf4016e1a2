package io.handoff.platform.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded run's SMTP server: a real one in the JVM (GreenMail), bound to loopback, that keeps
 * every e-mail in memory instead of passing it on. An administrator reads what it caught through
 * {@code GET /api/notifications}. Never on with the {@code prod} profile.
 */
public class MailCatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

  /**
   * An e-mail as the catcher received it.
   *
   * @param messageId its Message-ID header
   * @param key its outbox key (header {@code X-Handoff-Notification-Key})
   * @param from the From header
   * @param to the To addresses
   * @param subject the subject
   * @param text the body
   */
  public record CaughtMail(
      String messageId, String key, String from, List<String> to, String subject, String text) {}

  private final GreenMail server;
  private final String bindAddress;

  MailCatcher(String bindAddress, int port) {
    this.bindAddress = bindAddress;
    ServerSetup setup = new ServerSetup(port, bindAddress, ServerSetup.PROTOCOL_SMTP);
    this.server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    server.start();
    log.info(
        "Mail catcher listening on {}:{}; every e-mail stays here (GET /api/notifications)",
        bindAddress,
        port());
  }

  /** The address it listens on. */
  public String bindAddress() {
    return bindAddress;
  }

  /** The port it listens on. */
  public int port() {
    return server.getSmtp().getPort();
  }

  /** Every e-mail caught, once each (the server keeps a copy per recipient), oldest first. */
  public List<CaughtMail> messages() {
    Map<String, CaughtMail> byId = new LinkedHashMap<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      CaughtMail mail = caught(m);
      byId.putIfAbsent(mail.messageId() == null ? "#" + byId.size() : mail.messageId(), mail);
    }
    return List.copyOf(byId.values());
  }

  /** The caught e-mail with this Message-ID, if any. */
  public Optional<CaughtMail> byMessageId(String messageId) {
    return messages().stream().filter(m -> messageId.equals(m.messageId())).findFirst();
  }

  private static CaughtMail caught(MimeMessage m) {
    try {
      Address[] to = m.getAllRecipients();
      Address[] from = m.getFrom();
      return new CaughtMail(
          m.getMessageID(),
          m.getHeader(MailTransport.KEY_HEADER, null),
          from == null || from.length == 0 ? null : from[0].toString(),
          to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
          m.getSubject(),
          GreenMailUtil.getBody(m).replace("\r\n", "\n"));
    } catch (MessagingException e) {
      throw new IllegalStateException("Unreadable caught e-mail", e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
