package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.calibration.Reliability;
import io.handoff.agent.task.IncidentClassifier;
import io.handoff.agent.task.IncidentClassifier.LabelledText;
import io.handoff.support.HandoffSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation of the classification agent as the process uses it, rerun with {@code ./mvnw -q
 * -Dlint.skip test -Dtest=IncidentAutonomyEvaluationTest}: every ticket of the held-out split, the
 * vague and off-topic texts and the genuine password and lockout requests (none of them used for
 * training or calibration) is reported as a new incident without category or known request, the way
 * a new user reports it, and runs through the real process up to where a person or the reporter is
 * needed; remediation jobs are run, so an action taken alone is a real identity request. Prints
 * accuracy, calibration error, coverage at the threshold, the wrong-autonomous-action rate and the
 * share of genuine requests remediated; writes target/agent-evaluation.md; fails below its floors.
 */
@HandoffSpringTest
class IncidentAutonomyEvaluationTest extends IncidentTestSupport {

  private static final Logger log = LoggerFactory.getLogger(IncidentAutonomyEvaluationTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD_RESET = "password-reset";

  /** What became of one evaluated ticket. */
  record Outcome(
      String set, String label, String proposal, double confidence, boolean alone, boolean acted) {}

  static List<LabelledText> load(String resource) throws IOException {
    try (InputStream in = IncidentAutonomyEvaluationTest.class.getResourceAsStream(resource)) {
      return IncidentClassifier.read(in);
    }
  }

  private Outcome run(String set, LabelledText sample) throws IOException {
    // Reported by the employee under their own login, from the Tasklist start form: the one way a
    // reset may act for the reporter at all (docs/security.md), so the agent's evidence decides.
    Incident incident =
        reportInTasklist("erin", sample.text(), "", Level.LOW, Level.LOW, null, null);
    AgentAction row = classification(incident);
    String proposal =
        row.output() == null ? null : JSON.readTree(row.output()).get("proposal").asText();
    for (Job job :
        managementService
            .createJobQuery()
            .processInstanceId(incident.processInstanceId())
            .activityId("RemediateAutomaticallyTask")
            .list()) {
      managementService.executeJob(job.getId());
    }
    boolean acted = !incidents.identityRequests(incident.id()).isEmpty();
    return new Outcome(
        set,
        sample.label(),
        proposal,
        row.confidence().doubleValue(),
        !row.routedToPerson(),
        acted);
  }

  @Test
  void noVagueOrOtherIncidentIsRemediatedAloneAndNineInTenPasswordRequestsAre() throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (LabelledText s : load("/agent/incident-heldout.txt")) {
      outcomes.add(run("held-out", s));
    }
    for (LabelledText s : load("/agent/incident-vague.txt")) {
      outcomes.add(run("vague", s));
    }
    for (LabelledText s : load("/agent/incident-password-requests.txt")) {
      outcomes.add(run("password", s));
    }

    List<Outcome> heldOut = outcomes.stream().filter(o -> o.set().equals("held-out")).toList();
    long right = heldOut.stream().filter(o -> o.label().equals(o.proposal())).count();
    double accuracy = (double) right / heldOut.size();
    Reliability reliability =
        Reliability.of(
            heldOut.stream()
                .map(o -> new Reliability.Outcome(o.confidence(), o.label().equals(o.proposal())))
                .toList());
    long covered = heldOut.stream().filter(Outcome::alone).count();
    long coveredRight =
        heldOut.stream().filter(o -> o.alone() && o.label().equals(o.proposal())).count();
    List<Outcome> noAction =
        outcomes.stream().filter(o -> !o.label().equals(PASSWORD_RESET)).toList();
    List<Outcome> wrongActions = noAction.stream().filter(Outcome::acted).toList();
    List<Outcome> genuine =
        outcomes.stream().filter(o -> o.label().equals(PASSWORD_RESET)).toList();
    long remediated = genuine.stream().filter(Outcome::acted).count();
    List<Outcome> vague = outcomes.stream().filter(o -> o.set().equals("vague")).toList();
    long vagueToPerson = vague.stream().filter(o -> !o.alone()).count();

    String report =
        String.format(
            Locale.ROOT,
            """
            Agent evaluation (classify-incident, local provider, incident-escalation as shipped):
            - held-out split: %d tickets, accuracy %.3f (%d right; "unknown" counts as wrong), \
            expected calibration error %.3f
            - coverage at the 0.75 threshold: %d/%d (%.3f) of held-out tickets decided without a \
            person, %.3f of them right
            - vague and off-topic texts: %d, %d of them (%.3f) sent to a person
            - wrong-autonomous-action rate: %d/%d (%.3f) tickets whose true label calls for no \
            action were remediated alone
            - genuine password and lockout requests remediated alone: %d/%d (%.3f) \
            (held-out %d/%d, new requests %d/%d)
            """,
            heldOut.size(),
            accuracy,
            right,
            reliability.expectedCalibrationError(),
            covered,
            heldOut.size(),
            (double) covered / heldOut.size(),
            covered == 0 ? 0.0 : (double) coveredRight / covered,
            vague.size(),
            vagueToPerson,
            (double) vagueToPerson / vague.size(),
            wrongActions.size(),
            noAction.size(),
            (double) wrongActions.size() / noAction.size(),
            remediated,
            genuine.size(),
            (double) remediated / genuine.size(),
            genuine.stream().filter(o -> o.set().equals("held-out") && o.acted()).count(),
            genuine.stream().filter(o -> o.set().equals("held-out")).count(),
            genuine.stream().filter(o -> o.set().equals("password") && o.acted()).count(),
            genuine.stream().filter(o -> o.set().equals("password")).count());
    String table = "Reliability on the held-out split:\n\n" + reliability.markdownTable();
    log.info("{}\n{}", report, table);
    System.out.println(report + "\n" + table);
    Files.writeString(
        Path.of("target", "agent-evaluation.md"), report + "\n" + table, StandardCharsets.UTF_8);

    assertThat(wrongActions).as(report).isEmpty();
    assertThat((double) remediated / genuine.size()).as(report).isGreaterThanOrEqualTo(0.9);
    assertThat(accuracy).as(report).isGreaterThanOrEqualTo(0.8);
    assertThat(reliability.expectedCalibrationError()).as(report).isLessThan(0.08);
    assertThat((double) vagueToPerson / vague.size()).as(report).isGreaterThanOrEqualTo(0.8);
  }
}
