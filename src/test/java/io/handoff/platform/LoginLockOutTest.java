package io.handoff.platform;

import static io.handoff.support.Logins.basic;
import static io.handoff.support.Logins.fromTestAddress;
import static io.handoff.support.Logins.webappLogin;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.platform.security.LoginThrottle;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Logins;
import io.handoff.support.RestTestSupport;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Wrong passwords cannot lock a technical user out, on any surface; a person is still locked by
 * Camunda after its maximum attempts. Between attempts the engine clock moves past Camunda's
 * growing login delay (at most 60 s), as a patient attacker would wait, and the per-address
 * throttle is cleared so that every attempt reaches the password check.
 */
@HandoffSpringTest
class LoginLockOutTest extends RestTestSupport {

  static final int ATTACK_ATTEMPTS = 12;
  static final String ERP_USER = "lockout-erp";
  static final String ERP_PASSWORD = "erp-Secret-1";
  static final String PERSON = "lockout-person";
  static final String PERSON_PASSWORD = "person-Secret-1";

  @Autowired IdentityService identityService;
  @Autowired LoginThrottle throttle;

  Date clock;

  @BeforeEach
  void freshUsersAndClock() {
    throttle.forgetAll();
    clock = new Date();
    ClockUtil.setCurrentTime(clock);
    Logins.createUser(identityService, ERP_USER, ERP_PASSWORD, "integrators");
    Logins.createUser(identityService, PERSON, PERSON_PASSWORD, "employees");
  }

  @AfterEach
  void leaveNoLockedUserBehind() {
    ClockUtil.reset();
    throttle.forgetAll();
    identityService.unlockUser(DemoUsers.INTEGRATION);
    Logins.deleteUser(identityService, ERP_USER);
    Logins.deleteUser(identityService, PERSON);
  }

  /** Waits out Camunda's login delay on the engine clock, and the throttle with it. */
  void nextAttempt() {
    clock = new Date(clock.getTime() + Duration.ofSeconds(61).toMillis());
    ClockUtil.setCurrentTime(clock);
    throttle.forgetAll();
  }

  @Test
  void twelveWrongPasswordsOverTheApiDoNotLockTheIntegrationUser() {
    for (int i = 0; i < ATTACK_ATTEMPTS; i++) {
      nextAttempt();
      basic(fromTestAddress(), DemoUsers.INTEGRATION, "guess-" + i, "/api/me")
          .then()
          .statusCode(401);
    }
    throttle.forgetAll();

    asIntegration().get("/api/me").then().statusCode(200).body("userId", equalTo("integration"));
  }

  @Test
  void twelveWrongPasswordsOverEngineRestDoNotLockTheIntegrationUser() {
    for (int i = 0; i < ATTACK_ATTEMPTS; i++) {
      nextAttempt();
      basic(fromTestAddress(), DemoUsers.INTEGRATION, "guess-" + i, "/engine-rest/engine")
          .then()
          .statusCode(401);
    }
    throttle.forgetAll();

    asIntegration().get("/engine-rest/engine").then().statusCode(200);
    asIntegration().get("/api/me").then().statusCode(200);
  }

  @Test
  void twelveWrongPasswordsOverTheWebappLoginDoNotLockTheIntegrationUser() {
    for (int i = 0; i < ATTACK_ATTEMPTS; i++) {
      nextAttempt();
      webappLogin(fromTestAddress(), DemoUsers.INTEGRATION, "guess-" + i).then().statusCode(401);
    }
    throttle.forgetAll();

    // Password accepted; the integration user simply has no Tasklist access.
    webappLogin(fromTestAddress(), DemoUsers.INTEGRATION, DemoUsers.INTEGRATION)
        .then()
        .statusCode(403);
    asIntegration().get("/api/me").then().statusCode(200);
  }

  @Test
  void wrongPasswordsDoNotLockAnyMemberOfATechnicalUserGroup() {
    for (int i = 0; i < ATTACK_ATTEMPTS; i++) {
      nextAttempt();
      basic(fromTestAddress(), ERP_USER, "guess-" + i, "/api/me").then().statusCode(401);
    }
    throttle.forgetAll();

    // Not even Camunda's short delay after a wrong password: the right one works at once.
    basic(fromTestAddress(), ERP_USER, "guess", "/engine-rest/engine").then().statusCode(401);
    basic(fromTestAddress(), ERP_USER, ERP_PASSWORD, "/api/me")
        .then()
        .statusCode(200)
        .body("userId", equalTo(ERP_USER));
  }

  @Test
  void aPersonIsStillLockedAfterTheEnginesMaximumAttempts() {
    int maxAttempts = 10; // Camunda's loginMaxAttempts, not changed by Handoff
    for (int i = 0; i < maxAttempts; i++) {
      nextAttempt();
      basic(fromTestAddress(), PERSON, "guess-" + i, "/engine-rest/engine").then().statusCode(401);
    }
    nextAttempt();

    basic(fromTestAddress(), PERSON, PERSON_PASSWORD, "/engine-rest/engine").then().statusCode(401);
    webappLogin(fromTestAddress(), PERSON, PERSON_PASSWORD).then().statusCode(401);

    // An administrator lifts the lock.
    identityService.unlockUser(PERSON);
    basic(fromTestAddress(), PERSON, PERSON_PASSWORD, "/engine-rest/engine").then().statusCode(200);
  }

  @Test
  void aPersonIsStillDelayedByTheEngineAfterAWrongPassword() {
    basic(fromTestAddress(), PERSON, "guess", "/engine-rest/engine").then().statusCode(401);

    basic(fromTestAddress(), PERSON, PERSON_PASSWORD, "/engine-rest/engine").then().statusCode(401);
    nextAttempt();
    basic(fromTestAddress(), PERSON, PERSON_PASSWORD, "/engine-rest/engine").then().statusCode(200);
  }
}
