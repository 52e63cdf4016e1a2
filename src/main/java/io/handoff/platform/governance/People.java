package io.handoff.platform.governance;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * The platform's people as the controls see them: who is acting on a task (from the login, never
 * from a variable), their e-mail and their groups (from the platform's identity records, read
 * whatever the caller's own rights on users and groups).
 */
@Component
public class People {

  /**
   * A platform user.
   *
   * @param userId login
   * @param email e-mail address, null when none is recorded
   * @param groups groups they are a member of
   */
  public record Person(String userId, String email, Set<String> groups) {}

  private final IdentityService identityService;

  public People(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The user as recorded; an unknown id is a person with no e-mail and no groups. */
  public Person person(String userId) {
    return withoutAuthorization(
        () -> {
          User user = identityService.createUserQuery().userId(userId).singleResult();
          Set<String> groups = new LinkedHashSet<>();
          identityService.createGroupQuery().groupMember(userId).list().stream()
              .map(Group::getId)
              .forEach(groups::add);
          return new Person(userId, user == null ? null : user.getEmail(), Set.copyOf(groups));
        });
  }

  /** The first of the groups the user is a member of; empty for none, or for no user. */
  public Optional<String> groupAmong(String userId, java.util.Collection<String> groups) {
    if (userId == null) {
      return Optional.empty();
    }
    Set<String> memberOf = person(userId).groups();
    return groups.stream().filter(memberOf::contains).findFirst();
  }

  /** The members of a group, by user id. */
  public Set<String> members(String groupId) {
    return withoutAuthorization(
        () -> {
          Set<String> ids = new LinkedHashSet<>();
          identityService.createUserQuery().memberOfGroup(groupId).list().stream()
              .map(User::getId)
              .forEach(ids::add);
          return ids;
        });
  }

  /**
   * The forms under which a person may be named, lower case: the user id or e-mail address given,
   * and for a platform user, the user's e-mail address; for an e-mail address, the ids of the
   * platform users with that address. Two names are the same person when their forms overlap.
   */
  public Set<String> identitiesOf(String userOrEmail) {
    Set<String> identities = new LinkedHashSet<>();
    if (userOrEmail == null || userOrEmail.isBlank()) {
      return identities;
    }
    String given = userOrEmail.trim();
    identities.add(normalize(given));
    if (given.contains("@")) {
      for (String address : new LinkedHashSet<>(List.of(given, normalize(given)))) {
        withoutAuthorization(() -> identityService.createUserQuery().userEmail(address).list())
            .forEach(u -> identities.add(normalize(u.getId())));
      }
    } else {
      User user =
          withoutAuthorization(
              () -> identityService.createUserQuery().userId(given).singleResult());
      if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
        identities.add(normalize(user.getEmail()));
      }
    }
    return identities;
  }

  /** Whether two names (user id or e-mail, any case) are the same person. */
  public boolean samePerson(String one, String other) {
    Set<String> others = identitiesOf(other);
    return identitiesOf(one).stream().anyMatch(others::contains);
  }

  private static String normalize(String identity) {
    return identity.trim().toLowerCase(Locale.ROOT);
  }

  /** The logged-in caller of the current engine call, if any. */
  public Optional<String> caller() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth == null ? Optional.empty() : Optional.ofNullable(auth.getUserId());
  }

  /**
   * The people acting on a task right now: the logged-in caller first, then the assignee. Both are
   * checked by a control: whoever completes a task, and whoever it is assigned to.
   */
  public Set<String> actorsOn(DelegateTask task) {
    Set<String> actors = new LinkedHashSet<>();
    caller().ifPresent(actors::add);
    if (task.getAssignee() != null) {
      actors.add(task.getAssignee());
    }
    return actors;
  }

  /** Who decides on a task: the logged-in caller, else its assignee; empty when neither. */
  public Optional<String> deciderOn(DelegateTask task) {
    return actorsOn(task).stream().findFirst();
  }

  private static <T> T withoutAuthorization(Callable<T> call) {
    CommandContext ctx = Context.getCommandContext();
    try {
      return ctx == null ? call.call() : ctx.runWithoutAuthorization(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
