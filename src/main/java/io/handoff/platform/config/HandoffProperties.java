package io.handoff.platform.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Platform settings under {@code handoff.*}.
 *
 * @param api who may call the domain REST API under {@code /api/**}
 * @param demo demo identities and Tasklist filters created at start-up (embedded run only)
 * @param deployment where process and form resources are read from at start-up
 * @param security the login policy: technical users and the throttle of failed logins
 * @param engineRest bounds on what Camunda's engine REST API under {@code /engine-rest} reads
 */
@ConfigurationProperties("handoff")
public record HandoffProperties(
    Api api, Demo demo, Deployment deployment, Security security, EngineRest engineRest) {

  public HandoffProperties {
    api =
        api == null
            ? new Api(
                List.of("integrators", "camunda-admin"),
                List.of("camunda-admin", "auditors"),
                Api.DEFAULT_MAX_BODY_SIZE)
            : api;
    demo = demo == null ? new Demo(false, List.of(), List.of(), null) : demo;
    deployment = deployment == null ? new Deployment(true, "processes", "forms") : deployment;
    security = security == null ? new Security(null, null, null) : security;
    engineRest = engineRest == null ? new EngineRest(null) : engineRest;
  }

  /**
   * @param maxDeploymentSize the largest upload {@code /engine-rest/deployment/create} (Camunda
   *     Modeler's deploy button) reads, checked after the credentials: a larger one is answered 413
   *     before it is buffered, whether it declares its length or streams it in chunks
   */
  public record EngineRest(@DefaultValue("5MB") DataSize maxDeploymentSize) {

    public static final DataSize DEFAULT_MAX_DEPLOYMENT_SIZE = DataSize.ofMegabytes(5);

    public EngineRest {
      maxDeploymentSize =
          maxDeploymentSize == null ? DEFAULT_MAX_DEPLOYMENT_SIZE : maxDeploymentSize;
      if (maxDeploymentSize.toBytes() < 1) {
        throw new IllegalArgumentException(
            "handoff.engine-rest.max-deployment-size must be positive");
      }
    }
  }

  /**
   * The login policy (docs/security.md).
   *
   * @param technicalUserGroups members of these groups are technical users (ERP, service desk,
   *     monitoring): wrong passwords never lock them; every other user keeps the engine's lock-out
   * @param loginThrottle how failed logins from one client address are throttled
   * @param principalCache how long a successful HTTP Basic login is remembered
   */
  public record Security(
      List<String> technicalUserGroups,
      LoginThrottle loginThrottle,
      PrincipalCache principalCache) {
    public Security {
      technicalUserGroups =
          technicalUserGroups == null ? List.of("integrators") : List.copyOf(technicalUserGroups);
      loginThrottle =
          loginThrottle == null
              ? new LoginThrottle(5, Duration.ofMinutes(5), Duration.ofMinutes(15), 100_000)
              : loginThrottle;
      principalCache =
          principalCache == null
              ? new PrincipalCache(Duration.ofSeconds(60), 10_000)
              : principalCache;
    }
  }

  /**
   * Successful HTTP Basic logins kept per node (docs/security.md, "Remembered logins").
   *
   * @param expiry how long a login is remembered; a password or membership changed on another node
   *     or directly in the database takes effect here within this time (changes on this node at
   *     once)
   * @param maxEntries how many logins a node remembers at most
   */
  public record PrincipalCache(
      @DefaultValue("60s") Duration expiry, @DefaultValue("10000") int maxEntries) {
    public PrincipalCache {
      if (expiry.isNegative() || maxEntries < 1) {
        throw new IllegalArgumentException(
            "handoff.security.principal-cache: expiry must not be negative, max-entries positive");
      }
    }
  }

  /**
   * @param maxFailures failed logins from one client address within {@code window} after which that
   *     address is refused (429) for {@code coolDown}
   * @param window how long a failed login counts
   * @param coolDown how long an address is refused once it reached {@code maxFailures}
   * @param maxAddresses how many client addresses the node remembers at most (the oldest are
   *     forgotten first)
   */
  public record LoginThrottle(
      @DefaultValue("5") int maxFailures,
      @DefaultValue("5m") Duration window,
      @DefaultValue("15m") Duration coolDown,
      @DefaultValue("100000") int maxAddresses) {
    public LoginThrottle {
      if (maxFailures < 1) {
        throw new IllegalArgumentException("handoff.security.login-throttle.max-failures < 1");
      }
      if (window.isNegative() || window.isZero() || coolDown.isNegative() || coolDown.isZero()) {
        throw new IllegalArgumentException(
            "handoff.security.login-throttle.window and cool-down must be positive");
      }
    }
  }

  /**
   * @param groups platform groups whose members may call {@code /api/**}; others get 403
   * @param maxBodySize the largest request body {@code /api/**} reads; a larger one is answered 413
   *     before it is parsed, whether it declares its length or streams it in chunks
   */
  public record Api(
      @DefaultValue({"integrators", "camunda-admin"}) List<String> groups,
      @DefaultValue({"camunda-admin", "auditors"}) List<String> auditGroups,
      @DefaultValue("2MB") DataSize maxBodySize) {

    public static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofMegabytes(2);

    public Api {
      maxBodySize = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
      if (maxBodySize.toBytes() < 1) {
        throw new IllegalArgumentException("handoff.api.max-body-size must be positive");
      }
    }
  }

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
   * @param startableProcesses process keys members may start from the Tasklist
   * @param tasklistFilter whether the group gets a Tasklist filter of its tasks (a group that only
   *     starts processes needs none)
   */
  public record GroupSpec(
      String id,
      String name,
      List<String> startableProcesses,
      @DefaultValue("true") boolean tasklistFilter) {
    public GroupSpec {
      startableProcesses = startableProcesses == null ? List.of() : List.copyOf(startableProcesses);
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
