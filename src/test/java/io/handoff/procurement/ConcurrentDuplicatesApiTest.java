package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.Concurrently;
import io.handoff.support.HandoffSpringTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests that arrive at the same moment get the answers they would get one after the other: an
 * identical repeat 200, other content under the same key 409, never a 500, and the database holds
 * exactly what the sequential run would have stored. Real HTTP, several rounds each.
 */
@HandoffSpringTest
class ConcurrentDuplicatesApiTest extends ProcurementTestSupport {

  private static final int ROUNDS = 4;

  @Autowired JdbcClient jdbc;

  private static String fresh(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Map<String, Object> order(String number, String requestedBy) {
    Map<String, Object> po =
        purchaseOrder(
            requestedBy,
            List.of(poLine(1, "A-100", "10", "100.00"), poLine(2, "B-200", "5", "20.00")));
    po.put("poNumber", number);
    return po;
  }

  private static List<Integer> statuses(List<Response> responses) {
    List<Integer> statuses = new ArrayList<>(responses.stream().map(Response::statusCode).toList());
    Collections.sort(statuses);
    return statuses;
  }

  private int count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Integer.class).single();
  }

  @Test
  void identicalPurchaseOrdersAtTheSameMomentAreOneOrderAnswered201And200() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String number = fresh("PO");
      Map<String, Object> body = order(number, "paul");
      int callers = round % 2 == 0 ? 2 : 8;
      List<Response> answers =
          Concurrently.times(
              callers, () -> asIntegration().body(body).post("/api/purchase-orders"));
      List<Integer> expected = new ArrayList<>(Collections.nCopies(callers - 1, 200));
      expected.add(201);
      assertThat(statuses(answers)).as("round %d", round).isEqualTo(expected);
      assertThat(answers)
          .allSatisfy(a -> assertThat(a.path("poNumber").toString()).isEqualTo(number));
      assertThat(count("SELECT COUNT(*) FROM purchase_order WHERE po_number = ?", number))
          .isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM purchase_order_line WHERE po_number = ?", number))
          .isEqualTo(2);
    }
  }

  @Test
  void twoDifferentPurchaseOrdersUnderOneNumberAtTheSameMomentAre201And409() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String number = fresh("PO");
      List<Response> answers =
          Concurrently.run(
              List.of(
                  () -> asIntegration().body(order(number, "paul")).post("/api/purchase-orders"),
                  () -> asIntegration().body(order(number, "priya")).post("/api/purchase-orders")));
      assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 409);
      Response refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().get();
      assertThat(refused.contentType()).startsWith("application/problem+json");
      Response stored = answers.stream().filter(a -> a.statusCode() == 201).findFirst().get();
      assertThat(
              jdbc.sql("SELECT requested_by FROM purchase_order WHERE po_number = ?")
                  .param(number)
                  .query(String.class)
                  .single())
          .isEqualTo(stored.path("requestedBy"));
    }
  }

  @Test
  void identicalGoodsReceiptsAtTheSameMomentAreOneReceiptAnswered201And200() throws Exception {
    createPurchaseOrder("paul");
    for (int round = 0; round < ROUNDS; round++) {
      String receiptId = fresh("GR");
      Map<String, Object> body = receipt(receiptId, 1, "1");
      int callers = round % 2 == 0 ? 2 : 8;
      List<Response> answers =
          Concurrently.times(callers, () -> asIntegration().body(body).post("/api/goods-receipts"));
      List<Integer> expected = new ArrayList<>(Collections.nCopies(callers - 1, 200));
      expected.add(201);
      assertThat(statuses(answers)).as("round %d", round).isEqualTo(expected);
      assertThat(count("SELECT COUNT(*) FROM goods_receipt WHERE receipt_id = ?", receiptId))
          .isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM goods_receipt_line WHERE receipt_id = ?", receiptId))
          .isEqualTo(1);
    }
    assertThat(count("SELECT COUNT(*) FROM goods_receipt WHERE po_number = ?", poNumber))
        .isEqualTo(ROUNDS);
  }

  @Test
  void oneReceiptIdWithOtherContentAtTheSameMomentIs201And409() throws Exception {
    createPurchaseOrder("paul");
    for (int round = 0; round < ROUNDS; round++) {
      String receiptId = fresh("GR");
      List<Response> answers =
          Concurrently.run(
              List.of(
                  () ->
                      asIntegration().body(receipt(receiptId, 1, "1")).post("/api/goods-receipts"),
                  () ->
                      asIntegration()
                          .body(receipt(receiptId, 2, "1"))
                          .post("/api/goods-receipts")));
      assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 409);
      assertThat(count("SELECT COUNT(*) FROM goods_receipt_line WHERE receipt_id = ?", receiptId))
          .isEqualTo(1);
    }
  }

  @Test
  void differentReceiptsForOneOrderAtTheSameMomentAreAllStoredAndWakeTheWaitingInvoice()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String number = fresh("PO");
      asIntegration()
          .body(order(number, "paul"))
          .post("/api/purchase-orders")
          .then()
          .statusCode(201);
      Map<String, Object> invoice = cleanInvoice(fresh("INV"));
      invoice.put("poNumber", number);
      submit(invoice).then().statusCode(201);
      List<Response> answers =
          Concurrently.run(
              List.of(
                  () ->
                      asIntegration().body(receiptOn(number, 1, "10")).post("/api/goods-receipts"),
                  () -> asIntegration().body(receiptOn(number, 2, "5")).post("/api/goods-receipts"),
                  () ->
                      asIntegration()
                          .body(receiptOn(number, 1, "0.5"))
                          .post("/api/goods-receipts")));
      assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 201, 201);
      assertThat(count("SELECT COUNT(*) FROM goods_receipt WHERE po_number = ?", number))
          .isEqualTo(3);
      assertThat(answers.stream().mapToInt(a -> a.<Integer>path("invoicesResumed")).sum())
          .as("the waiting invoice woke at least once, by one receipt at a time")
          .isGreaterThanOrEqualTo(1);
      asIntegration().get("/api/purchase-orders/{n}", number).then().statusCode(200);
      Map<String, Object> received =
          asIntegration().get("/api/purchase-orders/{n}", number).path("received");
      assertThat(new BigDecimal(received.get("1").toString())).isEqualByComparingTo("10.5");
      assertThat(new BigDecimal(received.get("2").toString())).isEqualByComparingTo("5");
    }
  }

  private static Map<String, Object> receiptOn(String number, int line, String quantity) {
    return Map.of(
        "receiptId",
        fresh("GR"),
        "poNumber",
        number,
        "lines",
        List.of(Map.of("line", line, "quantity", new BigDecimal(quantity))));
  }

  @Test
  void identicalInvoicesAtTheSameMomentStartOneProcessAnswered201And200() throws Exception {
    createPurchaseOrder("paul");
    for (int round = 0; round < ROUNDS; round++) {
      String number = fresh("INV");
      Map<String, Object> body = cleanInvoice(number);
      int callers = round % 2 == 0 ? 2 : 8;
      List<Response> answers = Concurrently.times(callers, () -> submit(body));
      List<Integer> expected = new ArrayList<>(Collections.nCopies(callers - 1, 200));
      expected.add(201);
      assertThat(statuses(answers)).as("round %d", round).isEqualTo(expected);
      assertThat(answers.stream().map(a -> a.<String>path("processInstanceId")).distinct())
          .hasSize(1);
      assertThat(
              count(
                  "SELECT COUNT(*) FROM invoice WHERE vendor_id = ? AND invoice_number = ?",
                  vendorId,
                  number))
          .isEqualTo(1);
      assertThat(
              runtimeService
                  .createProcessInstanceQuery()
                  .processInstanceBusinessKey(InvoiceVariables.businessKey(vendorId, number))
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void twoInvoicesUnderOneNumberWithOtherContentAtTheSameMomentAre201And409() throws Exception {
    createPurchaseOrder("paul");
    for (int round = 0; round < ROUNDS; round++) {
      String number = fresh("INV");
      List<Response> answers =
          Concurrently.run(
              List.of(
                  () -> submit(cleanInvoice(number)),
                  () ->
                      submit(
                          invoice(number.toLowerCase(), List.of(invoiceLine(1, "10", "100.00"))))));
      assertThat(statuses(answers)).as("round %d", round).containsExactly(201, 409);
      assertThat(
              count(
                  "SELECT COUNT(*) FROM invoice WHERE vendor_id = ? AND invoice_number_key = ?",
                  vendorId,
                  InvoiceNumbers.key(number)))
          .isEqualTo(1);
    }
  }
}
