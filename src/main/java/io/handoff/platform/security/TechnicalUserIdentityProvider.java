package io.handoff.platform.security;

import java.util.List;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's own database identity provider, with one difference: a wrong password never locks a
 * technical user (a member of {@code handoff.security.technical-user-groups}). Anyone who knows a
 * technical user's id could otherwise switch an integration off with a few wrong passwords; the
 * throttle of failed logins per client address ({@link LoginThrottle}) is what slows guessing
 * instead. Every other user keeps Camunda's lock-out: growing delays after each wrong password and
 * a lock after {@code loginMaxAttempts} that an administrator lifts.
 *
 * <p>The engine's {@code checkPassword} is what every login calls (HTTP Basic on {@code /api} and
 * {@code /engine-rest}, the webapps' login form, the engine REST API's identity check), so the
 * policy holds on all of them.
 */
public class TechnicalUserIdentityProvider extends DbIdentityServiceProvider {

  private final List<String> technicalUserGroups;

  public TechnicalUserIdentityProvider(List<String> technicalUserGroups) {
    this.technicalUserGroups = List.copyOf(technicalUserGroups);
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (userId == null || password == null || !isTechnicalUser(userId)) {
      return super.checkPassword(userId, password);
    }
    UserEntity user = findUserById(userId);
    if (user == null) {
      return false;
    }
    if (matchPassword(password, user)) {
      // Clears a lock left from before the user became technical.
      unlockUser(user);
      return true;
    }
    return false;
  }

  /** Membership read directly, without the authorization check of a group query. */
  boolean isTechnicalUser(String userId) {
    return technicalUserGroups.stream().anyMatch(group -> existsMembership(userId, group));
  }
}
