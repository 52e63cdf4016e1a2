package io.handoff.vendor;

import io.handoff.platform.decision.Rules;
import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.People;
import io.handoff.vendor.store.Approvals;
import io.handoff.vendor.store.DecisionAudit;
import io.handoff.vendor.store.VendorApplications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Who may not decide an approval of a vendor application: the person who requested it (by user id
 * or by e-mail address, whichever form the request names), and anyone who already decided on it for
 * another group. The facts come from the application table and the approvals table; a platform
 * user's e-mail address from the identity service. A refusal is written to the audit trail in a
 * transaction of its own, so it stays when the refused claim or completion is rolled back.
 */
@Service
public class SegregationOfDuties {

  /** The control's name in a {@link ControlRefusedException}. */
  public static final String CONTROL = "segregation-of-duties";

  private static final Logger log = LoggerFactory.getLogger(SegregationOfDuties.class);

  private final VendorApplications applications;
  private final Approvals approvals;
  private final DecisionAudit audit;
  private final IdentityService identityService;
  private final People people;

  public SegregationOfDuties(
      VendorApplications applications,
      Approvals approvals,
      DecisionAudit audit,
      IdentityService identityService,
      People people) {
    this.applications = applications;
    this.approvals = approvals;
    this.audit = audit;
    this.identityService = identityService;
    this.people = people;
  }

  /** Why the user may not decide the application's approval for the group, or empty. */
  public Optional<String> refusal(VendorApplication a, String group, String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    Set<String> person = identitiesOf(userId);
    Set<String> requester = identitiesOf(a.requestedBy());
    requester.addAll(applications.requesterIdentities(a.applicationId()));
    if (overlaps(person, requester)) {
      return Optional.of(
          "Segregation of duties: "
              + userId
              + " requested vendor application "
              + a.applicationId()
              + " ("
              + a.legalName()
              + ") and may not approve it. Another member of "
              + group
              + " must decide.");
    }
    for (Approvals.Approval earlier : approvals.of(a.applicationId())) {
      if (overlaps(person, identitiesOf(earlier.userId()))) {
        return Optional.of(alreadyDecided(a, userId, earlier.group(), group));
      }
    }
    return Optional.empty();
  }

  static String alreadyDecided(
      VendorApplication a, String userId, String earlierGroup, String group) {
    return "Segregation of duties: "
        + userId
        + " already decided vendor application "
        + a.applicationId()
        + " ("
        + a.legalName()
        + ") for "
        + (earlierGroup == null ? "another group" : earlierGroup)
        + " and may not also approve it for "
        + group
        + ". Another member of "
        + group
        + " must decide.";
  }

  /** Whether the user may decide the application's approval for the group. */
  public boolean mayDecide(VendorApplication a, String group, String userId) {
    return refusal(a, group, userId).isEmpty();
  }

  /**
   * Refuses the user if they may not decide: audits the refusal independently and throws.
   *
   * @param event what was attempted: {@code assignment} (claim or assignment) or {@code complete}
   */
  public void check(VendorApplication a, String taskId, String group, String userId, String event) {
    Optional<String> reason = refusal(a, group, userId);
    if (reason.isPresent()) {
      throw refuse(a, taskId, group, userId, event, reason.get());
    }
  }

  /** Audits a refusal in its own transaction and returns the exception to throw. */
  public ControlRefusedException refuse(
      VendorApplication a, String taskId, String group, String userId, String event, String why) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("event", event);
    details.put("taskId", taskId);
    details.put("group", group);
    details.put("requestedBy", a.requestedBy());
    details.put("reason", why);
    audit.recordIndependently(
        a.applicationId(), DecisionAudit.SEGREGATION_OF_DUTIES, userId, "REFUSED", details);
    log.warn(
        "Process instance {}: {} of approval task {} ({}) refused for {}: {}",
        a.processInstanceId(),
        event,
        taskId,
        group,
        userId,
        why);
    return new ControlRefusedException(CONTROL, why);
  }

  /** The members of a group who may decide the application's approval for it. */
  public List<String> eligibleMembers(VendorApplication a, String group) {
    return Rules.asProcess(
            () ->
                identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list())
        .stream()
        .map(User::getId)
        .filter(id -> mayDecide(a, group, id))
        .toList();
  }

  /** Whether a platform user with this id exists. */
  public boolean userExists(String userId) {
    return Rules.asProcess(() -> identityService.createUserQuery().userId(userId).count()) > 0;
  }

  /** The forms under which a person may be named ({@link People#identitiesOf}). */
  public Set<String> identitiesOf(String userOrEmail) {
    return people.identitiesOf(userOrEmail);
  }

  private static boolean overlaps(Set<String> a, Set<String> b) {
    return a.stream().anyMatch(b::contains);
  }
}
