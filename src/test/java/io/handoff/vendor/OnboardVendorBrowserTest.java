package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.LongTexts;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In a real browser: a procurement user starts "Onboard a vendor" from the Tasklist start form. */
@HandoffSpringTest
class OnboardVendorBrowserTest {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired JdbcClient jdbc;
  @Autowired TaskService taskService;

  @Test
  void aProcurementUserOnboardsAVendorFromTheStartForm() throws Exception {
    String legalName = "Brightline Office Services " + UUID.randomUUID().toString().substring(0, 6);
    String vatId = VendorRequests.freshGermanVatId();
    String iban = VendorRequests.freshGermanIban();

    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.PAUL);
    browser.openStartForm("Vendor onboarding");
    browser.fill("Legal name", legalName);
    browser.fill("Country (ISO code, e.g. DE)", "DE");
    browser.fill("VAT number", vatId);
    browser.fill("IBAN", iban);
    browser.fill("Vendor contact e-mail", "sales@brightline.example");
    browser.choose("Category", "Office supplies");
    browser.fill("Expected annual spend", "12000");
    browser.fill("Supplier contract (text)", VendorRequests.CONTRACT.replace("\n", " ").strip());
    browser.screenshot("vendor-onboard-start");
    browser.submitStartForm();

    Map<String, Object> application =
        jdbc.sql(
                "SELECT requested_by, vat_id, iban, status, category FROM vendor_application"
                    + " WHERE legal_name = ?")
            .param(legalName)
            .query()
            .singleRow();
    assertThat(application.get("requested_by")).isEqualTo(DemoUsers.PAUL);
    assertThat(application.get("vat_id")).isEqualTo(vatId);
    assertThat(application.get("iban")).isEqualTo(iban);
    assertThat(application.get("category")).isEqualTo("OFFICE_SUPPLIES");
    assertThat(application.get("status")).isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void aSixThousandCharacterContractPastedIntoTheStartFormStartsOnboardingAndLegalReadsItAll()
      throws Exception {
    String legalName = "Langvertrag Druck GmbH " + UUID.randomUUID().toString().substring(0, 6);
    String contract =
        VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE
            + LongTexts.of(
                6_000 - VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE.length(),
                "Annex 1: delivery sites");

    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.PAUL);
    browser.openStartForm("Vendor onboarding");
    browser.fill("Legal name", legalName);
    browser.fill("Country (ISO code, e.g. DE)", "DE");
    browser.fill("VAT number", VendorRequests.freshGermanVatId());
    browser.fill("IBAN", VendorRequests.freshGermanIban());
    browser.fill("Vendor contact e-mail", "sales@langvertrag.example");
    browser.choose("Category", "Office supplies");
    browser.fill("Expected annual spend", "12000");
    browser.fill("Supplier contract (text)", contract);
    browser.submitStartForm();

    Map<String, Object> application =
        jdbc.sql(
                "SELECT contract_text, process_instance_id FROM vendor_application"
                    + " WHERE legal_name = ?")
            .param(legalName)
            .query()
            .singleRow();
    assertThat(text(application.get("contract_text"))).hasSize(6_000).isEqualTo(contract);

    String review =
        taskService
            .createTaskQuery()
            .processInstanceId((String) application.get("process_instance_id"))
            .taskDefinitionKey("ReviewContractTask")
            .singleResult()
            .getId();
    browser.logout();
    browser.loginToTasklist(DemoUsers.LEO);
    browser.openFilter("Legal");
    browser.openTask(review);
    assertThat(browser.fieldValue("Contract text")).isEqualTo(contract);
  }

  private static String text(Object value) throws java.sql.SQLException {
    return value instanceof java.sql.Clob clob
        ? clob.getSubString(1, (int) clob.length())
        : (String) value;
  }
}
