package io.handoff.vendor.process;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who acts on a task: the logged-in user (Tasklist, engine REST) and the task's assignee. */
@Component
public class TaskUsers {

  static final String UNKNOWN = "unknown";

  private final IdentityService identityService;

  public TaskUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Who completes a task: the logged-in user, else the task's assignee. */
  public String completedBy(DelegateTask task) {
    return actingOn(task).stream().findFirst().orElse(UNKNOWN);
  }

  /** The logged-in user (if any) and the assignee (if any), in that order. */
  public Set<String> actingOn(DelegateTask task) {
    Set<String> actors = new LinkedHashSet<>();
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      actors.add(authentication.getUserId());
    }
    if (task.getAssignee() != null) {
      actors.add(task.getAssignee());
    }
    return actors;
  }
}
