package io.handoff.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes every list alike: its parameters, limits and envelope. */
@HandoffSpringTest
class ListsOpenApiTest extends RestTestSupport {

  private static final Map<String, List<String>> FILTERS =
      Map.of(
          "/api/invoices",
          List.of("status", "vendorId", "poNumber", "invoiceDateFrom", "invoiceDateTo"),
          "/api/purchase-orders",
          List.of("vendorId", "requestedBy", "category", "createdFrom", "createdTo"),
          "/api/vendor-applications",
          List.of("status", "requestedBy", "createdFrom", "createdTo"),
          "/api/vendors",
          List.of("name", "vatId", "iban", "category", "country"),
          "/api/incidents",
          List.of("status", "priority", "group", "reporter", "source", "createdFrom", "createdTo"));

  @Test
  void everyListDocumentsItsFiltersPagingAndEnvelope() {
    JsonPath doc = asIntegration().get("/v3/api-docs").then().statusCode(200).extract().jsonPath();
    FILTERS.forEach(
        (path, filters) -> {
          String get = "paths.'" + path + "'.get";
          List<String> names = doc.getList(get + ".parameters.name", String.class);
          assertThat(names)
              .as(path)
              .containsExactlyInAnyOrderElementsOf(
                  concat(filters, List.of("sort", "size", "cursor")));
          List<Map<String, Object>> parameters = doc.getList(get + ".parameters");
          Map<String, Object> size =
              parameters.stream().filter(p -> p.get("name").equals("size")).findFirst().get();
          @SuppressWarnings("unchecked")
          Map<String, Object> sizeSchema = (Map<String, Object>) size.get("schema");
          assertThat(sizeSchema).as(path).containsEntry("maximum", 100);
          assertThat(doc.getString(get + ".description")).as(path).contains("At most 100");
          // The media type is the document's general concern; the schema is the list's.
          Map<String, Map<String, Map<String, String>>> content =
              doc.getMap(get + ".responses.'200'.content");
          String ref = content.values().iterator().next().get("schema").get("$ref");
          String schema = ref.substring(ref.lastIndexOf('/') + 1);
          assertThat(doc.getMap("components.schemas." + schema + ".properties"))
              .as(path)
              .containsOnlyKeys("items", "page");
          assertThat(doc.getMap(get + ".responses.'400'.content"))
              .containsKey("application/problem+json");
        });
    assertThat(doc.getMap("components.schemas.PageInfo.properties"))
        .containsOnlyKeys("size", "cursor", "next");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
