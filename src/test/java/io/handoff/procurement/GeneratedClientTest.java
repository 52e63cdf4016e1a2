package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.client.ApiClient;
import io.handoff.client.ApiException;
import io.handoff.client.ApiResponse;
import io.handoff.client.api.InvoicesApi;
import io.handoff.client.model.InvoiceAccepted;
import io.handoff.client.model.InvoiceLineRequest;
import io.handoff.client.model.InvoiceRequest;
import io.handoff.client.model.InvoiceView;
import io.handoff.client.model.Problem;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An integrator's client generated from {@code docs/openapi.json} by openapi-generator (Java,
 * {@code native} library; the build generates it into {@code target/generated-test-sources}) talks
 * to the running app over HTTP with Basic credentials: the document is one a client can be built
 * from, not only read.
 */
@HandoffSpringTest
class GeneratedClientTest extends ProcurementTestSupport {

  private InvoicesApi invoicesAs(String userId) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (userId + ":" + DemoUsers.passwordOf(userId)).getBytes(StandardCharsets.UTF_8));
    client.setRequestInterceptor(b -> b.header("Authorization", "Basic " + credentials));
    return new InvoicesApi(client);
  }

  private InvoiceRequest cleanInvoiceRequest(String invoiceNumber) {
    return new InvoiceRequest()
        .vendorId(vendorId)
        .invoiceNumber(invoiceNumber)
        .invoiceDate(INVOICE_DATE)
        .currency("EUR")
        .poNumber(poNumber)
        .paymentTerms("NET30")
        .lines(
            List.of(
                new InvoiceLineRequest()
                    .line(1)
                    .quantity(new BigDecimal("10"))
                    .unitPrice(new BigDecimal("100.00")),
                new InvoiceLineRequest()
                    .line(2)
                    .quantity(new BigDecimal("5"))
                    .unitPrice(new BigDecimal("20.00"))))
        .tax(new BigDecimal("0.00"))
        .total(new BigDecimal("1100.00"));
  }

  @Test
  void generatedClientSubmitsAnInvoiceAndReadsItBack() throws ApiException {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    InvoicesApi invoices = invoicesAs(DemoUsers.INTEGRATION);

    ApiResponse<InvoiceAccepted> created =
        invoices.invoiceSubmitWithHttpInfo(cleanInvoiceRequest("INV-GEN"));

    assertThat(created.getStatusCode()).isEqualTo(201);
    assertThat(created.getHeaders().get("location"))
        .containsExactly("/api/invoices/" + vendorId + "/INV-GEN");
    String processInstanceId = created.getData().getProcessInstanceId();
    assertThat(processInstanceId).isNotBlank();

    InvoiceView view = invoices.invoiceGet(vendorId, "INV-GEN");
    assertThat(view.getProcessInstanceId()).isEqualTo(processInstanceId);
    assertThat(view.getTotal()).isEqualByComparingTo("1100.00");
    assertThat(view.getLines()).hasSize(2);
    assertThat(view.getLines().get(0).getOrderedQuantity()).isEqualByComparingTo("10");

    ApiResponse<InvoiceAccepted> repeated =
        invoices.invoiceSubmitWithHttpInfo(cleanInvoiceRequest("INV-GEN"));
    assertThat(repeated.getStatusCode()).isEqualTo(200);
    assertThat(repeated.getData().getProcessInstanceId()).isEqualTo(processInstanceId);
  }

  @Test
  void generatedClientReadsEveryBadFieldFromTheProblem() throws Exception {
    InvoiceRequest bad =
        cleanInvoiceRequest("INV-GEN-BAD").currency("EURO").total(null).lines(null);

    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> invoicesAs(DemoUsers.INTEGRATION).invoiceSubmit(bad));

    assertThat(refused.getCode()).isEqualTo(400);
    Problem problem =
        new ObjectMapper()
            .findAndRegisterModules()
            .readValue(refused.getResponseBody(), Problem.class);
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getErrors())
        .extracting(e -> e.getField())
        .contains("currency", "total", "lines");
    assertThat(
            invoicesAs(DemoUsers.INTEGRATION)
                .invoiceList(null, vendorId, null, null, null, null, null, null)
                .getItems())
        .isEmpty();
  }

  @Test
  void generatedClientWithoutAnApiGroupIsRefused() {
    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () -> invoicesAs(DemoUsers.ALICE).invoiceSubmit(cleanInvoiceRequest("INV-GEN-403")));

    assertThat(refused.getCode()).isEqualTo(403);
  }
}
