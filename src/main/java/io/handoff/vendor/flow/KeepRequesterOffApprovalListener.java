package io.handoff.vendor.flow;

import io.handoff.platform.decision.Rules;
import io.handoff.vendor.store.VendorApplications;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A convenience for the requester: when an approval task is created, the requester's rights on it
 * are revoked, so it does not show in their Tasklist even when they belong to the approving group
 * (a requester named by e-mail address: the platform users with that address). The control itself
 * is segregation of duties on claim and completion ({@link GuardVendorApprovalListener}, {@link
 * RecordApprovalListener}), which does not rely on this revoke. The revoke goes with the task.
 */
@Component("keepRequesterOffApproval")
public class KeepRequesterOffApprovalListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(KeepRequesterOffApprovalListener.class);

  private final AuthorizationService authorizationService;
  private final IdentityService identityService;
  private final VendorApplications applications;

  public KeepRequesterOffApprovalListener(
      AuthorizationService authorizationService,
      IdentityService identityService,
      VendorApplications applications) {
    this.authorizationService = authorizationService;
    this.identityService = identityService;
    this.applications = applications;
  }

  @Override
  public void notify(DelegateTask task) {
    String requester = applications.ofProcess(task.getProcessInstanceId()).requestedBy();
    Set<String> users = new LinkedHashSet<>();
    if (requester.contains("@")) {
      for (String address :
          new LinkedHashSet<>(
              List.of(requester.trim(), requester.trim().toLowerCase(Locale.ROOT)))) {
        Rules.asProcess(() -> identityService.createUserQuery().userEmail(address).list()).stream()
            .map(User::getId)
            .forEach(users::add);
      }
    } else {
      users.add(requester);
    }
    for (String user : users) {
      Authorization revoke =
          authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
      revoke.setUserId(user);
      revoke.setResource(Resources.TASK);
      revoke.setResourceId(task.getId());
      revoke.removePermission(Permissions.READ);
      revoke.removePermission(Permissions.UPDATE);
      revoke.removePermission(TaskPermissions.TASK_WORK);
      revoke.removePermission(TaskPermissions.TASK_ASSIGN);
      Rules.asProcess(() -> authorizationService.saveAuthorization(revoke));
      log.info(
          "Approval task {} of process instance {} hidden from its requester {}",
          task.getId(),
          task.getProcessInstanceId(),
          user);
    }
  }
}
