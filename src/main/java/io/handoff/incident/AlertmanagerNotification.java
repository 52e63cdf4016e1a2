package io.handoff.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.handoff.platform.api.MultilineText;
import io.handoff.platform.api.PlausibleDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The webhook payload Prometheus Alertmanager sends (version 4), grouped alerts included.
 *
 * <p>The one body of the domain API whose format another project owns: fields Alertmanager adds in
 * a later release are ignored rather than refused, so an upgrade of Alertmanager does not stop its
 * alerts. Everything else is read as strictly as any other body (types, control characters, dates).
 * Annotations (summary, description) may span several lines; labels are single lines.
 *
 * @see <a href="https://prometheus.io/docs/alerting/latest/configuration/#webhook_config">webhook
 *     payload</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerNotification(
    @NotBlank @Pattern(regexp = "4", message = "must be \"4\"") String version,
    String groupKey,
    Integer truncatedAlerts,
    @NotBlank @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
        String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    @MultilineText Map<String, String> commonAnnotations,
    String externalURL,
    @NotEmpty @Size(max = 1000) List<@NotNull @Valid Alert> alerts) {

  /** One alert of the group; its {@code endsAt} is Alertmanager's zero time while it fires. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(
      @NotBlank @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
          String status,
      @NotNull Map<String, String> labels,
      @MultilineText Map<String, String> annotations,
      @NotNull @PlausibleDate OffsetDateTime startsAt,
      OffsetDateTime endsAt,
      String generatorURL,
      @NotBlank @Size(max = 200) String fingerprint) {}
}
