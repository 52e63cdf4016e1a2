package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.platform.api.list.Cursor;
import io.handoff.platform.api.list.ListSpec;
import io.handoff.support.Databases;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.QueryPlans;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.store.VendorApplicationSearch;
import io.handoff.vendor.store.VendorSearch;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * GET /api/vendors and GET /api/vendor-applications: filters, sorting, keyset paging and one 400
 * for every bad parameter.
 */
@HandoffSpringTest
class VendorListApiTest extends RestTestSupport {

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbcClient;
  @Autowired VendorSearch search;
  @Autowired VendorApplicationSearch applicationSearch;

  @Autowired VendorMaster vendorMaster;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** A vendor in the master, created the way onboarding creates it once approved. */
  private VendorMaster.Vendor vendor(String name, String country, String category) {
    VendorApplicationRequest r =
        VendorRequests.request(name, category, new java.math.BigDecimal("1000.00"), false, "paul");
    String id =
        vendorMaster.create(
            new VendorMaster.NewVendor(
                name,
                country,
                r.vatId(),
                r.iban(),
                r.contactEmail(),
                category,
                "LOW",
                UUID.randomUUID().toString()));
    return vendorMaster.find(id).orElseThrow();
  }

  private JsonPath list(String path, Map<String, ?> query) {
    return asIntegration()
        .queryParams(query)
        .get(path)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  @Test
  void vendorsAreFoundByPartOfTheNameVatNumberAndIbanAsTheVendorViewShowsThem() {
    VendorMaster.Vendor alpha = vendor("Alpha " + tag + " GmbH", "DE", "OFFICE_SUPPLIES");
    VendorMaster.Vendor beta = vendor("Beta " + tag + " 100%_ AG", "DE", "IT_SERVICES");

    JsonPath byName = list("/api/vendors", Map.of("name", tag.toUpperCase()));
    assertThat(byName.getList("items.vendorId", String.class))
        .containsExactly(beta.vendorId(), alpha.vendorId());
    // The items are what GET /api/vendors/{vendorId} answers.
    Map<String, Object> one =
        asIntegration().get("/api/vendors/{id}", alpha.vendorId()).then().extract().path("");
    assertThat(byName.getMap("items[1]")).isEqualTo(one);

    assertThat(
            list("/api/vendors", Map.of("name", tag, "sort", "legalName"))
                .getList("items.vendorId", String.class))
        .containsExactly(alpha.vendorId(), beta.vendorId());
    // LIKE's wildcards are taken literally.
    assertThat(
            list("/api/vendors", Map.of("name", tag + " 100%_"))
                .getList("items.vendorId", String.class))
        .containsExactly(beta.vendorId());
    assertThat(list("/api/vendors", Map.of("name", tag + "%")).getList("items")).isEmpty();

    String spacedIban =
        alpha.iban().substring(0, 4) + " " + alpha.iban().substring(4).toLowerCase();
    assertThat(
            list("/api/vendors", Map.of("iban", spacedIban))
                .getList("items.vendorId", String.class))
        .containsExactly(alpha.vendorId());
    assertThat(
            list("/api/vendors", Map.of("vatId", beta.vatId().toLowerCase()))
                .getList("items.vendorId", String.class))
        .containsExactly(beta.vendorId());
    assertThat(
            list("/api/vendors", Map.of("name", tag, "category", "IT_SERVICES", "country", "de"))
                .getList("items.vendorId", String.class))
        .containsExactly(beta.vendorId());
  }

  @Test
  void vendorsArePagedOnceWhileOthersAreCreated() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(vendor("Paged " + tag + " " + i, "DE", "OFFICE_SUPPLIES").vendorId());
    }
    List<String> seen = new ArrayList<>();
    JsonPath page = list("/api/vendors", Map.of("name", tag, "size", 2, "sort", "vendorId,asc"));
    while (true) {
      seen.addAll(page.getList("items.vendorId", String.class));
      String next = page.getString("page.next");
      if (next == null) {
        break;
      }
      // A new vendor has the highest id: it comes on the last page, once.
      created.add(vendor("Paged " + tag + " new " + created.size(), "DE", "OTHER").vendorId());
      page = asIntegration().get(next).then().statusCode(200).extract().jsonPath();
    }
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void applicationsAreListedByStatusRequesterAndTimeSubmitted() {
    String requester = "req-" + tag;
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ClockUtil.setCurrentTime(Date.from(t0.plusSeconds(3600L * i)));
      ids.add(
          asIntegration()
              .body(VendorRequests.lowRisk(requester))
              .post("/api/vendor-applications")
              .then()
              .statusCode(201)
              .extract()
              .path("applicationId"));
    }
    JsonPath all = list("/api/vendor-applications", Map.of("requestedBy", requester));
    assertThat(all.getList("items.applicationId", String.class))
        .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(all.getList("items.requestedBy", String.class)).containsOnly(requester);
    assertThat(all.getMap("items[0]")).doesNotContainKeys("iban", "contactEmail", "contractText");
    String status = all.getString("items[0].status");
    assertThat(
            list("/api/vendor-applications", Map.of("requestedBy", requester, "status", status))
                .getList("items.applicationId", String.class))
        .contains(ids.get(2));
    assertThat(
            list(
                    "/api/vendor-applications",
                    Map.of("requestedBy", requester, "status", "BLOCKED_SANCTIONS,DUPLICATE"))
                .getList("items"))
        .isEmpty();
    assertThat(
            list(
                    "/api/vendor-applications",
                    Map.of(
                        "requestedBy",
                        requester,
                        "createdFrom",
                        t0.plusSeconds(3600).toString(),
                        "sort",
                        "createdAt,asc"))
                .getList("items.applicationId", String.class))
        .containsExactly(ids.get(1), ids.get(2));

