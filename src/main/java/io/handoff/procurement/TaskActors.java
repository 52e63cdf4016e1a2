package io.handoff.procurement;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The people acting on a task right now: its assignee and the authenticated caller. */
final class TaskActors {

  private TaskActors() {}

  static Set<String> of(DelegateTask task) {
    Set<String> actors = new LinkedHashSet<>();
    Authentication current =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      actors.add(current.getUserId());
    }
    if (task.getAssignee() != null) {
      actors.add(task.getAssignee());
    }
    return actors;
  }

  /** Who decided: the authenticated caller, else the assignee. */
  static String decider(DelegateTask task) {
    return of(task).stream().findFirst().orElse("unknown");
  }
}
