package io.handoff.incident;

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
 * @see <a href="https://prometheus.io/docs/alerting/latest/configuration/#webhook_config">webhook
 *     payload</a>
 */
public record AlertmanagerNotification(
    @NotBlank @Pattern(regexp = "4", message = "must be \"4\"") String version,
    String groupKey,
    Integer truncatedAlerts,
    @NotBlank @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
        String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    @NotEmpty @Size(max = 1000) List<@NotNull @Valid Alert> alerts) {

  /** One alert of the group. */
  public record Alert(
      @NotBlank @Pattern(regexp = "firing|resolved", message = "must be firing or resolved")
          String status,
      @NotNull Map<String, String> labels,
      Map<String, String> annotations,
      @NotNull OffsetDateTime startsAt,
      OffsetDateTime endsAt,
      String generatorURL,
      @NotBlank @Size(max = 200) String fingerprint) {}
}
