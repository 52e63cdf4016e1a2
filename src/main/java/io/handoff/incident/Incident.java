package io.handoff.incident;

import java.time.Instant;

/** One row of the {@code incident} table. */
public record Incident(
    String id,
    String title,
    String description,
    String reporter,
    String service,
    Level impact,
    Level urgency,
    IncidentSource source,
    String category,
    String categoryProposal,
    String triagedBy,
    KnownRequest knownRequest,
    String priority,
    IncidentStatus status,
    String assignedGroup,
    Integer escalationLevel,
    Instant slaDue,
    String processInstanceId,
    String alertFingerprint,
    String resolutionCode,
    String resolutionNotes,
    String resolvedBy,
    Instant resolvedAt,
    Instant closedAt,
    String closeReason,
    Instant createdAt,
    String reportedCategory,
    KnownRequest reportedKnownRequest,
    String remediationEvidence) {}
