package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In a real browser: an employee reports an incident through the Tasklist start form. */
@HandoffSpringTest
class ReportIncidentBrowserTest {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired IncidentRepository incidents;
  @Autowired JdbcClient jdbc;

  @Test
  void anEmployeeReportsAnIncidentFromTheStartForm() throws Exception {
    String title = "Docking station dead " + UUID.randomUUID().toString().substring(0, 8);
    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.ERIN);
    browser.openStartForm("IT incident escalation");
    browser.fill("What is wrong? (short title)", title);
    browser.fill("Details", "No screen since this morning");
    browser.choose("Impact: how many are affected?", "Low");
    browser.choose("Urgency: how soon must it work again?", "Medium");
    browser.choose("Category (leave empty if unsure)", "Hardware");
    browser.screenshot("incident-report");
    browser.submitStartForm();

    String id =
        jdbc.sql("SELECT id FROM incident WHERE title = ?")
            .param(title)
            .query(String.class)
            .single();
    Incident incident = incidents.find(id).orElseThrow();
    assertThat(incident.reporter()).isEqualTo(DemoUsers.ERIN);
    assertThat(incident.category()).isEqualTo("hardware");
  }

  @Test
  void aReportTheIntakeRefusesShowsWhyInTheStartDialogAndStartsNothing() {
    String description =
        "Long log " + UUID.randomUUID() + "\n" + "kernel: eth0 link down\n".repeat(300);
    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.ERIN);
    browser.openStartForm("IT incident escalation");
    // Spaces pass the form's "required", not the intake's rule; the long details push the Start
    // button far below the top of the dialog, where the Tasklist writes why it refused.
    browser.fill("What is wrong? (short title)", "   ");
    browser.fill("Details", description);
    browser.choose("Impact: how many are affected?", "Low");
    browser.choose("Urgency: how soon must it work again?", "Medium");

    List<String> shown = browser.submitStartFormExpectingRefusal();

    assertThat(shown)
        .singleElement()
        .asString()
        .contains("The process could not be started")
        .contains("title: must not be blank");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM incident WHERE description = ?")
                .param(description)
                .query(Long.class)
                .single())
        .isZero();
  }
}
