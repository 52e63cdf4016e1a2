package io.handoff.procurement;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.RestTestSupport;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fixtures for procure-to-pay tests: a purchase order with two lines (10 x 100.00 and 5 x 20.00),
 * goods receipts and invoices, all through the REST API as the integration user.
 */
abstract class ProcurementTestSupport extends RestTestSupport {

  static final LocalDate INVOICE_DATE = LocalDate.of(2026, 3, 2);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final String vendorId = "V-" + suffix;
  final String poNumber = "PO-" + suffix;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Map<String, Object> poLine(int line, String sku, String quantity, String unitPrice) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", line);
    m.put("sku", sku);
    m.put("description", "Item " + sku);
    m.put("quantity", new BigDecimal(quantity));
    m.put("unitPrice", new BigDecimal(unitPrice));
    return m;
  }

  Map<String, Object> purchaseOrder(String requestedBy, List<Map<String, Object>> lines) {
    Map<String, Object> po = new LinkedHashMap<>();
    po.put("poNumber", poNumber);
    po.put("vendorId", vendorId);
    po.put("currency", "EUR");
    po.put("requestedBy", requestedBy);
    po.put("category", "office-supplies");
    po.put("lines", lines);
    return po;
  }

  /** The standard order: line 1 is 10 x 100.00, line 2 is 5 x 20.00. */
  void createPurchaseOrder(String requestedBy) {
    createPurchaseOrder(
        requestedBy, List.of(poLine(1, "A-100", "10", "100.00"), poLine(2, "B-200", "5", "20.00")));
  }

  void createPurchaseOrder(String requestedBy, List<Map<String, Object>> lines) {
    asIntegration()
        .body(purchaseOrder(requestedBy, lines))
        .post("/api/purchase-orders")
        .then()
        .statusCode(201);
  }

  Map<String, Object> receipt(String receiptId, Object... lineAndQuantity) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = 0; i < lineAndQuantity.length; i += 2) {
      lines.add(
          Map.of(
              "line",
              lineAndQuantity[i],
              "quantity",
              new BigDecimal((String) lineAndQuantity[i + 1])));
    }
    return Map.of("receiptId", receiptId, "poNumber", poNumber, "lines", lines);
  }

  Response receive(Object... lineAndQuantity) {
    return asIntegration()
        .body(receipt("GR-" + UUID.randomUUID().toString().substring(0, 8), lineAndQuantity))
        .post("/api/goods-receipts");
  }

  static Map<String, Object> invoiceLine(int line, String quantity, String unitPrice) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", line);
    m.put("quantity", new BigDecimal(quantity));
    m.put("unitPrice", new BigDecimal(unitPrice));
    return m;
  }

  /** An invoice with no tax whose total is the sum of its lines. */
  Map<String, Object> invoice(String invoiceNumber, List<Map<String, Object>> lines) {
    BigDecimal total = BigDecimal.ZERO;
    for (Map<String, Object> line : lines) {
      total =
          total.add(
              ((BigDecimal) line.get("quantity")).multiply((BigDecimal) line.get("unitPrice")));
    }
    Map<String, Object> invoice = new LinkedHashMap<>();
    invoice.put("vendorId", vendorId);
    invoice.put("invoiceNumber", invoiceNumber);
    invoice.put("invoiceDate", INVOICE_DATE.toString());
    invoice.put("currency", "EUR");
    invoice.put("poNumber", poNumber);
    invoice.put("paymentTerms", "NET30");
    invoice.put("lines", lines);
    invoice.put("tax", new BigDecimal("0.00"));
    invoice.put("total", total);
    return invoice;
  }

  /** The invoice billing exactly the standard order: 1,100.00. */
  Map<String, Object> cleanInvoice(String invoiceNumber) {
    return invoice(
        invoiceNumber, List.of(invoiceLine(1, "10", "100.00"), invoiceLine(2, "5", "20.00")));
  }

  Response submit(Map<String, Object> invoice) {
    return asIntegration().body(invoice).post("/api/invoices");
  }

  ProcessInstance submitAndGetInstance(Map<String, Object> invoice) {
    submit(invoice).then().statusCode(anyOf(equalTo(201), equalTo(200)));
    return instance((String) invoice.get("invoiceNumber"));
  }

  /** The open task of the instance at this activity, null when there is none. */
  Task openTask(ProcessInstance pi, String activityId) {
    return taskService
        .createTaskQuery()
        .processInstanceId(pi.getId())
        .taskDefinitionKey(activityId)
        .singleResult();
  }

  ProcessInstance instance(String invoiceNumber) {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(InvoiceVariables.businessKey(vendorId, invoiceNumber))
        .singleResult();
  }

  Response status(String invoiceNumber) {
    return asIntegration().get("/api/invoices/{v}/{n}", vendorId, invoiceNumber);
  }
}
