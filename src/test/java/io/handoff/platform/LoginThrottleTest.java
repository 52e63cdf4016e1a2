package io.handoff.platform;

import static io.handoff.support.Logins.basic;
import static io.handoff.support.Logins.fromOtherAddress;
import static io.handoff.support.Logins.fromTestAddress;
import static io.handoff.support.Logins.webappLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.platform.security.LoginThrottle;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Logins;
import io.handoff.support.RestTestSupport;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Password guessing from one client address is throttled on every login surface, before any
 * password is checked. Time moves on the engine clock (the throttle's clock), never by sleeping.
 */
@HandoffSpringTest
class LoginThrottleTest extends RestTestSupport {

  static final String PERSON = "throttle-person";
  static final String PERSON_PASSWORD = "person-Secret-2";

  @Autowired IdentityService identityService;
  @Autowired LoginThrottle throttle;

  int maxFailures;
  Duration window;
  Duration coolDown;
  long now;

  @BeforeEach
  void freshThrottle() {
    throttle.forgetAll();
    maxFailures = throttle.settings().maxFailures();
    window = throttle.settings().window();
    coolDown = throttle.settings().coolDown();
    now = System.currentTimeMillis();
    ClockUtil.setCurrentTime(new Date(now));
    Logins.createUser(identityService, PERSON, PERSON_PASSWORD, "employees");
  }

  @AfterEach
  void leaveTheTestAddressUnthrottled() {
    ClockUtil.reset();
    throttle.forgetAll();
    identityService.unlockUser(DemoUsers.INTEGRATION);
    Logins.deleteUser(identityService, PERSON);
  }

  void advance(Duration duration) {
    now += duration.toMillis();
    ClockUtil.setCurrentTime(new Date(now));
  }

  void guessIntegrationPasswordUntilThrottled(String path) {
    for (int i = 0; i < maxFailures; i++) {
      basic(fromTestAddress(), DemoUsers.INTEGRATION, "guess-" + i, path).then().statusCode(401);
    }
  }

  static void assertThrottled(Response response) {
    response
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("status", equalTo(429))
        .body("detail", containsString("Too many failed logins from this address"));
    long retryAfter = Long.parseLong(response.header("Retry-After"));
    assertThat(retryAfter).isPositive();
  }

  @Test
  void guessingPasswordsOverTheApiIsAnswered429ProblemWithRetryAfter() {
    guessIntegrationPasswordUntilThrottled("/api/me");

    Response next = basic(fromTestAddress(), DemoUsers.INTEGRATION, "guess-next", "/api/me");

    assertThrottled(next);
    assertThat(Long.parseLong(next.header("Retry-After"))).isEqualTo(coolDown.toSeconds());
  }

  @Test
  void duringTheCoolDownEvenTheRightPasswordIsRefusedFromThatAddressOnEverySurface() {
    guessIntegrationPasswordUntilThrottled("/api/me");

    assertThrottled(
        basic(fromTestAddress(), DemoUsers.INTEGRATION, DemoUsers.INTEGRATION, "/api/me"));
    assertThrottled(
        basic(fromTestAddress(), DemoUsers.ALICE, DemoUsers.ALICE, "/engine-rest/engine"));
    assertThrottled(webappLogin(fromTestAddress(), DemoUsers.ALICE, DemoUsers.ALICE));
  }

  @Test
  void anotherAddressStillLogsInWhileTheGuessingAddressIsThrottled() {
    guessIntegrationPasswordUntilThrottled("/engine-rest/engine");

    basic(fromOtherAddress(), DemoUsers.INTEGRATION, DemoUsers.INTEGRATION, "/api/me")
        .then()
        .statusCode(200)
        .body("userId", equalTo("integration"));
    webappLogin(fromOtherAddress(), DemoUsers.ALICE, DemoUsers.ALICE).then().statusCode(200);
  }

  @Test
  void guessingOverTheWebappLoginIsThrottledToo() {
    for (int i = 0; i < maxFailures; i++) {
      webappLogin(fromTestAddress(), PERSON, "guess-" + i).then().statusCode(401);
      // Camunda's own delay after a wrong password is not what answers here.
      advance(Duration.ofSeconds(61));
    }

    assertThrottled(webappLogin(fromTestAddress(), PERSON, PERSON_PASSWORD));
  }

  @Test
  void throttledAttemptsNeverReachThePasswordCheckSoTheyCannotLockAPerson() {
    for (int i = 0; i < maxFailures; i++) {
      basic(fromTestAddress(), PERSON, "guess-" + i, "/engine-rest/engine").then().statusCode(401);
    }
    // Enough further guesses to reach Camunda's lock-out (10), each after its login delay.
    for (int i = 0; i < 20; i++) {
      advance(Duration.ofSeconds(1));
      assertThrottled(basic(fromTestAddress(), PERSON, "more-" + i, "/engine-rest/engine"));
    }

    advance(coolDown);

    basic(fromTestAddress(), PERSON, PERSON_PASSWORD, "/engine-rest/engine").then().statusCode(200);
  }

  @Test
  void afterTheCoolDownTheRightPasswordWorksAgain() {
    guessIntegrationPasswordUntilThrottled("/api/me");
    advance(coolDown.minusSeconds(1));
    assertThrottled(
        basic(fromTestAddress(), DemoUsers.INTEGRATION, DemoUsers.INTEGRATION, "/api/me"));

    advance(Duration.ofSeconds(1));

    asIntegrationFromTestAddress().then().statusCode(200);
  }

  @Test
  void failedLoginsOlderThanTheWindowNoLongerCount() {
    for (int i = 0; i < maxFailures - 1; i++) {
      basic(fromTestAddress(), DemoUsers.INTEGRATION, "guess-" + i, "/api/me")
          .then()
          .statusCode(401);
    }
    advance(window);

    basic(fromTestAddress(), DemoUsers.INTEGRATION, "guess-late", "/api/me").then().statusCode(401);
    asIntegrationFromTestAddress().then().statusCode(200);
  }

  @Test
  void requestsWithoutCredentialsAreNotCountedAsFailedLogins() {
    for (int i = 0; i < maxFailures * 2; i++) {
      fromTestAddress().get("/api/me").then().statusCode(401);
    }

    asIntegrationFromTestAddress().then().statusCode(200);
  }

  @Test
  void forwardingHeadersFromTheClientAreNotTrusted() {
    for (int i = 0; i < maxFailures; i++) {
      fromTestAddress()
          .header("X-Forwarded-For", "198.51.100." + i)
          .auth()
          .preemptive()
          .basic(DemoUsers.INTEGRATION, "guess-" + i)
          .get("/api/me")
          .then()
          .statusCode(401);
    }

    assertThrottled(
        fromTestAddress()
            .header("X-Forwarded-For", "198.51.100.99")
            .auth()
            .preemptive()
            .basic(DemoUsers.INTEGRATION, DemoUsers.INTEGRATION)
            .get("/api/me"));
  }

  static Response asIntegrationFromTestAddress() {
    return basic(fromTestAddress(), DemoUsers.INTEGRATION, DemoUsers.INTEGRATION, "/api/me");
  }
}
