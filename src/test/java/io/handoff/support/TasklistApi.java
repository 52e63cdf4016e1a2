package io.handoff.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/**
 * The Tasklist webapp's own API ({@code /camunda/api/engine/engine/default/...}), called the way
 * the Tasklist calls it: after a form login, with the session cookie and the {@code X-XSRF-TOKEN}
 * header. Use it to prove that a control holds on the surface an approver has in the browser.
 */
public final class TasklistApi {

  public static final String ENGINE = "/camunda/api/engine/engine/default";

  private final Map<String, String> cookies;
  private final String csrfToken;

  private TasklistApi(Map<String, String> cookies, String csrfToken) {
    this.cookies = cookies;
    this.csrfToken = csrfToken;
  }

  /** Logs the demo user in to the Tasklist (password = user id) and keeps the session. */
  public static TasklistApi login(String userId) {
    return login(userId, DemoUsers.passwordOf(userId));
  }

  public static TasklistApi login(String userId, String password) {
    Response page = given().get("/camunda/app/tasklist/default/");
    Map<String, String> cookies = new HashMap<>(page.getCookies());
    String token = page.getCookie("XSRF-TOKEN");
    Response login =
        given()
            .cookies(cookies)
            .header("X-XSRF-TOKEN", token)
            .contentType("application/x-www-form-urlencoded")
            .formParam("username", userId)
            .formParam("password", password)
            .post("/camunda/api/admin/auth/user/default/login/tasklist");
    if (login.statusCode() != 200) {
      throw new IllegalStateException(
          "Tasklist login of " + userId + " answered " + login.statusCode());
    }
    cookies.putAll(login.getCookies());
    // The webapp issues a new CSRF token with the new session: on the login answer, or else on
    // the first read within the new session (as the Tasklist's next page load does).
    String newToken = login.getCookie("XSRF-TOKEN");
    if (newToken == null) {
      Response next = given().cookies(cookies).get("/camunda/api/admin/auth/user/default");
      cookies.putAll(next.getCookies());
      newToken = next.getCookie("XSRF-TOKEN");
    }
    return new TasklistApi(cookies, newToken != null ? newToken : token);
  }

  /** A JSON request within the session, with its CSRF token. */
  public RequestSpecification request() {
    return given()
        .cookies(cookies)
        .header("X-XSRF-TOKEN", csrfToken)
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  /**
   * {@code POST .../task/{id}/submit-form} with the given variables, as the Tasklist sends a form.
   */
  public Response submitForm(String taskId, Map<String, Object> values) {
    return request()
        .body(Map.of("variables", EngineVariables.of(values)))
        .post(ENGINE + "/task/" + taskId + "/submit-form");
  }

  /** {@code POST .../task/{id}/claim} for the logged-in user. */
  public Response claim(String taskId, String userId) {
    return request().body(Map.of("userId", userId)).post(ENGINE + "/task/" + taskId + "/claim");
  }
}
