package io.handoff.platform;

import static io.handoff.support.Logins.basic;
import static io.handoff.support.Logins.fromTestAddress;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.platform.security.AuthenticatedPrincipalCache;
import io.handoff.platform.security.LoginThrottle;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Logins;
import io.handoff.support.RestTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Successful HTTP Basic logins are remembered for a short time ({@link
 * AuthenticatedPrincipalCache}), and every change to a user's password or groups made through the
 * engine takes effect on the very next request, on every surface that takes HTTP Basic.
 */
@HandoffSpringTest
class RememberedLoginTest extends RestTestSupport {

  static final String USER = "remembered-erp";
  static final String PASSWORD = "erp-Secret-1";
  static final String NEW_PASSWORD = "erp-Secret-2";
  static final String PERSON = "remembered-person";

  @Autowired IdentityService identityService;
  @Autowired AuthenticatedPrincipalCache principals;
  @Autowired LoginThrottle throttle;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void freshUser() {
    throttle.forgetAll();
    Logins.createUser(identityService, USER, PASSWORD, "integrators");
    Logins.createUser(identityService, PERSON, PASSWORD, "employees");
  }

  @AfterEach
  void removeUser() {
    ClockUtil.reset();
    throttle.forgetAll();
    Logins.deleteUser(identityService, USER);
    Logins.deleteUser(identityService, PERSON);
  }

  @Test
  void aChangedPasswordRefusesTheOldOneOnTheNextRequest() {
    me(USER, PASSWORD).then().statusCode(200).body("userId", equalTo(USER));
    me(USER, PASSWORD).then().statusCode(200);

    // An administrator sets a new password through the engine REST API (the Admin webapp's call).
    given()
        .auth()
        .preemptive()
        .basic(DemoUsers.ADMIN, DemoUsers.passwordOf(DemoUsers.ADMIN))
        .contentType(ContentType.JSON)
        .body(
            """
            {"password":"%s","authenticatedUserPassword":"%s"}
            """
                .formatted(NEW_PASSWORD, DemoUsers.passwordOf(DemoUsers.ADMIN)))
        .put("/engine-rest/user/{id}/credentials", USER)
        .then()
        .statusCode(204);

    me(USER, PASSWORD).then().statusCode(401);
    basic(fromTestAddress(), USER, PASSWORD, "/engine-rest/engine").then().statusCode(401);
    me(USER, NEW_PASSWORD).then().statusCode(200).body("userId", equalTo(USER));
  }

  @Test
  void aRemovedGroupMembershipIsRefusedOnTheNextRequest() {
    me(USER, PASSWORD).then().statusCode(200);
    me(USER, PASSWORD).then().statusCode(200);

    given()
        .auth()
        .preemptive()
        .basic(DemoUsers.ADMIN, DemoUsers.passwordOf(DemoUsers.ADMIN))
        .delete("/engine-rest/group/integrators/members/{id}", USER)
        .then()
        .statusCode(204);

    // Still the right password, no longer an integrator: the domain API refuses them.
    me(USER, PASSWORD).then().statusCode(403);
    assertThat(identityService.createGroupQuery().groupMember(USER).list()).isEmpty();

    identityService.createMembership(USER, "integrators");
    me(USER, PASSWORD).then().statusCode(200);
  }

  @Test
  void aWrongPasswordIsNeverRememberedNorAcceptedForARememberedUser() {
    me(USER, "guess-1").then().statusCode(401);
    assertThat(principals.find(USER, "guess-1")).isEmpty();

    me(USER, PASSWORD).then().statusCode(200);
    assertThat(principals.find(USER, PASSWORD)).isPresent();
    assertThat(principals.find(USER, "guess-2")).isEmpty();

    me(USER, "guess-2").then().statusCode(401);
    me(USER, "").then().statusCode(401);
    me(USER, PASSWORD.toUpperCase()).then().statusCode(401);
    // The wrong password made the node forget the login; the right one is checked again.
    assertThat(principals.find(USER, PASSWORD)).isEmpty();
    me(USER, PASSWORD).then().statusCode(200);
  }

  @Test
  void aWrongPasswordAfterARememberedLoginStillMeetsTheEnginesDelay() {
    ClockUtil.setCurrentTime(new Date());
    basic(fromTestAddress(), PERSON, PASSWORD, "/engine-rest/engine").then().statusCode(200);
    basic(fromTestAddress(), PERSON, PASSWORD, "/engine-rest/engine").then().statusCode(200);

    basic(fromTestAddress(), PERSON, "guess", "/engine-rest/engine").then().statusCode(401);

    // Camunda delays the next attempt after a wrong password; a remembered login does not skip it.
    basic(fromTestAddress(), PERSON, PASSWORD, "/engine-rest/engine").then().statusCode(401);
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 61_000));
    basic(fromTestAddress(), PERSON, PASSWORD, "/engine-rest/engine").then().statusCode(200);
  }

  @Test
  void aLoginIsRememberedUntilTheExpiryWhenTheDatabaseIsChangedBehindTheEngine() {
    me(USER, PASSWORD).then().statusCode(200);

    // What another node's password change looks like from here: the row changes, this node is
    // not told. The user's password becomes the administrator's.
    jdbc.update(
        "UPDATE ACT_ID_USER SET PWD_ = (SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = ?),"
            + " SALT_ = (SELECT SALT_ FROM ACT_ID_USER WHERE ID_ = ?) WHERE ID_ = ?",
        DemoUsers.ADMIN,
        DemoUsers.ADMIN,
        USER);

    // Remembered: accepted until the expiry (60 s), as docs/security.md says.
    me(USER, PASSWORD).then().statusCode(200);
    assertThat(principals.find(USER, PASSWORD)).isPresent();
    // Any engine write to the user makes this node forget the login at once.
    identityService.unlockUser(USER);
    me(USER, PASSWORD).then().statusCode(401);
    throttle.forgetAll();
    me(USER, DemoUsers.passwordOf(DemoUsers.ADMIN)).then().statusCode(200);
  }

  private static Response me(String user, String password) {
    return given()
        .auth()
        .preemptive()
        .basic(user, password)
        .accept(ContentType.JSON)
        .get("/api/me");
  }
}
