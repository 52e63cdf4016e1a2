package io.handoff.platform.insights;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Per BPMN element of a process, the element instances that started in {@code [from, to)}: how
 * many, how long they took, and for user tasks and wait states where that time went.
 *
 * @param totalTimeMs the time of all completed element instances together, sub-processes left out
 *     (their time is their children's)
 */
@Schema(description = "Bottlenecks per BPMN element over a period (docs/insights.md)")
public record ElementInsights(
    String processKey, Instant from, Instant to, long totalTimeMs, List<Element> elements) {

  /**
   * @param entered element instances started in the period
   * @param completed of them, those that ended
   * @param duration start to end of the completed ones
   * @param waiting user tasks: created to first claim (a task completed unclaimed waited its whole
   *     time)
   * @param working user tasks: first claim to completion
   * @param waited wait states (timers, message, signal and conditional events, receive tasks,
   *     event-based gateways): the time waited
   * @param shareOfTime this element's part of totalTimeMs, four decimals
   */
  public record Element(
      String activityId,
      String name,
      String type,
      long entered,
      long completed,
      Durations duration,
      Durations waiting,
      Durations working,
      Durations waited,
      BigDecimal shareOfTime) {}
}
