package io.handoff.vendor.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who completes a task: the logged-in user (Tasklist, engine REST), else the task's assignee. */
@Component
public class TaskUsers {

  static final String UNKNOWN = "unknown";

  private final IdentityService identityService;

  public TaskUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String completedBy(DelegateTask task) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : UNKNOWN;
  }
}
