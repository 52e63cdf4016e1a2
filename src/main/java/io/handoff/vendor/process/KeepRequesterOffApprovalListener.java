package io.handoff.vendor.process;

import static io.handoff.vendor.VendorOnboardingVariables.REQUESTER;

import io.handoff.vendor.RuleDecisions;
import io.handoff.vendor.VendorOnboardingVariables;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The requester of an application never approves it: when an approval task is created, the
 * requester's rights on that task are revoked, so it does not show in their Tasklist even when they
 * belong to the approving group. The revoke goes with the task when it is completed.
 */
@Component("keepRequesterOffApproval")
public class KeepRequesterOffApprovalListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(KeepRequesterOffApprovalListener.class);

  private final AuthorizationService authorizationService;

  public KeepRequesterOffApprovalListener(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  @Override
  public void notify(DelegateTask task) {
    String requester = VendorOnboardingVariables.string(task, REQUESTER);
    if (requester == null || requester.isBlank() || requester.contains("@")) {
      return; // not a platform user
    }
    Authorization revoke =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(requester);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(task.getId());
    revoke.removePermission(Permissions.READ);
    revoke.removePermission(Permissions.UPDATE);
    revoke.removePermission(TaskPermissions.TASK_WORK);
    revoke.removePermission(TaskPermissions.TASK_ASSIGN);
    RuleDecisions.asProcess(() -> authorizationService.saveAuthorization(revoke));
    log.info(
        "Approval task {} of process instance {} hidden from its requester {}",
        task.getId(),
        task.getProcessInstanceId(),
        requester);
  }
}
