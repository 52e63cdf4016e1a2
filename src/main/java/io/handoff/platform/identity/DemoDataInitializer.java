package io.handoff.platform.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.handoff.platform.config.HandoffProperties;
import io.handoff.platform.config.HandoffProperties.GroupSpec;
import io.handoff.platform.config.HandoffProperties.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the demo identities of the embedded run: one Camunda group per business team, demo users
 * in them, the technical integration user, the authorizations that let each group work only its own
 * tasks, and one Tasklist filter per group. Idempotent: a restart on the same database creates
 * nothing twice. Off in the {@code prod} profile.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "handoff.demo.enabled", havingValue = "true")
public class DemoDataInitializer implements ApplicationRunner {

  /** Group of the technical users that call the REST APIs. */
  public static final String INTEGRATORS_GROUP = "integrators";

  private static final Logger log = LoggerFactory.getLogger(DemoDataInitializer.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final HandoffProperties.Demo demo;

  public DemoDataInitializer(
      IdentityService identityService,
      AuthorizationService authorizationService,
      FilterService filterService,
      TaskService taskService,
      HandoffProperties props) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.demo = props.demo();
  }

  @Override
  public void run(ApplicationArguments args) {
    for (GroupSpec group : demo.groups()) {
      createGroup(group.id(), group.name(), Groups.GROUP_TYPE_WORKFLOW);
      grantTeamAccess(group);
      if (group.tasklistFilter()) {
        createGroupFilter(group);
      }
    }
    List<UserSpec> users = new ArrayList<>(demo.users());
    if (demo.integration() != null) {
      createGroup(INTEGRATORS_GROUP, "Integrators (technical users)", Groups.GROUP_TYPE_SYSTEM);
      grantIntegratorAccess();
      users.add(demo.integration());
    }
    users.forEach(this::createUser);
    createMyTasksFilter();
    log.info("Demo data ready: {} groups, {} users", demo.groups().size(), users.size());
  }

  private void createGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }

  private void createUser(UserSpec spec) {
    if (identityService.createUserQuery().userId(spec.id()).count() == 0) {
      User user = identityService.newUser(spec.id());
      user.setFirstName(spec.firstName());
      user.setLastName(spec.lastName());
      user.setEmail(spec.email());
      user.setPassword(spec.password());
      identityService.saveUser(user);
    }
    for (String groupId : spec.groups()) {
      if (identityService.createUserQuery().userId(spec.id()).memberOfGroup(groupId).count() == 0) {
        identityService.createMembership(spec.id(), groupId);
      }
    }
  }

  private void grantTeamAccess(GroupSpec group) {
    String id = group.id();
    grant(id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    // Read definitions so the Tasklist can show process names and deployed forms.
    grant(id, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    for (String processKey : group.startableProcesses()) {
      grant(
          id,
          Resources.PROCESS_DEFINITION,
          processKey,
          Permissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
    if (!group.startableProcesses().isEmpty()) {
      grant(id, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
  }

  /**
   * Integrators act through the domain API (/api), which needs no engine rights. On the engine REST
   * API they may read the process definitions and the state of instances (not their variables:
   * {@code enforceSpecificVariablePermission}), and decision definitions; nothing else.
   */
  private void grantIntegratorAccess() {
    grant(
        INTEGRATORS_GROUP,
        Resources.PROCESS_DEFINITION,
        "*",
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE);
    grant(INTEGRATORS_GROUP, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    grant(INTEGRATORS_GROUP, Resources.DECISION_DEFINITION, "*", Permissions.READ);
  }

  /** Grants exactly these permissions, also where an earlier start granted others. */
  private void grant(String groupId, Resource resource, String resourceId, Permission... perms) {
    Authorization auth =
        authorizationService
            .createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(AUTH_TYPE_GRANT)
            .list()
            .stream()
            .findFirst()
            .orElseGet(
                () -> {
                  Authorization created =
                      authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
                  created.setGroupId(groupId);
                  created.setResource(resource);
                  created.setResourceId(resourceId);
                  return created;
                });
    auth.setPermissions(perms);
    authorizationService.saveAuthorization(auth);
  }

  private void createGroupFilter(GroupSpec group) {
    String name = group.name();
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    TaskQuery query = taskService.createTaskQuery().taskCandidateGroup(group.id());
    query.includeAssignedTasks();
    Filter filter =
        filterService
            .newTaskFilter(name)
            .setOwner("demo")
            .setQuery(query)
            .setProperties(
                Map.of(
                    "description",
                    "Open tasks for " + group.id(),
                    "priority",
                    10,
                    "refresh",
                    true));
    filterService.saveFilter(filter);
    grantFilterRead(filter.getId(), group.id(), null);
  }

  private void createMyTasksFilter() {
    String name = "My tasks";
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    TaskQuery query = taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}");
    Filter filter =
        filterService
            .newTaskFilter(name)
            .setOwner("demo")
            .setQuery(query)
            .setProperties(
                Map.of("description", "Tasks assigned to me", "priority", -10, "refresh", true));
    filterService.saveFilter(filter);
    grantFilterRead(filter.getId(), null, Authorization.ANY);
  }

  private void grantFilterRead(String filterId, String groupId, String userId) {
    Authorization auth =
        authorizationService.createNewAuthorization(
            userId != null ? AUTH_TYPE_GLOBAL : AUTH_TYPE_GRANT);
    if (groupId != null) {
      auth.setGroupId(groupId);
    } else {
      auth.setUserId(userId);
    }
    auth.setResource(Resources.FILTER);
    auth.setResourceId(filterId);
    auth.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(auth);
  }
}
