package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.notification.EventDeliveryNode;
import io.handoff.platform.notification.EventReceiver;
import io.handoff.platform.notification.NotificationDelivery;
import io.handoff.platform.notification.OutboxEntry;
import io.handoff.platform.notification.OutboxStore;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Procure-to-pay's integration events, end to end: the invoice's steps write them, a receiver on
 * loopback gets them signed (docs/integrations.md).
 */
@HandoffSpringTest
class InvoiceEventsTest extends ProcurementTestSupport {

  @Autowired ProcessEngine processEngine;
  @Autowired OutboxStore outbox;
  @Autowired ApplicationContext context;
  @Autowired ObjectMapper json;

  EventReceiver erp;
  NotificationDelivery node;

  @BeforeEach
  void receiver() throws Exception {
    BpmnAwareTests.init(processEngine);
    erp = new EventReceiver();
    node = EventDeliveryNode.create(context, Map.of("erp", erp.url()));
  }

  @AfterEach
  void closeReceiver() {
    erp.close();
  }

  private List<OutboxEntry> events(ProcessInstance pi, String type) {
    return outbox.ofProcessInstance(pi.getId()).stream()
        .filter(e -> type.equals(e.subject()) && e.eventId() != null)
        .toList();
  }

  @Test
  void invoiceScheduledForPaymentReachesTheSignedReceiverExactlyOnce() throws Exception {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-E1"));
    assertThat(events(pi, "invoice.scheduled-for-payment"))
        .as("not before the payment step")
        .isEmpty();

    assertThat(pi).isWaitingAt("SchedulePaymentTask");
    execute(job(pi));
    assertThat(pi).isEnded().hasPassed("InvoiceScheduledEndEvent");
    List<OutboxEntry> rows = events(pi, "invoice.scheduled-for-payment");
    assertThat(rows).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("erp"));
    String eventId = rows.get(0).eventId();

    node.deliverDue();
    node.deliverDue();

    List<EventReceiver.Received> posts = erp.of(eventId);
    assertThat(posts).hasSize(1);
    EventReceiver.Received post = posts.get(0);
    assertThat(post.signedWith(EventDeliveryNode.secretOf(context, "erp"))).isTrue();
    assertThat(Math.abs(Long.parseLong(post.timestamp()) - Instant.now().getEpochSecond()))
        .isLessThan(60);
    assertThat(post.eventType()).isEqualTo("invoice.scheduled-for-payment");
    JsonNode event = json.readTree(post.body());
    assertThat(event.get("id").asText()).isEqualTo(eventId);
    assertThat(event.get("type").asText()).isEqualTo("invoice.scheduled-for-payment");
    assertThat(event.get("processInstanceId").asText()).isEqualTo(pi.getId());
    JsonNode data = event.get("data");
    assertThat(data.get("vendorId").asText()).isEqualTo(vendorId);
    assertThat(data.get("invoiceNumber").asText()).isEqualTo("INV-E1");
    assertThat(data.get("poNumber").asText()).isEqualTo(poNumber);
    assertThat(data.get("amount").decimalValue()).isEqualByComparingTo("1100.00");
    assertThat(data.get("currency").asText()).isEqualTo("EUR");
    assertThat(data.get("paymentDate").asText()).isEqualTo(INVOICE_DATE.plusDays(30).toString());
    assertThat(outbox.findByKey(rows.get(0).key()).orElseThrow().status().name())
        .isEqualTo("DELIVERED");
  }

  @Test
  void rejectedInvoiceSendsInvoiceRejectedWithTheReason() throws Exception {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-E2", List.of(invoiceLine(1, "10", "150.00"), invoiceLine(2, "5", "20.00"))));
    Task task = openTask(pi, "ResolveMatchExceptionTask");
    taskService.claim(task.getId(), DemoUsers.ALICE);
    taskService.complete(
        task.getId(),
        Map.of(
            InvoiceVariables.EXCEPTION_OUTCOME,
            "reject",
            InvoiceVariables.EXCEPTION_REASON,
            "Prices were never agreed"));
    assertThat(pi).isEnded().hasPassed("InvoiceRejectedEndEvent");
    assertThat(events(pi, "invoice.scheduled-for-payment")).isEmpty();
    List<OutboxEntry> rows = events(pi, "invoice.rejected");
    assertThat(rows).singleElement();

    node.deliverDue();

    List<EventReceiver.Received> posts = erp.of(rows.get(0).eventId());
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).signedWith(EventDeliveryNode.secretOf(context, "erp"))).isTrue();
    JsonNode data = json.readTree(posts.get(0).body()).get("data");
    assertThat(data.get("invoiceNumber").asText()).isEqualTo("INV-E2");
    assertThat(data.get("reason").asText()).isEqualTo("Prices were never agreed");
    assertThat(data.get("total").decimalValue()).isEqualByComparingTo("1600.00");
  }
}
