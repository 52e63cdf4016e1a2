package io.handoff.platform.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform settings under {@code handoff.*}.
 *
 * @param api who may call the domain REST API under {@code /api/**}
 * @param demo demo identities and Tasklist filters created at start-up (embedded run only)
 * @param deployment where process and form resources are read from at start-up
 */
@ConfigurationProperties("handoff")
public record HandoffProperties(Api api, Demo demo, Deployment deployment) {

  public HandoffProperties {
    api = api == null ? new Api(List.of("integrators", "camunda-admin")) : api;
    demo = demo == null ? new Demo(false, List.of(), List.of(), null) : demo;
    deployment = deployment == null ? new Deployment(true, "processes", "forms") : deployment;
  }

  /**
   * @param groups platform groups whose members may call {@code /api/**}; others get 403
   */
  public record Api(@DefaultValue({"integrators", "camunda-admin"}) List<String> groups) {}

  /**
   * @param enabled create demo groups, users, authorizations and filters at start-up
   * @param groups the groups to create
   * @param users the users to create, each with its groups
   * @param integration the technical user for integrators
   */
  public record Demo(
      @DefaultValue("false") boolean enabled,
      List<GroupSpec> groups,
      List<UserSpec> users,
      UserSpec integration) {

    public Demo {
      groups = groups == null ? List.of() : List.copyOf(groups);
      users = users == null ? List.of() : List.copyOf(users);
    }
  }

  /**
   * @param id group id, e.g. {@code accounts-payable}
   * @param name display name
   * @param startableProcesses process keys members may start from the Tasklist ({@code *} for all)
   * @param tasklistFilter whether the group gets a Tasklist filter of its tasks (default true)
   */
  public record GroupSpec(
      String id, String name, List<String> startableProcesses, Boolean tasklistFilter) {
    public GroupSpec {
      startableProcesses = startableProcesses == null ? List.of() : List.copyOf(startableProcesses);
      tasklistFilter = tasklistFilter == null || tasklistFilter;
    }
  }

  /**
   * @param id user id (login)
   * @param password initial password
   * @param firstName first name
   * @param lastName last name
   * @param email e-mail address
   * @param groups group ids
   */
  public record UserSpec(
      String id,
      String password,
      String firstName,
      String lastName,
      String email,
      List<String> groups) {
    public UserSpec {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  /**
   * @param enabled deploy at start-up
   * @param processesRoot classpath folder with one sub-folder of BPMN/DMN per process
   * @param formsRoot classpath folder with one sub-folder of forms per process
   */
  public record Deployment(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("processes") String processesRoot,
      @DefaultValue("forms") String formsRoot) {}
}
