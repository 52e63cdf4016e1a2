package io.handoff.platform.security;

import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.EngineUsers;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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
 *
 * <p>Every write to users, groups and memberships passes here too, so this is where the logins that
 * {@link AuthenticatedPrincipalCache} remembers are forgotten: at the change and again when its
 * transaction commits (a login checked in between read the old state). A wrong password forgets the
 * user's logins as well, so that the engine's delay and lock-out apply at once.
 */
public class TechnicalUserIdentityProvider extends DbIdentityServiceProvider {

  private final List<String> technicalUserGroups;
  private final AuthenticatedPrincipalCache principals;

  public TechnicalUserIdentityProvider(
      List<String> technicalUserGroups, AuthenticatedPrincipalCache principals) {
    this.technicalUserGroups = List.copyOf(technicalUserGroups);
    this.principals = principals;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    boolean accepted = checkPasswordOnce(userId, password);
    if (!accepted && userId != null) {
      principals.evictUser(userId);
    }
    return accepted;
  }

  private boolean checkPasswordOnce(String userId, String password) {
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

  /**
   * A person may edit their own profile and password, but not their e-mail address: the controls
   * recognise a requester by user id or e-mail, so a changed address would let someone slip past
   * segregation of duties. Administrators change it.
   */
  @Override
  public IdentityOperationResult saveUser(User user) {
    UserEntity changed = (UserEntity) user;
    if (changed.getRevision() != 0
        && EngineUsers.controlledCaller(Context.getProcessEngineConfiguration()).isPresent()) {
      UserEntity stored = getDbEntityManager().selectById(UserEntity.class, changed.getId());
      if (stored != null && !Objects.equals(stored.getEmail(), changed.getEmail())) {
        throw new ControlRefusedException(
            "identity",
            "The e-mail address of "
                + changed.getId()
                + " identifies them to the platform's controls; an administrator changes it.");
      }
    }
    evictUserNowAndOnCommit(user.getId());
    return super.saveUser(user);
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    evictUserNowAndOnCommit(userId);
    return super.deleteUser(userId);
  }

  @Override
  public IdentityOperationResult unlockUser(String userId) {
    evictUserNowAndOnCommit(userId);
    return super.unlockUser(userId);
  }

  @Override
  public IdentityOperationResult createMembership(String userId, String groupId) {
    evictUserNowAndOnCommit(userId);
    return super.createMembership(userId, groupId);
  }

  @Override
  public IdentityOperationResult deleteMembership(String userId, String groupId) {
    evictUserNowAndOnCommit(userId);
    return super.deleteMembership(userId, groupId);
  }

  @Override
  public IdentityOperationResult saveGroup(org.camunda.bpm.engine.identity.Group group) {
    evictGroupNowAndOnCommit(group.getId());
    return super.saveGroup(group);
  }

  @Override
  public IdentityOperationResult deleteGroup(String groupId) {
    evictGroupNowAndOnCommit(groupId);
    return super.deleteGroup(groupId);
  }

  private void evictUserNowAndOnCommit(String userId) {
    if (userId != null) {
      principals.evictUser(userId);
      onCommit(() -> principals.evictUser(userId));
    }
  }

  private void evictGroupNowAndOnCommit(String groupId) {
    if (groupId != null) {
      principals.evictGroup(groupId);
      onCommit(() -> principals.evictGroup(groupId));
    }
  }

  private static void onCommit(Runnable eviction) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command
          .getTransactionContext()
          .addTransactionListener(TransactionState.COMMITTED, committed -> eviction.run());
    }
  }

  /** Membership read directly, without the authorization check of a group query. */
  boolean isTechnicalUser(String userId) {
    return technicalUserGroups.stream().anyMatch(group -> existsMembership(userId, group));
  }
}
