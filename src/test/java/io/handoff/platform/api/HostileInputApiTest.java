package io.handoff.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.VendorRequests;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile input on every POST endpoint of the domain API, field by field: each value is refused
 * with 400 naming the field (413 for an oversized body), and nothing is stored. The same answers on
 * H2 and on PostgreSQL, which cannot store NUL.
 */
@HandoffSpringTest
class HostileInputApiTest extends RestTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final int LIMIT = 2 * 1024 * 1024;

  @Autowired JdbcClient jdbc;

  private String vendorId;
  private String poNumber;

  /** How a field is written; each kind has its table of hostile values. */
  enum Kind {
    ID,
    TEXT,
    MULTILINE,
    BOOLEAN,
    DECIMAL,
    INTEGER,
    DATE,
    TIMESTAMP,
    ENUM
  }

  /**
   * @param path dotted path in the body, as the 400 names it
   * @param required whether an empty value is wrong
   * @param bounded whether 100,000 characters exceed the field's limit
   */
  record Field(String path, Kind kind, boolean required, boolean bounded) {}

  /** One hostile value: the JSON text written in place of the field's value. */
  record Hostile(String name, String json) {}

  record Endpoint(
      String name,
      String path,
      Supplier<ObjectNode> body,
      Supplier<Object> stored,
      boolean refusesUnknownFields,
      List<Field> fields) {

    /** Only a reopening may come without a body (its reason is optional). */
    boolean bodyRequired() {
      return !path.endsWith("/reopen");
    }
  }

  @BeforeEach
  void freshOrder() {
    vendorId = "V-HOST-" + UUID.randomUUID().toString().substring(0, 8);
    poNumber = "PO-HOST-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // ------------------------------------------------------------------ the table

  static List<Hostile> hostileValues(Field field) {
    List<Hostile> values = new ArrayList<>();
    String text = "a";
    switch (field.kind()) {
      case ID, TEXT, MULTILINE -> {
        values.add(new Hostile("a number", "42"));
        values.add(new Hostile("a decimal", "4.2"));
        values.add(new Hostile("a boolean", "true"));
        values.add(new Hostile("an object", "{\"value\":\"x\"}"));
        values.add(new Hostile("an array", "[\"x\"]"));
        values.add(new Hostile("NUL", quoted(text + "\u0000" + text)));
        values.add(new Hostile("BEL", quoted(text + "\u0007" + text)));
        values.add(new Hostile("ESC", quoted(text + "\u001b[31m" + text)));
        values.add(new Hostile("DEL", quoted(text + "\u007f" + text)));
        values.add(new Hostile("C1 NEL", quoted(text + "\u0085" + text)));
        if (field.kind() != Kind.MULTILINE) {
          values.add(new Hostile("a line feed", quoted(text + "\n" + text)));
          values.add(new Hostile("a carriage return", quoted(text + "\r" + text)));
          values.add(new Hostile("a tab", quoted(text + "\t" + text)));
        }
        if (field.bounded()) {
          values.add(new Hostile("100,000 characters", quoted("x".repeat(100_000))));
        }
        if (field.required()) {
          values.add(new Hostile("empty", "\"\""));
        }
      }
      case BOOLEAN -> {
        values.add(new Hostile("the string true", "\"true\""));
        values.add(new Hostile("the string false", "\"false\""));
        values.add(new Hostile("1", "1"));
        values.add(new Hostile("0", "0"));
        values.add(new Hostile("yes", "\"yes\""));
        values.add(new Hostile("empty", "\"\""));
        values.add(new Hostile("an object", "{}"));
        values.add(new Hostile("an array", "[true]"));
      }
      case DECIMAL, INTEGER -> {
        values.add(new Hostile("a numeric string", "\"10\""));
        values.add(new Hostile("a boolean", "true"));
        values.add(new Hostile("empty", "\"\""));
        values.add(new Hostile("an object", "{}"));
        values.add(new Hostile("an array", "[1]"));
        if (field.kind() == Kind.INTEGER) {
          values.add(new Hostile("a fraction", "1.5"));
        }
      }
      case DATE -> {
        LocalDate today = engineToday();
        values.add(new Hostile("before 2000", quoted("1999-12-31")));
        values.add(new Hostile("two years ahead", quoted(today.plusYears(2).toString())));
        values.add(new Hostile("the last day of time", quoted("+999999999-12-31")));
        values.add(new Hostile("year zero", quoted("0000-01-01")));
        values.add(new Hostile("a number", "20260101"));
        values.add(new Hostile("an array", "[2026,1,1]"));
        values.add(new Hostile("empty", "\"\""));
        values.add(new Hostile("NUL", quoted("2026-01-01\u0000")));
      }
      case TIMESTAMP -> {
        LocalDate today = engineToday();
        values.add(new Hostile("the epoch", quoted("1970-01-01T00:00:00Z")));
        values.add(new Hostile("epoch seconds", "1764590000"));
        values.add(new Hostile("an array", "[2026,1,1,0,0]"));
        values.add(new Hostile("NUL", quoted("2026-01-01T00:00:00Z\u0000")));
        values.add(new Hostile("two years ahead", quoted(today.plusYears(2) + "T00:00:00Z")));
        values.add(new Hostile("the last day of time", quoted("+999999999-12-31T23:59:59-18:00")));
        values.add(new Hostile("empty", "\"\""));
        values.add(new Hostile("an object", "{}"));
      }
      case ENUM -> {
        values.add(new Hostile("an ordinal", "1"));
        values.add(new Hostile("empty", "\"\""));
        values.add(new Hostile("an object", "{}"));
        values.add(new Hostile("NUL", quoted("HIGH\u0000")));
      }
      default -> throw new IllegalStateException(field.kind().name());
    }
    values.add(new Hostile("a duplicate key", null));
    return values;
  }

  private static LocalDate engineToday() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private List<Endpoint> endpoints() {
    createPurchaseOrder();
    String invoiceNumber = "INV-HOST-" + UUID.randomUUID().toString().substring(0, 8);
    asIntegration()
        .body(invoice(invoiceNumber).toString())
        .post("/api/invoices")
        .then()
        .statusCode(201);
    String unknownIncident = UUID.randomUUID().toString();
    return List.of(
        new Endpoint(
            "purchase order",
            "/api/purchase-orders",
            this::purchaseOrder,
            () -> count("SELECT COUNT(*) FROM purchase_order WHERE vendor_id = ?", vendorId + "-X"),
            true,
            List.of(
                new Field("poNumber", Kind.ID, true, true),
                new Field("vendorId", Kind.ID, true, true),
                new Field("currency", Kind.TEXT, true, true),
                new Field("requestedBy", Kind.TEXT, true, true),
                new Field("category", Kind.TEXT, true, true),
                new Field("lines[0].line", Kind.INTEGER, true, false),
                new Field("lines[0].sku", Kind.TEXT, true, true),
                new Field("lines[0].description", Kind.MULTILINE, false, true),
                new Field("lines[0].quantity", Kind.DECIMAL, true, false),
                new Field("lines[0].unitPrice", Kind.DECIMAL, true, false))),
        new Endpoint(
            "goods receipt",
            "/api/goods-receipts",
            this::goodsReceipt,
            () -> count("SELECT COUNT(*) FROM goods_receipt WHERE po_number = ?", poNumber),
            true,
            List.of(
                new Field("receiptId", Kind.ID, true, true),
                new Field("poNumber", Kind.ID, true, true),
                new Field("lines[0].line", Kind.INTEGER, true, false),
                new Field("lines[0].quantity", Kind.DECIMAL, true, false))),
        new Endpoint(
            "invoice",
            "/api/invoices",
            () -> invoice("INV-HOST-" + UUID.randomUUID().toString().substring(0, 8)),
            () -> count("SELECT COUNT(*) FROM invoice WHERE vendor_id = ?", vendorId),
            true,
            List.of(
                new Field("vendorId", Kind.ID, true, true),
                new Field("invoiceNumber", Kind.ID, true, true),
                new Field("invoiceDate", Kind.DATE, true, false),
                new Field("currency", Kind.TEXT, true, true),
                new Field("poNumber", Kind.ID, true, true),
                new Field("paymentTerms", Kind.TEXT, true, true),
                new Field("lines[0].line", Kind.INTEGER, true, false),
                new Field("lines[0].quantity", Kind.DECIMAL, true, false),
                new Field("lines[0].unitPrice", Kind.DECIMAL, true, false),
                new Field("tax", Kind.DECIMAL, true, false),
                new Field("total", Kind.DECIMAL, true, false))),
        new Endpoint(
            "invoice correction",
            "/api/invoices/" + vendorId + "/" + invoiceNumber + "/correction",
            this::correction,
            () ->
                jdbc.sql(
                        "SELECT invoice_date, tax, total, updated_at FROM invoice"
                            + " WHERE vendor_id = ? AND invoice_number = ?")
                    .params(vendorId, invoiceNumber)
                    .query()
                    .listOfRows()
                    .toString(),
            true,
            List.of(
                new Field("invoiceDate", Kind.DATE, true, false),
                new Field("lines[0].line", Kind.INTEGER, true, false),
                new Field("lines[0].quantity", Kind.DECIMAL, true, false),
                new Field("tax", Kind.DECIMAL, true, false),
                new Field("total", Kind.DECIMAL, true, false))),
        new Endpoint(
            "vendor application",
            "/api/vendor-applications",
            HostileInputApiTest::vendorApplication,
            () -> count("SELECT COUNT(*) FROM vendor_application"),
            true,
            List.of(
                new Field("legalName", Kind.TEXT, true, true),
                new Field("country", Kind.TEXT, true, true),
                new Field("vatId", Kind.TEXT, true, true),
                new Field("iban", Kind.TEXT, true, true),
                new Field("contactEmail", Kind.TEXT, true, true),
                new Field("category", Kind.TEXT, true, true),
                new Field("annualSpend", Kind.DECIMAL, true, false),
                new Field("dataAccess", Kind.BOOLEAN, true, false),
                new Field("contractText", Kind.MULTILINE, true, false),
                new Field("requestedBy", Kind.TEXT, true, true))),
        new Endpoint(
            "incident",
            "/api/incidents",
            HostileInputApiTest::incident,
            () -> count("SELECT COUNT(*) FROM incident"),
            true,
            List.of(
                new Field("title", Kind.TEXT, true, true),
                new Field("description", Kind.MULTILINE, false, true),
                new Field("reporter", Kind.TEXT, true, true),
                new Field("service", Kind.TEXT, false, true),
                new Field("impact", Kind.ENUM, true, false),
                new Field("urgency", Kind.ENUM, true, false),
                new Field("category", Kind.TEXT, false, true))),
        new Endpoint(
            "incident reopening",
            "/api/incidents/" + unknownIncident + "/reopen",
            () -> JSON.createObjectNode().put("reason", "Still broken"),
            () -> count("SELECT COUNT(*) FROM incident_escalation"),
            true,
            List.of(new Field("reason", Kind.MULTILINE, false, true))),
        new Endpoint(
            "alertmanager webhook",
            "/api/incidents/alertmanager",
            HostileInputApiTest::alertmanager,
            () -> count("SELECT COUNT(*) FROM incident"),
            false,
            List.of(
                new Field("version", Kind.TEXT, true, false),
                new Field("status", Kind.TEXT, true, false),
                new Field("groupLabels.alertname", Kind.TEXT, false, false),
                new Field("alerts[0].status", Kind.TEXT, true, false),
                new Field("alerts[0].labels.alertname", Kind.TEXT, false, false),
                new Field("alerts[0].annotations.summary", Kind.MULTILINE, false, false),
                new Field("alerts[0].startsAt", Kind.TIMESTAMP, true, false),
                new Field("alerts[0].fingerprint", Kind.TEXT, true, true))));
  }

  // ------------------------------------------------------------------ the tests

  @TestFactory
  Stream<DynamicTest> everyHostileValueOfEveryFieldIs400NamingTheFieldAndStoresNothing() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      for (Field field : endpoint.fields()) {
        for (Hostile hostile : hostileValues(field)) {
          tests.add(
              DynamicTest.dynamicTest(
                  endpoint.name() + ": " + field.path() + " as " + hostile.name() + " is 400",
                  () -> {
                    String body = write(endpoint.body().get(), field.path(), hostile.json());
                    refused(endpoint, body, field.path());
                  }));
        }
      }
      tests.add(
          DynamicTest.dynamicTest(
              endpoint.name() + ": trailing content after the document is 400",
              () -> refused(endpoint, endpoint.body().get() + "xyz", "body")));
      tests.add(
          DynamicTest.dynamicTest(
              endpoint.name() + ": a second document after the first is 400",
              () -> refused(endpoint, endpoint.body().get() + "{}", "body")));
      tests.add(
          DynamicTest.dynamicTest(
              endpoint.name() + ": an array instead of an object is 400",
              () -> refused(endpoint, "[" + endpoint.body().get() + "]", "body")));
      if (endpoint.bodyRequired()) {
        tests.add(
            DynamicTest.dynamicTest(
                endpoint.name() + ": an empty body is 400", () -> refused(endpoint, "", "body")));
      }
      if (endpoint.refusesUnknownFields()) {
        tests.add(
            DynamicTest.dynamicTest(
                endpoint.name() + ": an unknown field is 400 naming it",
                () -> {
                  ObjectNode body = endpoint.body().get();
                  body.put("approvedBy", "demo");
                  refused(endpoint, body.toString(), "approvedBy");
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(300);
    return tests.stream();
  }

  @Test
  void theUntouchedBodiesOfTheTableAreAccepted() {
    for (Endpoint endpoint : endpoints()) {
      if (endpoint.path().endsWith("/reopen") || endpoint.path().endsWith("/correction")) {
        continue; // need an instance in a given state; their refusals come before that check
      }
      int status =
          asIntegration().body(endpoint.body().get().toString()).post(endpoint.path()).statusCode();
      assertThat(status).as(endpoint.name()).isIn(200, 201);
    }
  }

  @Test
  void inputRulesAreDescribedInTheOpenApiDocument() {
    as(DemoUsers.ADMIN)
        .get("/v3/api-docs")
        .then()
        .statusCode(200)
        .body(
            "info.description", org.hamcrest.Matchers.containsString("Unknown fields are refused"))
        .body("info.description", org.hamcrest.Matchers.containsString("larger than 2MB"));
  }

  @Test
  void freeTextKeepsItsLineBreaksAndTabs() {
    ObjectNode body = incident();
    body.put("description", "First line\r\n\tsecond line");
    String id =
        asIntegration()
            .body(body.toString())
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("incidentId");
    assertThat(
            jdbc.sql("SELECT description FROM incident WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("First line\r\n\tsecond line");
  }

  @Test
  void declaredBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
    for (Endpoint endpoint : endpoints()) {
      Object before = endpoint.stored().get();
      // Only the headers are sent: the answer cannot wait for the body.
      try (Socket socket = new Socket("localhost", port)) {
        socket.setSoTimeout(5000);
        String credentials =
            Base64.getEncoder()
                .encodeToString(
                    (DemoUsers.INTEGRATION + ":" + DemoUsers.passwordOf(DemoUsers.INTEGRATION))
                        .getBytes(StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + endpoint.path()
                    + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + credentials
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (LIMIT + 1)
                    + "\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = answerOf(socket.getInputStream());
        assertThat(answer).as(endpoint.name()).startsWith("HTTP/1.1 413");
        assertThat(answer).contains(PROBLEM_JSON).contains("\"field\":\"body\"");
      }
      assertThat(endpoint.stored().get()).as(endpoint.name()).isEqualTo(before);
    }
  }

  @Test
  void streamedBodyOverTheLimitIs413() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (Endpoint endpoint : endpoints()) {
      Object before = endpoint.stored().get();
      // No Content-Length: the body arrives in chunks and is cut off at the limit.
      byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
      byte[] filler = new byte[LIMIT + 64 * 1024];
      java.util.Arrays.fill(filler, (byte) 'x');
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint.path()))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(
                              (DemoUsers.INTEGRATION
                                      + ":"
                                      + DemoUsers.passwordOf(DemoUsers.INTEGRATION))
                                  .getBytes(StandardCharsets.UTF_8)))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () ->
                          new SequenceInputStream(
                              new ByteArrayInputStream(head), new ByteArrayInputStream(filler))))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
      assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText()).isEqualTo("body");
      assertThat(endpoint.stored().get()).as(endpoint.name()).isEqualTo(before);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A value of the wrong JSON type for a field of the given kind. */
  private static String wrongType(Kind kind) {
    return switch (kind) {
      case ID, TEXT, MULTILINE -> "42";
      case BOOLEAN -> "\"yes\"";
      case DECIMAL, INTEGER -> "\"10\"";
      case DATE, TIMESTAMP -> "[2026,1,1]";
      case ENUM -> "1";
    };
  }

  @TestFactory
  Stream<DynamicTest> everyFieldOfTheWrongTypeIsNamedInOneAnswer() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Endpoint endpoint : endpoints()) {
      tests.add(
          DynamicTest.dynamicTest(
              endpoint.name() + ": all " + endpoint.fields().size() + " fields wrong at once",
              () -> {
                JsonNode body = endpoint.body().get();
                for (Field field : endpoint.fields()) {
                  body = JSON.readTree(write(body, field.path(), wrongType(field.kind())));
                }
                List<String> named =
                    refusedWith(endpoint, body.toString(), endpoint.fields().size());
                assertThat(named)
                    .containsExactlyInAnyOrderElementsOf(
                        endpoint.fields().stream().map(Field::path).toList());
              }));
      tests.add(
          DynamicTest.dynamicTest(
              endpoint.name() + ": missing, mistyped, over-long and unknown fields in one answer",
              () -> {
                List<Field> fields = endpoint.fields();
                Field missing = fields.stream().filter(Field::required).findFirst().orElse(null);
                Field tooLong =
                    fields.stream()
                        .filter(f -> f.bounded() && f != missing)
                        .findFirst()
                        .orElse(null);
                Field mistyped =
                    fields.stream()
                        .filter(f -> f != missing && f != tooLong)
                        .reduce((a, b) -> b)
                        .orElse(null);
                JsonNode body = endpoint.body().get();
                List<String> expected = new ArrayList<>();
                if (mistyped != null) {
                  body = JSON.readTree(write(body, mistyped.path(), "{}"));
                  expected.add(mistyped.path());
                }
                if (tooLong != null) {
                  body = JSON.readTree(write(body, tooLong.path(), quoted("x".repeat(100_000))));
                  expected.add(tooLong.path());
                }
                if (missing != null) {
                  body = JSON.readTree(write(body, missing.path(), "null"));
                  expected.add(missing.path());
                }
                if (endpoint.refusesUnknownFields()) {
                  ((ObjectNode) body).put("approvedBy", "me").put("priority", 1);
                  expected.addAll(List.of("approvedBy", "priority"));
                }
                assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
                assertThat(refusedWith(endpoint, body.toString(), expected.size()))
                    .containsAll(expected);
              }));
    }
    return tests.stream();
  }

  @Test
  void everyCreationAnswersItsLocationAsAPathFromTheRoot() {
    for (Endpoint endpoint : endpoints()) {
      if (!Set.of("purchase order", "invoice", "vendor application", "incident")
          .contains(endpoint.name())) {
        continue;
      }
      Response created =
          asIntegration().body(endpoint.body().get().toString()).post(endpoint.path());
      created.then().statusCode(201);
      String location = created.header("Location");
      assertThat(location).as(endpoint.name()).startsWith(endpoint.path() + "/");
      // The same path reads what was created.
      asIntegration().get(location).then().statusCode(200);
    }
  }

  @Test
  void anIncidentWithFiveBadFieldsIsRefusedOnceNamingAllFive() {
    long before = count("SELECT COUNT(*) FROM incident");
    ObjectNode body = incident();
    body.remove("title");
    body.put("impact", "CRITICAL");
    body.put("urgency", "high");
    body.put("reporter", 42);
    body.put("category", "no-such-category");
    asIntegration()
        .body(body.toString())
        .post("/api/incidents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("detail", equalTo("5 fields are invalid"))
        .body(
            "errors.field",
            org.hamcrest.Matchers.contains("category", "impact", "reporter", "title", "urgency"))
        .body(
            "errors.find { it.field == 'category' }.message",
            org.hamcrest.Matchers.startsWith("must be one of ["))
        .body(
            "errors.find { it.field == 'impact' }.message",
            equalTo("cannot read 'CRITICAL' as one of [HIGH, MEDIUM, LOW]"))
        .body(
            "errors.find { it.field == 'urgency' }.message",
            equalTo(
                "cannot read 'high' as one of [HIGH, MEDIUM, LOW] (names are case-sensitive:"
                    + " write HIGH)"))
        .body(
            "errors.find { it.field == 'reporter' }.message",
            equalTo("cannot read '42' as a string"))
        .body("errors.find { it.field == 'title' }.message", equalTo("must not be blank"));
    assertThat(count("SELECT COUNT(*) FROM incident")).isEqualTo(before);
  }

  @Test
  void anInvoiceWithBadFieldsOfEveryKindIsRefusedOnceNamingAll() {
    createPurchaseOrder();
    ObjectNode body = invoice("INV-HOST-" + UUID.randomUUID().toString().substring(0, 8));
    body.remove("vendorId");
    body.put("currency", "XYZ");
    body.put("paymentTerms", "NET999");
    body.put("invoiceDate", "1999-12-31");
    body.put("tax", -1);
    body.put("approvedBy", "me");
    ((ObjectNode) body.get("lines").get(0)).put("quantity", "10").put("line", 1.5);
    long before = count("SELECT COUNT(*) FROM invoice");
    asIntegration()
        .body(body.toString())
        .post("/api/invoices")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body(
            "errors.field",
            org.hamcrest.Matchers.contains(
                "approvedBy",
                "currency",
                "invoiceDate",
                "lines[0].line",
                "lines[0].quantity",
                "paymentTerms",
                "tax",
                "vendorId"))
        .body("errors.find { it.field == 'approvedBy' }.message", equalTo("unknown field"))
        .body(
            "errors.find { it.field == 'currency' }.message",
            equalTo("unknown currency code 'XYZ'"))
        .body(
            "errors.find { it.field == 'lines[0].line' }.message",
            equalTo("cannot read '1.5' as a whole number"));
    assertThat(count("SELECT COUNT(*) FROM invoice")).isEqualTo(before);
  }

  /** Posts a body that must be refused, and answers the fields the one 400 names. */
  private List<String> refusedWith(Endpoint endpoint, String body, int atLeast) {
    Object before = endpoint.stored().get();
    Response response =
        asIntegration().body(body.getBytes(StandardCharsets.UTF_8)).post(endpoint.path());
    response.then().statusCode(400).contentType(PROBLEM_JSON);
    List<String> named = response.jsonPath().getList("errors.field", String.class);
    assertThat(named).hasSizeGreaterThanOrEqualTo(atLeast).doesNotHaveDuplicates();
    assertThat(endpoint.stored().get()).isEqualTo(before);
    return named;
  }

  private void refused(Endpoint endpoint, String body, String field) {
    Object before = endpoint.stored().get();
    Response response =
        asIntegration().body(body.getBytes(StandardCharsets.UTF_8)).post(endpoint.path());
    response
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:invalid-request"))
        .body("errors.field", hasItem(field));
    assertThat(endpoint.stored().get()).isEqualTo(before);
  }

  /** The response's head and body, read until the problem document ends. */
  private static String answerOf(InputStream in) throws java.io.IOException {
    StringBuilder answer = new StringBuilder();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) > 0) {
      answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      int body = answer.indexOf("\r\n\r\n");
      if (body >= 0 && answer.toString().strip().endsWith("}")) {
        break;
      }
    }
    return answer.toString();
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The body as JSON text with the value at {@code path} replaced by {@code json}, or with its key
   * written twice when {@code json} is null.
   */
  static String write(JsonNode body, String path, String json) {
    StringBuilder sb = new StringBuilder();
    write(body, "", path, json, sb);
    return sb.toString();
  }

  private static void write(JsonNode node, String at, String path, String json, StringBuilder sb) {
    if (node.isObject()) {
      sb.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      boolean first = true;
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        String here = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(quoted(e.getKey())).append(':');
        if (here.equals(path) && json != null) {
          sb.append(json);
        } else {
          write(e.getValue(), here, path, json, sb);
          if (here.equals(path)) {
            sb.append(',').append(quoted(e.getKey())).append(':');
            write(e.getValue(), here, path, json, sb);
          }
        }
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(node.get(i), at + "[" + i + "]", path, json, sb);
      }
      sb.append(']');
    } else {
      sb.append(node.toString());
    }
  }

  // ------------------------------------------------------------------ valid bodies

  private void createPurchaseOrder() {
    asIntegration()
        .body(purchaseOrderFor(poNumber, vendorId).toString())
        .post("/api/purchase-orders")
        .then()
        .statusCode(201);
  }

  private ObjectNode purchaseOrder() {
    // Another vendor's order, so that its count is its own.
    return purchaseOrderFor(
        "PO-HOST-" + UUID.randomUUID().toString().substring(0, 8), vendorId + "-X");
  }

  private static ObjectNode purchaseOrderFor(String po, String vendor) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("poNumber", po)
            .put("vendorId", vendor)
            .put("currency", "EUR")
            .put("requestedBy", DemoUsers.PAUL)
            .put("category", "office-supplies");
    body.putArray("lines")
        .addObject()
        .put("line", 1)
        .put("sku", "PAPER-A4")
        .put("description", "Paper, A4")
        .put("quantity", 10)
        .put("unitPrice", new java.math.BigDecimal("5.00"));
    return body;
  }

  private ObjectNode goodsReceipt() {
    ObjectNode body =
        JSON.createObjectNode()
            .put("receiptId", "GR-HOST-" + UUID.randomUUID().toString().substring(0, 8))
            .put("poNumber", poNumber);
    body.putArray("lines").addObject().put("line", 1).put("quantity", 10);
    return body;
  }

  private ObjectNode invoice(String invoiceNumber) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("vendorId", vendorId)
            .put("invoiceNumber", invoiceNumber)
            .put("invoiceDate", engineToday().minusDays(3).toString())
            .put("currency", "EUR")
            .put("poNumber", poNumber)
            .put("paymentTerms", "NET30");
    invoiceFigures(body);
    return body;
  }

  private ObjectNode correction() {
    ObjectNode body =
        JSON.createObjectNode().put("invoiceDate", engineToday().minusDays(1).toString());
    invoiceFigures(body);
    return body;
  }

  private static void invoiceFigures(ObjectNode body) {
    ArrayNode lines = body.putArray("lines");
    lines
        .addObject()
        .put("line", 1)
        .put("quantity", 10)
        .put("unitPrice", new java.math.BigDecimal("5.00"));
    body.put("tax", new java.math.BigDecimal("0.00"));
    body.put("total", new java.math.BigDecimal("50.00"));
  }

  private static ObjectNode vendorApplication() {
    var r = VendorRequests.lowRisk(DemoUsers.ERIN);
    return JSON.createObjectNode()
        .put("legalName", r.legalName() + " " + UUID.randomUUID().toString().substring(0, 6))
        .put("country", r.country())
        .put("vatId", VendorRequests.freshGermanVatId())
        .put("iban", VendorRequests.freshGermanIban())
        .put("contactEmail", r.contactEmail())
        .put("category", r.category())
        .put("annualSpend", r.annualSpend())
        .put("dataAccess", r.dataAccess())
        .put("contractText", r.contractText())
        .put("requestedBy", r.requestedBy());
  }

  private static ObjectNode incident() {
    return JSON.createObjectNode()
        .put("title", "VPN drops " + UUID.randomUUID().toString().substring(0, 6))
        .put("description", "Since this morning, all of sales")
        .put("reporter", DemoUsers.ERIN)
        .put("service", "vpn")
        .put("impact", "MEDIUM")
        .put("urgency", "HIGH")
        .put("category", "network");
  }

  private static ObjectNode alertmanager() {
    ObjectNode body =
        JSON.createObjectNode()
            .put("version", "4")
            .put("groupKey", "{}:{alertname=\"DiskFull\"}")
            .put("status", "firing")
            .put("receiver", "handoff");
    body.putObject("groupLabels").put("alertname", "DiskFull");
    body.putObject("commonLabels");
    body.putObject("commonAnnotations");
    body.put("externalURL", "http://alertmanager.example:9093");
    ObjectNode alert = body.putArray("alerts").addObject().put("status", "firing");
    alert.putObject("labels").put("alertname", "DiskFull").put("instance", "db-9:9100");
    alert.putObject("annotations").put("summary", "Disk full on db-9");
    alert
        .put(
            "startsAt",
            OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC)
                .minusMinutes(5)
                .toString())
        .put("endsAt", "0001-01-01T00:00:00Z")
        .put("generatorURL", "http://prometheus.example:9090/graph")
        .put("fingerprint", "host-" + UUID.randomUUID().toString().substring(0, 12));
    return body;
  }
}
