package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The REST contract of purchase orders, goods receipts and invoices, every 4xx included. */
@HandoffSpringTest
class InvoiceApiTest extends ProcurementTestSupport {

  @Autowired JdbcClient jdbc;

  private static ValidatableResponse badRequest(ValidatableResponse response) {
    return response
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:invalid-request"));
  }

  private long invoicesOfVendor() {
    return jdbc.sql("SELECT COUNT(*) FROM invoice WHERE vendor_id = ?")
        .param(vendorId)
        .query(Long.class)
        .single();
  }

  private void assertNothingStarted() {
    assertThat(invoicesOfVendor()).isZero();
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKeyLike(vendorId + ":%")
                .count())
        .isZero();
  }

  @Test
  void submittedInvoiceAnswers201WithLocationAndIsReadable() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);

    String pid =
        submit(cleanInvoice("INV-A"))
            .then()
            .statusCode(201)
            .contentType("application/json")
            .header("Location", endsWith("/api/invoices/" + vendorId + "/INV-A"))
            .body("status", equalTo("RECEIVED"))
            .body("processInstanceId", notNullValue())
            .extract()
            .path("processInstanceId");

    status("INV-A")
        .then()
        .statusCode(200)
        .body("processInstanceId", equalTo(pid))
        .body("total", equalTo(1100.00f))
        .body("lines[0].orderedQuantity", equalTo(10))
        .body("lines[0].orderUnitPrice", equalTo(100.00f))
        .body("lines[0].priceVariancePercent", equalTo(0.00f))
        .body("lines[1].matchResult", equalTo("MATCHED"))
        .body("approvals[0].kind", equalTo("invoice-approval-matrix"))
        .body("approvals[0].step", equalTo("DetermineApproversTask"));
  }

  @Test
  void identicalRepeatAnswers200WithTheSameInstance() {
    createPurchaseOrder(DemoUsers.PAUL);
    Map<String, Object> invoice = cleanInvoice("INV-B");
    String first = submit(invoice).then().statusCode(201).extract().path("processInstanceId");
    // The same numbers written differently are the same invoice.
    invoice.put("tax", new BigDecimal("0"));
    submit(invoice)
        .then()
        .statusCode(200)
        .header("Location", endsWith("/api/invoices/" + vendorId + "/INV-B"))
        .body("processInstanceId", equalTo(first));
    assertThat(invoicesOfVendor()).isEqualTo(1);
  }

  @Test
  void sameVendorAndNumberWithDifferentContentAnswers409() {
    createPurchaseOrder(DemoUsers.PAUL);
    submit(cleanInvoice("INV-C")).then().statusCode(201);
    Map<String, Object> different =
        invoice("INV-C", List.of(invoiceLine(1, "9", "100.00"), invoiceLine(2, "5", "20.00")));

    submit(different)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:duplicate-invoice"))
        .body("detail", containsString("INV-C"));
    assertThat(invoicesOfVendor()).isEqualTo(1);
  }

  @Test
  void unknownInvoiceAnswers404() {
    status("NOPE")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:not-found"));
  }

  @Test
  void withoutCredentialsAnswers401() {
    anonymous()
        .body(cleanInvoice("INV-D"))
        .post("/api/invoices")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    anonymous().get("/api/invoices/{v}/{n}", vendorId, "INV-D").then().statusCode(401);
    assertNothingStarted();
  }

  @Test
  void userOutsideTheApiGroupsAnswers403() {
    as(DemoUsers.ALICE)
        .body(cleanInvoice("INV-E"))
        .post("/api/invoices")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.ALICE)
        .body(purchaseOrder("paul", List.of()))
        .post("/api/purchase-orders")
        .then()
        .statusCode(403);
    assertNothingStarted();
  }

  @Test
  void malformedJsonAnswers400() {
    badRequest(
        asIntegration()
            .body("{\"vendorId\": \"V-1\", ")
            .post("/api/invoices")
            .then()
            .body("errors[0].field", equalTo("body")));
  }

  @Test
  void missingAndNegativeFieldsAreEachNamed() {
    Map<String, Object> invoice =
        invoice("INV-F", List.of(invoiceLine(1, "-2", "100.00"), invoiceLine(2, "5", "-20.00")));
    invoice.remove("poNumber");
    invoice.remove("invoiceDate");
    invoice.put("tax", new BigDecimal("-1"));

    badRequest(submit(invoice).then())
        .body(
            "errors.field",
            hasItems("poNumber", "invoiceDate", "tax", "lines[0].quantity", "lines[1].unitPrice"));
    assertNothingStarted();
  }

  @Test
  void unknownCurrencyAndPaymentTermsAreNamed() {
    Map<String, Object> invoice = cleanInvoice("INV-G");
    invoice.put("currency", "XYZ");
    invoice.put("paymentTerms", "WHENEVER");

    badRequest(submit(invoice).then())
        .body("errors.field", hasItems("currency", "paymentTerms"))
        .body("errors.find { it.field == 'currency' }.message", containsString("XYZ"));
    assertNothingStarted();
  }

  @Test
  void wrongTypesAreNamed() {
    Map<String, Object> invoice = cleanInvoice("INV-H");
    invoice.put("total", "a lot");
    badRequest(submit(invoice).then()).body("errors[0].field", equalTo("total"));

    Map<String, Object> badDate = cleanInvoice("INV-H");
    badDate.put("invoiceDate", "yesterday");
    badRequest(submit(badDate).then())
        .body("errors[0].field", equalTo("invoiceDate"))
        .body("errors[0].message", containsString("yyyy-MM-dd"));

    Map<String, Object> lineNotObject = cleanInvoice("INV-H");
    lineNotObject.put("lines", List.of("one"));
    badRequest(submit(lineNotObject).then()).body("errors[0].field", equalTo("lines[0]"));
    assertNothingStarted();
  }

  @Test
  void totalsThatDoNotAddUpAreRejectedWithTheirReasons() {
    Map<String, Object> invoice = cleanInvoice("INV-I");
    invoice.put("total", new BigDecimal("1100.02"));
    @SuppressWarnings("unchecked")
    Map<String, Object> line = (Map<String, Object>) ((List<?>) invoice.get("lines")).get(0);
    line.put("amount", new BigDecimal("999.00"));

    badRequest(submit(invoice).then())
        .body("errors.field", hasItems("lines[0].amount", "total"))
        .body(
            "errors.find { it.field == 'lines[0].amount' }.message",
            containsString("quantity x unit price is 1000.00"));
    assertNothingStarted();
  }

  @Test
  void totalWithinOneCentOfLinesPlusTaxIsAccepted() {
    createPurchaseOrder(DemoUsers.PAUL);
    Map<String, Object> invoice = cleanInvoice("INV-J");
    invoice.put("tax", new BigDecimal("209.00"));
    invoice.put("total", new BigDecimal("1309.01"));
    submit(invoice).then().statusCode(201);
  }

  @Test
  void duplicateLineNumbersAreNamed() {
    Map<String, Object> invoice =
        invoice("INV-K", List.of(invoiceLine(1, "10", "100.00"), invoiceLine(1, "5", "20.00")));
    badRequest(submit(invoice).then()).body("errors.field", hasItem("lines[1].line"));
  }

  @Test
  void purchaseOrderIsCreatedRepeatedAndRefusedWhenDifferent() {
    Map<String, Object> po = purchaseOrder("paul", List.of(poLine(1, "A-100", "10", "100.00")));
    asIntegration()
        .body(po)
        .post("/api/purchase-orders")
        .then()
        .statusCode(201)
        .header("Location", endsWith("/api/purchase-orders/" + poNumber))
        .body("poNumber", equalTo(poNumber));
    asIntegration().body(po).post("/api/purchase-orders").then().statusCode(200);
    asIntegration()
        .body(purchaseOrder("paul", List.of(poLine(1, "A-100", "11", "100.00"))))
        .post("/api/purchase-orders")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    asIntegration()
        .get("/api/purchase-orders/{po}", poNumber)
        .then()
        .statusCode(200)
        .body("order.lines[0].quantity", equalTo(10));
    asIntegration().get("/api/purchase-orders/{po}", "PO-NONE-" + suffix).then().statusCode(404);
  }

  @Test
  void invalidPurchaseOrderNamesEachField() {
    Map<String, Object> po =
        purchaseOrder(null, List.of(poLine(1, "A-100", "0", "100.00"), poLine(1, "B", "1", "1")));
    po.put("currency", "EURO");
    badRequest(asIntegration().body(po).post("/api/purchase-orders").then())
        .body(
            "errors.field",
            hasItems("requestedBy", "currency", "lines[0].quantity", "lines[1].line"));
  }

  @Test
  void goodsReceiptIsValidatedAgainstItsPurchaseOrder() {
    createPurchaseOrder(DemoUsers.PAUL);
    badRequest(
            asIntegration()
                .body(receipt("GR-" + suffix, 7, "1", 1, "-1"))
                .post("/api/goods-receipts")
                .then())
        .body("errors.field", hasItems("lines[0].line", "lines[1].quantity"));

    Map<String, Object> unknownOrder =
        Map.of(
            "receiptId",
            "GR-X-" + suffix,
            "poNumber",
            "PO-NONE-" + suffix,
            "lines",
            List.of(Map.of("line", 1, "quantity", 1)));
    badRequest(asIntegration().body(unknownOrder).post("/api/goods-receipts").then())
        .body("errors[0].field", equalTo("poNumber"));

    Map<String, Object> receipt = receipt("GR-" + suffix, 1, "2");
    asIntegration().body(receipt).post("/api/goods-receipts").then().statusCode(201);
    asIntegration().body(receipt).post("/api/goods-receipts").then().statusCode(200);
    asIntegration()
        .body(receipt("GR-" + suffix, 1, "3"))
        .post("/api/goods-receipts")
        .then()
        .statusCode(409);
    asIntegration()
        .get("/api/purchase-orders/{po}", poNumber)
        .then()
        .body("received.1", equalTo(2));
  }

  @Test
  void correctionOfAnInvoiceNotWaitingForOneAnswers409And404WhenUnknown() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    submit(cleanInvoice("INV-L")).then().statusCode(201);
    Map<String, Object> correction =
        Map.of(
            "invoiceDate",
            INVOICE_DATE.toString(),
            "lines",
            List.of(invoiceLine(1, "10", "100.00")),
            "tax",
            0,
            "total",
            1000);
    asIntegration()
        .body(correction)
        .post("/api/invoices/{v}/{n}/correction", vendorId, "INV-L")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:handoff:problem:not-awaiting-correction"));
    asIntegration()
        .body(correction)
        .post("/api/invoices/{v}/{n}/correction", vendorId, "INV-NONE")
        .then()
        .statusCode(404);
  }

  @Test
  void contractIsDocumentedInOpenApi() {
    io.restassured.RestAssured.given()
        .auth()
        .preemptive()
        .basic(DemoUsers.ADMIN, DemoUsers.passwordOf(DemoUsers.ADMIN))
        .get("/v3/api-docs")
        .then()
        .statusCode(200)
        .body(
            "paths.keySet()",
            hasItems(
                "/api/invoices",
                "/api/invoices/{vendorId}/{invoiceNumber}",
                "/api/invoices/{vendorId}/{invoiceNumber}/correction",
                "/api/purchase-orders",
                "/api/goods-receipts"))
        .body("components.schemas.InvoiceRequest.required", hasItems("vendorId", "total"));
  }
}
