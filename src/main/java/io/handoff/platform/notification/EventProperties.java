package io.handoff.platform.notification;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who receives the integration events, under {@code handoff.events.*} (docs/integrations.md). A bad
 * subscriber stops the application at start-up with the reason, before any event is written for it.
 *
 * @param subscribers the receivers; none by default (then no event is written)
 * @param connectTimeout longest wait for a receiver's connection
 * @param timeout longest wait for a receiver's answer
 */
@ConfigurationProperties("handoff.events")
public record EventProperties(
    @DefaultValue List<Subscriber> subscribers,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration timeout) {

  /** Shortest secret accepted: 32 characters, e.g. {@code openssl rand -hex 32} gives 64. */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public EventProperties {
    subscribers = List.copyOf(subscribers);
    Set<String> names = new HashSet<>();
    for (Subscriber s : subscribers) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException(
            "handoff.events.subscribers: the name '" + s.name() + "' is used twice");
      }
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || timeout.isNegative()
        || timeout.isZero()) {
      throw new IllegalArgumentException(
          "handoff.events.connect-timeout and timeout must be positive");
    }
  }

  /** The subscriber of this name. */
  public Optional<Subscriber> subscriber(String name) {
    return subscribers.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The subscribers of an event type, in configuration order. */
  public List<Subscriber> subscribersOf(EventType type) {
    return subscribers.stream().filter(s -> s.receives(type)).toList();
  }

  /**
   * One receiver of events.
   *
   * @param name its id in the deliveries ({@code erp}, {@code service-desk}): lower case letters,
   *     digits, {@code . _ -}, at most 64 characters
   * @param url where events are posted, {@code http} or {@code https}
   * @param secret the HMAC-SHA256 key the events are signed with, at least 32 characters; from an
   *     environment variable in production
   * @param events the event types it receives, by wire name ({@code invoice.rejected})
   */
  public record Subscriber(String name, String url, String secret, List<String> events) {

    public Subscriber {
      String at = "handoff.events.subscribers[" + name + "]";
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "handoff.events.subscribers: a subscriber's name has 1 to 64 lower case letters,"
                + " digits, '.', '_' or '-' (got '"
                + name
                + "')");
      }
      URI uri;
      try {
        uri = url == null ? null : URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(at + ".url must be an http or https URL");
      }
      url = url.trim();
      if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            at
                + ".secret must have at least "
                + MIN_SECRET_LENGTH
                + " characters (e.g. openssl rand -hex 32)");
      }
      if (events == null || events.isEmpty()) {
        throw new IllegalArgumentException(
            at + ".events must name at least one of " + EventType.wireNames());
      }
      events = events.stream().map(String::trim).toList();
      for (String e : events) {
        if (EventType.ofWireName(e).isEmpty()) {
          throw new IllegalArgumentException(
              at + ".events: '" + e + "' is not one of " + EventType.wireNames());
        }
      }
    }

    boolean receives(EventType type) {
      return events.contains(type.wireName());
    }

    URI uri() {
      return URI.create(url);
    }

    /** Never the secret. */
    @Override
    public String toString() {
      return "Subscriber[name=" + name + ", url=" + url + ", events=" + events + "]";
    }
  }
}
