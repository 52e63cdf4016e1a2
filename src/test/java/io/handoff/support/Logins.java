package io.handoff.support;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.http.conn.params.ConnRoutePNames;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Login attempts as an attacker or a client makes them: HTTP Basic on one request, or the webapps'
 * login form from a fresh page (with its CSRF token), optionally from another local address.
 */
public final class Logins {

  /**
   * A second loopback address of this machine. Connections opened from it (not to it: the kernel
   * would pick 127.0.0.1 as their source) reach the server from another client address.
   */
  public static final String OTHER_ADDRESS = "127.0.0.2";

  private Logins() {}

  /** A request from the usual test address (127.0.0.1). */
  public static RequestSpecification fromTestAddress() {
    return given().baseUri("http://127.0.0.1");
  }

  /** A request from {@link #OTHER_ADDRESS}. */
  public static RequestSpecification fromOtherAddress() {
    try {
      InetAddress local = InetAddress.getByName(OTHER_ADDRESS);
      return given()
          .baseUri("http://127.0.0.1")
          .config(
              RestAssuredConfig.config()
                  .httpClient(
                      HttpClientConfig.httpClientConfig()
                          .setParam(ConnRoutePNames.LOCAL_ADDRESS, local)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Response basic(
      RequestSpecification from, String userId, String password, String path) {
    return from.auth().preemptive().basic(userId, password).get(path);
  }

  /** The Tasklist's login form: 200 logged in, 401 wrong password, 403 no Tasklist access. */
  public static Response webappLogin(RequestSpecification from, String userId, String password) {
    Response page = given().get("/camunda/app/tasklist/default/");
    return from.cookies(page.getCookies())
        .header("X-XSRF-TOKEN", page.getCookie("XSRF-TOKEN"))
        .contentType("application/x-www-form-urlencoded")
        .formParam("username", userId)
        .formParam("password", password)
        .post("/camunda/api/admin/auth/user/default/login/tasklist");
  }

  /** Creates a user for one test, in the given groups. */
  public static void createUser(
      IdentityService identityService, String userId, String password, String... groups) {
    User user = identityService.newUser(userId);
    user.setFirstName("Test");
    user.setLastName(userId);
    user.setEmail(userId + "@handoff.example");
    user.setPassword(password);
    identityService.saveUser(user);
    for (String group : groups) {
      identityService.createMembership(userId, group);
    }
  }

  public static void deleteUser(IdentityService identityService, String userId) {
    if (identityService.createUserQuery().userId(userId).count() > 0) {
      identityService.deleteUser(userId);
    }
  }
}
