package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.platform.api.list.Cursor;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.procurement.store.PurchaseOrderSearch;
import io.handoff.support.Databases;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.QueryPlans;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * GET /api/purchase-orders: filters, sorting, keyset paging, and per line the quantities ordered,
 * received and invoiced.
 */
@HandoffSpringTest
class PurchaseOrderListApiTest extends ProcurementTestSupport {

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbcClient;
  @Autowired PurchaseOrderSearch search;

  private void createOrder(String number, String requestedBy, String category, Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    Map<String, Object> po =
        purchaseOrder(
            requestedBy,
            List.of(poLine(1, "A-100", "10", "100.00"), poLine(2, "B-200", "5", "20.00")));
    po.put("poNumber", number);
    po.put("category", category);
    asIntegration().body(po).post("/api/purchase-orders").then().statusCode(201);
  }

  private JsonPath list(Map<String, ?> query) {
    return asIntegration()
        .queryParams(query)
        .get("/api/purchase-orders")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  @Test
  void eachLineShowsTheQuantitiesOrderedReceivedAndInvoiced() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "6").then().statusCode(201);
    receive(1, "2", 2, "5").then().statusCode(201);
    submit(invoice("INV-1", List.of(invoiceLine(1, "4", "100.00")))).then().statusCode(201);
    submit(invoice("INV-2", List.of(invoiceLine(1, "3", "100.00"), invoiceLine(2, "1", "20.00"))))
        .then()
        .statusCode(201);

    JsonPath page = list(Map.of("vendorId", vendorId));
    assertThat(page.getList("items.poNumber", String.class)).containsExactly(poNumber);
    assertThat(page.getString("items[0].requestedBy")).isEqualTo(DemoUsers.PAUL);
    assertThat(page.getInt("items[0].lines[0].line")).isEqualTo(1);
    assertThat(page.getString("items[0].lines[0].sku")).isEqualTo("A-100");
    assertThat(page.getDouble("items[0].lines[0].orderedQuantity")).isEqualTo(10);
    assertThat(page.getDouble("items[0].lines[0].receivedQuantity")).isEqualTo(8);
    assertThat(page.getDouble("items[0].lines[0].invoicedQuantity")).isEqualTo(7);
    assertThat(page.getDouble("items[0].lines[1].orderedQuantity")).isEqualTo(5);
    assertThat(page.getDouble("items[0].lines[1].receivedQuantity")).isEqualTo(5);
    assertThat(page.getDouble("items[0].lines[1].invoicedQuantity")).isEqualTo(1);
    assertThat(page.getDouble("items[0].lines[1].unitPrice")).isEqualTo(20.00);
  }

  @Test
  void filtersSortsAndPagesOrdersOnceWhileOthersArrive() {
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    for (int i = 1; i <= 5; i++) {
      createOrder(
          poNumber + "-" + i,
          i % 2 == 0 ? DemoUsers.PAUL : DemoUsers.SAM,
          i <= 3 ? "office-supplies" : "it-hardware",
          t0.plusSeconds(60L * i));
    }
    assertThat(list(Map.of("vendorId", vendorId)).getList("items.poNumber", String.class))
        .containsExactly(
            poNumber + "-5", poNumber + "-4", poNumber + "-3", poNumber + "-2", poNumber + "-1");
    assertThat(
            list(Map.of("vendorId", vendorId, "requestedBy", DemoUsers.PAUL, "sort", "poNumber"))
                .getList("items.poNumber", String.class))
        .containsExactly(poNumber + "-2", poNumber + "-4");
    assertThat(
            list(Map.of(
                    "vendorId",
                    vendorId,
                    "category",
                    "it-hardware",
                    "createdFrom",
                    t0.plusSeconds(300).toString()))
                .getList("items.poNumber", String.class))
        .containsExactly(poNumber + "-5");
    assertThat(
            list(Map.of("vendorId", vendorId, "createdTo", t0.plusSeconds(120).toString()))
                .getList("items.poNumber", String.class))
        .containsExactly(poNumber + "-1");

    List<String> seen = new ArrayList<>();
    JsonPath page = list(Map.of("vendorId", vendorId, "size", 2, "sort", "poNumber,asc"));
    int arrived = 0;
    while (true) {
      seen.addAll(page.getList("items.poNumber", String.class));
      String next = page.getString("page.next");
      if (next == null) {
        break;
      }
      // Sorted after every order so far: it comes on the last page, once.
      createOrder(poNumber + "-9" + arrived++, DemoUsers.SAM, "office-supplies", t0);
      page = asIntegration().get(next).then().statusCode(200).extract().jsonPath();
    }
    assertThat(seen)
        .startsWith(
            poNumber + "-1", poNumber + "-2", poNumber + "-3", poNumber + "-4", poNumber + "-5")
        .doesNotHaveDuplicates()
        .hasSize(5 + arrived);
  }

  @Test
  void everyBadParameterIsNamedInOneAnswer() {
    asIntegration()
        .queryParam("createdFrom", "March")
        .queryParam("size", -1)
        .queryParam("sort", "poNumber,up")
        .queryParam("status", "OPEN")
        .get("/api/purchase-orders")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:invalid-request"))
        .body("errors.field", containsInAnyOrder("createdFrom", "size", "sort", "status"));
  }

  @Test
  void theMainFiltersAreServedByAnIndexOnPostgres() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource), "query plans are checked on PostgreSQL");
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    String cursor =
        new Cursor(
                PurchaseOrderSearch.SPEC.defaultSort(),
                ListSpec.Direction.DESC,
                "ffffffff",
                "2026-03-02T09:00:00Z")
            .encode();
    for (PlanCase c :
        List.of(
            new PlanCase(null, Map.of()),
            new PlanCase("created_at", Map.of("cursor", cursor)),
            new PlanCase("vendor_id", Map.of("vendorId", "V-1")),
            new PlanCase("requested_by", Map.of("requestedBy", "paul")),
            new PlanCase("category", Map.of("category", "office-supplies")))) {
      LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
      c.query().forEach(parameters::add);
      QueryPlans.assertIndexed(
          jdbcClient,
          transactions,
          search.query(parameters).statement(),
          "purchase_order",
          c.column());
    }
  }

  /** A list query and the column an index must bound (null: only no sequential scan). */
  private record PlanCase(String column, Map<String, String> query) {}
}
