package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.platform.api.list.Cursor;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.procurement.store.InvoiceSearch;
import io.handoff.support.Databases;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.QueryPlans;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/** GET /api/invoices: filters, sorting, keyset paging and one 400 for every bad parameter. */
@HandoffSpringTest
class InvoiceListApiTest extends ProcurementTestSupport {

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbcClient;
  @Autowired InvoiceSearch search;

  private void submitDated(String number, String date) {
    Map<String, Object> invoice = cleanInvoice(number);
    invoice.put("invoiceDate", date);
    submit(invoice).then().statusCode(201);
  }

  private JsonPath list(Map<String, ?> query) {
    return asIntegration()
        .queryParams(query)
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  /** Follows page.next from the first page to the last, collecting the invoice numbers. */
  private List<String> allPages(Map<String, ?> query, Runnable betweenPages) {
    List<String> numbers = new ArrayList<>();
    JsonPath page = list(query);
    int pages = 1;
    while (true) {
      numbers.addAll(page.getList("items.invoiceNumber"));
      String next = page.getString("page.next");
      if (next == null) {
        break;
      }
      betweenPages.run();
      page = asIntegration().get(next).then().statusCode(200).extract().jsonPath();
      pages++;
      assertThat(pages).isLessThan(20);
    }
    return numbers;
  }

  @Test
  void filtersByVendorPurchaseOrderStatusAndInvoiceDateRange() {
    createPurchaseOrder(DemoUsers.PAUL);
    submitDated("INV-1", "2026-01-10");
    submitDated("INV-2", "2026-02-10");
    submitDated("INV-3", "2026-03-10");

    JsonPath vendor = list(Map.of("vendorId", vendorId));
    assertThat(vendor.getList("items.invoiceNumber", String.class))
        .containsExactlyInAnyOrder("INV-1", "INV-2", "INV-3");
    assertThat(vendor.getList("items.poNumber", String.class)).containsOnly(poNumber);
    assertThat(vendor.getString("page.next")).isNull();
    assertThat(vendor.getInt("page.size")).isEqualTo(20);

    assertThat(
            list(Map.of("poNumber", poNumber, "invoiceDateFrom", "2026-02-01"))
                .getList("items.invoiceNumber", String.class))
        .containsExactlyInAnyOrder("INV-2", "INV-3");
    assertThat(
            list(Map.of(
                    "vendorId",
                    vendorId,
                    "invoiceDateFrom",
                    "2026-02-10",
                    "invoiceDateTo",
                    "2026-02-10"))
                .getList("items.invoiceNumber", String.class))
        .containsExactly("INV-2");

    // Without goods received, every invoice waits for them.
    String waiting = list(Map.of("vendorId", vendorId)).getString("items[0].status");
    assertThat(
            list(Map.of("vendorId", vendorId, "status", waiting + ",REJECTED"))
                .getList("items.invoiceNumber", String.class))
        .hasSize(3);
    asIntegration()
        .queryParam("vendorId", vendorId)
        .queryParam("status", "REJECTED")
        .queryParam("status", "SCHEDULED_FOR_PAYMENT")
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("page.cursor", nullValue());
    assertThat(list(Map.of("vendorId", "V-none-" + suffix)).getList("items")).isEmpty();
  }

  @Test
  void sortsByInvoiceDateAndTotalInBothDirections() {
    createPurchaseOrder(DemoUsers.PAUL);
    submitDated("INV-B", "2026-02-01");
    submitDated("INV-A", "2026-01-01");
    submitDated("INV-C", "2026-03-01");

    assertThat(
            list(Map.of("vendorId", vendorId, "sort", "invoiceDate,asc"))
                .getList("items.invoiceNumber", String.class))
        .containsExactly("INV-A", "INV-B", "INV-C");
    assertThat(
            list(Map.of("vendorId", vendorId, "sort", "invoiceDate,desc"))
                .getList("items.invoiceNumber", String.class))
        .containsExactly("INV-C", "INV-B", "INV-A");
    // Default: newest submission first.
    assertThat(list(Map.of("vendorId", vendorId)).getList("items.invoiceNumber", String.class))
        .containsExactly("INV-C", "INV-A", "INV-B");
    asIntegration()
        .queryParam("vendorId", vendorId)
        .queryParam("sort", "total")
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .body("items.total", everyItem(equalTo(1100.00f)));
  }

  @Test
  void pagesThroughEveryInvoiceOnceWhileOthersArrive() {
    createPurchaseOrder(DemoUsers.PAUL);
    for (int i = 1; i <= 7; i++) {
      submitDated("INV-P" + i, "2026-01-0" + i);
    }
    List<String> inserted = new ArrayList<>();
    List<String> seen =
        allPages(
            Map.of("vendorId", vendorId, "size", 2, "sort", "invoiceDate,asc"),
            () -> {
              // Arrives between pages, dated before every page so far: it must not shift them.
              String number = "INV-N" + inserted.size();
              submitDated(number, "2025-12-0" + (inserted.size() + 1));
              inserted.add(number);
              if (inserted.size() == 1) {
                // And one dated after every page: it comes on the last page.
                submitDated("INV-Z", "2026-02-01");
              }
            });
    assertThat(seen)
        .containsExactly(
            "INV-P1", "INV-P2", "INV-P3", "INV-P4", "INV-P5", "INV-P6", "INV-P7", "INV-Z");
    assertThat(inserted).hasSize(3);

    // Paging by submission time, newest first, with ties broken by id: every invoice once.
    List<String> all = allPages(Map.of("vendorId", vendorId, "size", 3), () -> {});
    assertThat(all).hasSize(11).doesNotHaveDuplicates();
  }

  @Test
  void aPageHoldsAtMostTheMaximumSize() {
    asIntegration()
        .queryParam("size", 100)
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .body("page.size", equalTo(100));
    assertThat(list(Map.of("size", 100)).getList("items").size()).isLessThanOrEqualTo(100);
    asIntegration()
        .queryParam("size", 101)
        .get("/api/invoices")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("size"))
        .body("errors[0].message", containsString("1 to 100"));
  }