    JsonPath first = list("/api/vendor-applications", Map.of("requestedBy", requester, "size", 2));
    assertThat(first.getList("items.applicationId", String.class))
        .containsExactly(ids.get(2), ids.get(1));
    JsonPath second = asIntegration().get(first.getString("page.next")).then().extract().jsonPath();
    assertThat(second.getList("items.applicationId", String.class)).containsExactly(ids.get(0));
    assertThat(second.getString("page.next")).isNull();
  }

  @Test
  void everyBadParameterIsNamedInOneAnswer() {
    asIntegration()
        .queryParam("status", "PENDING")
        .queryParam("createdTo", "02.03.2026")
        .queryParam("sort", "legalName")
        .queryParam("size", 1000)
        .queryParam("cursor", "eHl6")
        .get("/api/vendor-applications")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:invalid-request"))
        .body("errors.field", containsInAnyOrder("status", "createdTo", "sort", "size", "cursor"))
        .body(
            "errors.find { it.field == 'status' }.message",
            allOf(containsString("'PENDING'; allowed: "), containsString("SCREENING")));
    asIntegration()
        .queryParam("name", "")
        .queryParam("iban", "x".repeat(201))
        .queryParam("vat", "DE1")
        .get("/api/vendors")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("name", "iban", "vat"));
  }

  @Test
  void theVendorFiltersAreServedByAnIndexOnPostgres() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource), "query plans are checked on PostgreSQL");
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    String cursor =
        new Cursor(
                VendorSearch.SPEC.defaultSort(),
                ListSpec.Direction.DESC,
                "ffffffff",
                "2026-03-02T09:00:00Z")
            .encode();
    for (PlanCase c :
        List.of(
            new PlanCase(null, Map.of()),
            new PlanCase("created_at", Map.of("cursor", cursor)),
            new PlanCase("vat_id", Map.of("vatId", "DE136695976")),
            new PlanCase("iban", Map.of("iban", "DE89370400440532013000")),
            new PlanCase("country", Map.of("country", "DE")))) {
      LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
      c.query().forEach(parameters::add);
      QueryPlans.assertIndexed(
          jdbcClient, transactions, search.query(parameters).statement(), "vendor", c.column());
    }
  }

  @Test
  void theApplicationFiltersAreServedByAnIndexOnPostgres() throws Exception {
    assumeTrue(Databases.isPostgres(dataSource), "query plans are checked on PostgreSQL");
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    String cursor =
        new Cursor(
                VendorApplicationSearch.SPEC.defaultSort(),
                ListSpec.Direction.DESC,
                "ffffffff",
                "2026-03-02T09:00:00Z")
            .encode();
    for (PlanCase c :
        List.of(
            new PlanCase(null, Map.of()),
            // a later page within a status: an index either way (status index or keyset bound,
            // as the planner chooses for the rows there are)
            new PlanCase(null, Map.of("status", "SCREENING", "cursor", cursor)),
            new PlanCase("status", Map.of("status", "SCREENING")),
            new PlanCase("requested_by", Map.of("requestedBy", "paul")),
            new PlanCase("created_at", Map.of("createdFrom", "2026-03-01")))) {
      LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
      c.query().forEach(parameters::add);
      QueryPlans.assertIndexed(
          jdbcClient,
          transactions,
          applicationSearch.query(parameters).statement(),
          "vendor_application",
          c.column());
    }
  }

  /** A list query and the column an index must bound (null: only no sequential scan). */
  private record PlanCase(String column, Map<String, String> query) {}
}
