package io.handoff.platform.insights;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one process over a period {@code [from, to)}, computed from the engine's history
 * and Handoff's own tables only (docs/insights.md). Sections that do not apply to the process are
 * absent.
 */
@Schema(description = "Key figures of one process over a period (docs/insights.md)")
public record ProcessInsights(
    String processKey,
    String processName,
    Instant from,
    Instant to,
    Instances instances,
    @Schema(description = "Start to end of the instances that completed in the period")
        Durations cycleTime,
    @Schema(description = "Invoices: completed with no decision by a person")
        StraightThrough straightThrough,
    @Schema(description = "Invoices: match exceptions raised in the period, per reason")
        List<ReasonCount> exceptionsByReason,
    @Schema(description = "Invoices: approval task created to decided, per approval level")
        List<LevelLeadTime> approvalLeadTime,
    @Schema(description = "Vendor onboarding: request to end, per risk tier")
        List<TierLeadTime> leadTimeByRiskTier,
    IncidentFigures incidents,
    @Schema(
            description =
                "Agent steps of the instances started in the period: proposals and how people"
                    + " judged them")
        List<AgentFigures> agents) {

  /**
   * @param started instances started in the period
   * @param completed instances that reached an end event in the period
   * @param cancelled instances ended otherwise in the period (deleted, terminated)
   * @param open instances running at the end of the period
   */
  public record Instances(long started, long completed, long cancelled, long open) {}

  /**
   * @param completed instances completed in the period
   * @param straightThrough of them, those with no decision by a person in the ledger
   * @param rate straightThrough / completed, four decimals; absent when none completed
   * @param weekly the same per ISO week (Monday, UTC) of completion
   */
  public record StraightThrough(
      long completed, long straightThrough, BigDecimal rate, List<Week> weekly) {}

  public record Week(LocalDate weekStart, long completed, long straightThrough, BigDecimal rate) {}

  public record ReasonCount(String reason, long count) {}

  public record LevelLeadTime(int level, Durations leadTime) {}

  public record TierLeadTime(String riskTier, Durations leadTime) {}

  /**
   * @param perPriority incidents reported in the period and SLA breaches that happened in it, per
   *     priority
   * @param responseBreaches response deadlines in the period that passed without a first claim, per
   *     priority and the escalation level at the deadline
   * @param resolutionBreaches resolution targets missed in the period (each escalation), per
   *     priority and the level that missed it
   * @param firstResponse incidents reported in the period: reported to first claim of a task
   * @param weeklyBreaches breaches per ISO week (Monday, UTC) of the breach
   * @param slaPauses questions to the reporter that stopped the resolution clock
   */
  public record IncidentFigures(
      List<PriorityFigures> perPriority,
      List<Breaches> responseBreaches,
      List<Breaches> resolutionBreaches,
      Durations firstResponse,
      List<WeekBreaches> weeklyBreaches,
      SlaPauses slaPauses) {}

  /**
   * @param asked pauses that began in the period (a question to the reporter)
   * @param answered pauses that ended in the period with the reporter's answer (the clock resumed)
   * @param unanswered pauses that ended in the period without an answer (the incident closed)
   * @param awaiting pauses still waiting for the reporter at the end of the period
   * @param pausedFor the pauses that ended in the period: question to answer or to closing
   */
  public record SlaPauses(
      long asked, long answered, long unanswered, long awaiting, Durations pausedFor) {}

  public record PriorityFigures(
      String priority, long reported, long responseBreaches, long resolutionBreaches) {}

  public record Breaches(String priority, int level, long count) {}

  public record WeekBreaches(LocalDate weekStart, long response, long resolution) {}

  /**
   * @param proposals agent invocations in the instances started in the period
   * @param reviewed of them, those a person has judged
   * @param agreed the person confirmed the proposal
   * @param overridden the person decided otherwise
   * @param agreementRate agreed / reviewed, four decimals; absent when none reviewed
   * @param overrideRate overridden / reviewed, four decimals; absent when none reviewed
   */
  public record AgentFigures(
      String task,
      String activityId,
      long proposals,
      long reviewed,
      long agreed,
      long overridden,
      BigDecimal agreementRate,
      BigDecimal overrideRate) {}
}