  @Test
  void everyBadParameterIsNamedInOneAnswer() {
    asIntegration()
        .queryParam("status", "PAID,EXCEPTION,waiting")
        .queryParam("invoiceDateFrom", "2026-13-01")
        .queryParam("invoiceDateTo", "yesterday")
        .queryParam("size", "ten")
        .queryParam("sort", "amount,desc")
        .queryParam("cursor", "not-a-cursor")
        .queryParam("vendor", "x")
        .queryParam("vendorId", "A\u0000B")
        .get("/api/invoices")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:invalid-request"))
        .body(
            "errors.field",
            containsInAnyOrder(
                "status",
                "invoiceDateFrom",
                "invoiceDateTo",
                "size",
                "sort",
                "cursor",
                "vendor",
                "vendorId"))
        .body(
            "errors.find { it.field == 'status' }.message",
            containsString("'PAID', 'waiting'; allowed: RECEIVED"))
        .body("errors.find { it.field == 'sort' }.message", containsString("receivedAt"));

    asIntegration()
        .queryParam("invoiceDateFrom", "2026-03-01")
        .queryParam("invoiceDateTo", "2026-02-01")
        .queryParam("size", "0")
        .get("/api/invoices")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("invoiceDateTo", "size"));
  }

  @Test
  void aCursorOfAnotherSortIsRefused() {
    createPurchaseOrder(DemoUsers.PAUL);
    submitDated("INV-X1", "2026-01-01");
    submitDated("INV-X2", "2026-01-02");
    String cursor =
        list(Map.of("vendorId", vendorId, "size", 1, "sort", "invoiceDate,asc"))
            .getString("page.cursor");
    asIntegration()
        .queryParam("vendorId", vendorId)
        .queryParam("size", 1)
        .queryParam("sort", "invoiceDate,asc")
        .queryParam("cursor", cursor)
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .body("items.invoiceNumber", containsInAnyOrder("INV-X2"));
    asIntegration()
        .queryParam("vendorId", vendorId)
        .queryParam("cursor", cursor)
        .get("/api/invoices")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("cursor"))
        .body("errors[0].message", containsString("invoiceDate,asc"));
  }

  @Test
  void listsAreForTheApiGroupsOnly() {
    anonymous().get("/api/invoices").then().statusCode(401);
    as(DemoUsers.ALICE).get("/api/invoices").then().statusCode(403);
  }

  @Test
  void theMainFiltersAreServedByAnIndexOnPostgres() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource), "query plans are checked on PostgreSQL");
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    String cursor =
        new Cursor(
                InvoiceSearch.SPEC.defaultSort(),
                ListSpec.Direction.DESC,
                "ffffffff",
                "2026-03-02T09:00:00Z")
            .encode();
    for (PlanCase c :
        List.of(
            new PlanCase(null, Map.of()),
            new PlanCase("received_at", Map.of("cursor", cursor)),
            // a later page within statuses: an index either way (status index or keyset bound, as
            // the
            // planner chooses for the rows there are)
            new PlanCase(null, Map.of("status", "EXCEPTION,AWAITING_APPROVAL", "cursor", cursor)),
            new PlanCase("status", Map.of("status", "REJECTED")),
            new PlanCase("vendor_id", Map.of("vendorId", "V-1")),
            new PlanCase("po_number", Map.of("poNumber", "PO-1")),
            new PlanCase(
                "invoice_date",
                Map.of(
                    "invoiceDateFrom",
                    "2026-01-01",
                    "invoiceDateTo",
                    "2026-01-31",
                    "sort",
                    "invoiceDate,asc")))) {
      LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
      c.query().forEach(parameters::add);
      QueryPlans.assertIndexed(
          jdbcClient, transactions, search.query(parameters).statement(), "invoice", c.column());
    }
  }

  /** A list query and the column an index must bound (null: only no sequential scan). */
  private record PlanCase(String column, Map<String, String> query) {}
}
