package io.handoff.incident.api;

import io.handoff.incident.IncidentIntakeRules;
import io.handoff.incident.KnownCategory;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.Level;
import io.handoff.platform.api.MultilineText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/incidents}.
 *
 * @param category optional: one of the configured categories; without it the incident is classified
 *     (triage)
 * @param knownRequest optional: PASSWORD_RESET or ACCOUNT_LOCKOUT are remediated automatically
 */
public record IncidentRequest(
    @NotBlank @Size(max = IncidentIntakeRules.TITLE_MAX) String title,
    @Schema(description = "At most 50,000 characters; kept in full")
        @Size(max = IncidentIntakeRules.DESCRIPTION_MAX)
        @MultilineText
        String description,
    @NotBlank @Size(max = 100) String reporter,
    @Size(max = 200) String service,
    @NotNull @Schema(example = "HIGH") Level impact,
    @NotNull @Schema(example = "MEDIUM") Level urgency,
    @Size(max = 64) @KnownCategory @Schema(example = "network") String category,
    KnownRequest knownRequest) {}
