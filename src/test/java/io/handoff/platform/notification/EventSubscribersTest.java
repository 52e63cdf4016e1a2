package io.handoff.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Subscriber configuration that cannot work stops the start; what a receiver's check refuses. */
class EventSubscribersTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef";

  static EventProperties.Subscriber subscriber(
      String name, String url, String secret, List<String> events) {
    return new EventProperties.Subscriber(name, url, secret, events);
  }

  @Test
  void aSubscriberWithAShortSecretAnUnknownEventOrABadUrlOrNameIsRefusedWithTheReason() {
    List<String> events = List.of("invoice.rejected");
    assertThatThrownBy(() -> subscriber("erp", "http://erp.example/events", "short", events))
        .hasMessageContaining("handoff.events.subscribers[erp].secret")
        .hasMessageContaining("32");
    assertThatThrownBy(
            () -> subscriber("erp", "http://erp.example/e", SECRET, List.of("invoice.paid")))
        .hasMessageContaining("'invoice.paid' is not one of invoice.scheduled-for-payment");
    assertThatThrownBy(() -> subscriber("erp", "http://erp.example/e", SECRET, List.of()))
        .hasMessageContaining("events must name at least one");
    assertThatThrownBy(() -> subscriber("erp", "ftp://erp.example/e", SECRET, events))
        .hasMessageContaining("url must be an http or https URL");
    assertThatThrownBy(() -> subscriber("erp", "not a url", SECRET, events))
        .hasMessageContaining("url must be an http or https URL");
    assertThatThrownBy(() -> subscriber("ERP System", "http://erp.example/e", SECRET, events))
        .hasMessageContaining("name");
  }

  @Test
  void twoSubscribersOfOneNameAreRefusedAndEachTypeGoesToItsSubscribersOnly() {
    var erp = subscriber("erp", "https://erp.example/e", SECRET, List.of("invoice.rejected"));
    var desk =
        subscriber(
            "desk",
            "https://desk.example/e",
            SECRET,
            List.of("incident.closed", "invoice.rejected"));
    Duration t = Duration.ofSeconds(5);
    assertThatThrownBy(() -> new EventProperties(List.of(erp, erp), t, t))
        .hasMessageContaining("'erp' is used twice");
    EventProperties both = new EventProperties(List.of(erp, desk), t, t);
    assertThat(both.subscribersOf(EventType.INVOICE_REJECTED)).containsExactly(erp, desk);
    assertThat(both.subscribersOf(EventType.INCIDENT_CLOSED)).containsExactly(desk);
    assertThat(both.subscribersOf(EventType.VENDOR_CREATED)).isEmpty();
    assertThat(erp.toString()).doesNotContain(SECRET);
  }

  @Test
  void subscribersAreConfiguredFromEnvironmentVariablesAsDocumented() {
    Map<String, Object> env =
        Map.of(
            "HANDOFF_EVENTS_SUBSCRIBERS_0_NAME", "erp",
            "HANDOFF_EVENTS_SUBSCRIBERS_0_URL", "https://erp.example/handoff-events",
            "HANDOFF_EVENTS_SUBSCRIBERS_0_SECRET", SECRET,
            "HANDOFF_EVENTS_SUBSCRIBERS_0_EVENTS", "invoice.scheduled-for-payment,vendor.created");
    EventProperties bound =
        new Binder(
                ConfigurationPropertySources.from(
                    new SystemEnvironmentPropertySource("systemEnvironment", env)))
            .bind("handoff.events", EventProperties.class)
            .get();
    assertThat(bound.subscribers())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("erp");
              assertThat(s.url()).isEqualTo("https://erp.example/handoff-events");
              assertThat(s.secret()).isEqualTo(SECRET);
              assertThat(s.events())
                  .containsExactly("invoice.scheduled-for-payment", "vendor.created");
            });
    assertThat(bound.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theReceiversCheckRefusesAnotherBodyAnotherSecretAndAnOldTimestamp() {
    byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
    long ts = 2_000_000_000L;
    String signature = EventSignature.sign(SECRET, ts, body);
    assertThat(signature).matches("sha256=[0-9a-f]{64}");
    // The same value as docs/integrations.md's openssl recipe gives for this secret, time and body.
    assertThat(EventSignature.sign(SECRET, ts, body))
        .isEqualTo("sha256=d8839bfee573cac5bff9f9037670f9516054f1fb5cabcc95971d56685bd493de");

    assertThat(EventSignature.verify(SECRET, "" + ts, signature, body, ts + 299, 300)).isTrue();
    assertThat(EventSignature.verify(SECRET, "" + ts, signature, body, ts + 301, 300))
        .as("replayed after the tolerance")
        .isFalse();
    assertThat(
            EventSignature.verify(
                SECRET,
                "" + ts,
                signature,
                "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8),
                ts,
                300))
        .isFalse();
    assertThat(EventSignature.verify(SECRET + "x", "" + ts, signature, body, ts, 300)).isFalse();
    assertThat(EventSignature.verify(SECRET, "" + (ts + 1), signature, body, ts, 300))
        .as("timestamp is signed")
        .isFalse();
    assertThat(EventSignature.verify(SECRET, null, signature, body, ts, 300)).isFalse();
  }
}
