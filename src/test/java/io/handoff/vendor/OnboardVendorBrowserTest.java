package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In a real browser: a procurement user starts "Onboard a vendor" from the Tasklist start form. */
@HandoffSpringTest
class OnboardVendorBrowserTest {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired JdbcClient jdbc;

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
}
