package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.notification.EventDeliveryNode;
import io.handoff.platform.notification.EventReceiver;
import io.handoff.platform.notification.OutboxEntry;
import io.handoff.platform.notification.OutboxStore;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.vendor.store.VendorApplications;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Vendor onboarding's integration event: {@code vendor.created}, when the vendor master has it. */
@HandoffSpringTest
class VendorEventsTest {

  @Autowired VendorApplicationService service;
  @Autowired VendorApplications applications;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired OutboxStore outbox;
  @Autowired ApplicationContext context;
  @Autowired ObjectMapper json;

  final EventReceiver erp = new EventReceiver();

  VendorEventsTest() throws Exception {}

  @AfterEach
  void closeReceiver() {
    identityService.clearAuthentication();
    erp.close();
  }

  private List<OutboxEntry> events(String processInstanceId, String type) {
    return outbox.ofProcessInstance(processInstanceId).stream()
        .filter(e -> type.equals(e.subject()) && e.eventId() != null)
        .toList();
  }

  @Test
  void approvedVendorIsAnnouncedAsVendorCreatedWithItsVendorId() throws Exception {
    var submitted = service.submit(VendorRequests.lowRisk(DemoUsers.ERIN));
    String pi = submitted.processInstanceId();
    Task approval =
        taskService
            .createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey("ApproveVendorTask")
            .singleResult();
    assertThat(events(pi, "vendor.created")).as("not before it is created").isEmpty();

    identityService.setAuthentication(DemoUsers.PAUL, List.of("procurement", "employees"));
    taskService.complete(
        approval.getId(),
        Map.of(
            VendorOnboardingVariables.APPROVAL_DECISION,
            "APPROVED",
            VendorOnboardingVariables.APPROVAL_REASON,
            "fits our needs"));
    identityService.clearAuthentication();

    VendorApplication approved = applications.get(submitted.applicationId());
    assertThat(approved.vendorId()).isNotNull();
    List<OutboxEntry> rows = events(pi, "vendor.created");
    assertThat(rows).extracting(OutboxEntry::recipient).containsExactly("erp");

    EventDeliveryNode.create(context, Map.of("erp", erp.url())).deliverDue();

    List<EventReceiver.Received> posts = erp.of(rows.get(0).eventId());
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).signedWith(EventDeliveryNode.secretOf(context, "erp"))).isTrue();
    JsonNode data = json.readTree(posts.get(0).body()).get("data");
    assertThat(data.get("vendorId").asText()).isEqualTo(approved.vendorId());
    assertThat(data.get("applicationId").asText()).isEqualTo(submitted.applicationId());
    assertThat(data.get("legalName").asText()).isEqualTo(approved.legalName());
    assertThat(data.get("vatId").asText()).isEqualTo(approved.vatId());
    assertThat(data.get("riskTier").asText()).isEqualTo("LOW");
  }
}
