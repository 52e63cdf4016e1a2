package io.handoff.platform.notification;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code GET /api/notifications}: administrators read the outbox and the caught e-mails. */
@HandoffSpringTest
class NotificationApiTest extends RestTestSupport {

  @Autowired NotificationOutbox outbox;
  @Autowired NotificationDelivery delivery;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void anAdministratorReadsEachNotificationWithItsStateAndTheEmailTheCatcherReceived() {
    String pi = "api-test-" + UUID.randomUUID();
    String mailKey = "test/api/mail/" + UUID.randomUUID();
    String chatKey = "test/api/chat/" + UUID.randomUUID();
    new TransactionTemplate(transactionManager)
        .executeWithoutResult(
            s -> {
              outbox.mail(
                  mailKey,
                  "onboarding@handoff.example",
                  List.of("erin@handoff.example", "paul@handoff.example"),
                  "Vendor onboarded",
                  "Hafenlogistik is our supplier now.",
                  pi);
              outbox.chat(chatKey, "network-ops", "Reminder: incident 42", pi);
            });
    delivery.deliverDue();

    as(DemoUsers.ADMIN)
        .queryParam("processInstanceId", pi)
        .get("/api/notifications")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("page.size", equalTo(100))
        .body("page.next", nullValue())
        .body("items[0].key", equalTo(chatKey))
        .body("items[0].kind", equalTo("CHAT"))
        .body("items[0].recipient", equalTo("network-ops"))
        .body("items[0].status", equalTo("LOGGED"))
        .body("items[0].attempts", equalTo(1))
        .body("items[0].messageId", nullValue())
        .body("items[1].key", equalTo(mailKey))
        .body("items[1].kind", equalTo("MAIL"))
        .body("items[1].subject", equalTo("Vendor onboarded"))
        .body("items[1].status", equalTo("DELIVERED"))
        .body("items[1].deliveredAt", startsWith("20"))
        .body("items[1].lastError", nullValue())
        .body(
            "items[1].messageId",
            equalTo("<" + OutboxEntry.deliveryIdOf(mailKey) + "@handoff.example>"))
        .body("items[1].caught.from", equalTo("onboarding@handoff.example"))
        .body(
            "items[1].caught.to",
            containsInAnyOrder("erin@handoff.example", "paul@handoff.example"))
        .body("items[1].caught.subject", equalTo("Vendor onboarded"))
        .body("items[1].caught.text", equalTo("Hafenlogistik is our supplier now."));

    as(DemoUsers.ADMIN)
        .queryParam("processInstanceId", pi)
        .queryParam("kind", "MAIL")
        .get("/api/notifications")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].key", equalTo(mailKey));

    String next =
        as(DemoUsers.ADMIN)
            .queryParam("processInstanceId", pi)
            .queryParam("size", 1)
            .get("/api/notifications")
            .then()
            .statusCode(200)
            .body("items.key", equalTo(java.util.List.of(chatKey)))
            .body("page.size", equalTo(1))
            .body("page.cursor", notNullValue())
            .extract()
            .path("page.next");
    as(DemoUsers.ADMIN)
        .urlEncodingEnabled(false)
        .get(next)
        .then()
        .statusCode(200)
        .body("items.key", equalTo(java.util.List.of(mailKey)))
        .body("page.cursor", nullValue())
        .body("page.next", nullValue());
  }

  @Test
  void anyoneElseIsRefused403AndNoCredentials401() {
    asIntegration()
        .get("/api/notifications")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.ERIN).get("/api/notifications").then().statusCode(403);
    anonymous()
        .get("/api/notifications")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void badParametersAre400NamingEachOfThem() {
    as(DemoUsers.ADMIN)
        .queryParam("kind", "SMS")
        .queryParam("status", "sent")
        .queryParam("size", "5000")
        .queryParam("cursor", "x")
        .get("/api/notifications")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("kind", "status", "size", "cursor"));
  }
}
