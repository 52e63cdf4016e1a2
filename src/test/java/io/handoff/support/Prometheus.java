package io.handoff.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an operator's Prometheus reads: the app's {@code /actuator/prometheus}, parsed. */
public final class Prometheus {

  private Prometheus() {}

  /** One scrape, as the administrator (what Prometheus is given in docker/compose.yaml). */
  public static String scrape() {
    return given()
        .auth()
        .preemptive()
        .basic(DemoUsers.ADMIN, DemoUsers.passwordOf(DemoUsers.ADMIN))
        .accept("text/plain")
        .get("/actuator/prometheus")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /**
   * The value of the first series of {@code metric} whose labels contain every one of {@code
   * labels} (such as {@code priority="P4"}); null when there is none.
   */
  public static Double value(String scrape, String metric, String... labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{([^}]*)\\})? (\\S+)$")
            .matcher(scrape);
    while (m.find()) {
      String found = "," + (m.group(1) == null ? "" : m.group(1));
      boolean all = true;
      for (String label : labels) {
        all &= found.contains("," + label); // a whole label: level="1" is not from_level="1"
      }
      if (all) {
        return Double.valueOf(m.group(2));
      }
    }
    return null;
  }

  /** A counter's value, 0 while it has not counted yet (it appears at its first increment). */
  public static double count(String scrape, String metric, String... labels) {
    Double v = value(scrape, metric, labels);
    return v == null ? 0 : v;
  }
}
