package io.handoff.platform.api;

import io.handoff.platform.security.CamundaIdentityAuthenticationProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** What the platform runs, and who is calling. */
@RestController
@RequestMapping("/api")
@Tag(name = "Platform", description = "Deployed processes and the calling user")
public class PlatformController {

  private final RepositoryService repositoryService;
  private final RequestMappingHandlerMapping mappings;

  public PlatformController(
      RepositoryService repositoryService,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
    this.repositoryService = repositoryService;
    this.mappings = mappings;
  }

  /**
   * @param name the resource, e.g. {@code invoices}
   * @param href its path
   * @param operations every operation on it: method and path template
   */
  public record Resource(String name, String href, List<String> operations) {}

  /**
   * @param resources every resource of the domain API, read from the running application
   * @param links the API's description: the OpenAPI document and Swagger UI
   */
  public record Index(List<Resource> resources, Map<String, String> links) {}

  @GetMapping({"", "/"})
  @Operation(
      summary = "The resources of the API, with links",
      description =
          "Read from the application's own request mappings, so it lists exactly what answers."
              + " Links point to the OpenAPI document and Swagger UI.")
  public Index index() {
    Map<String, java.util.SortedSet<String>> operations = new java.util.TreeMap<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              for (String path : info.getPatternValues()) {
                String[] segments = path.split("/");
                if (segments.length < 3 || !"api".equals(segments[1])) {
                  continue;
                }
                java.util.SortedSet<String> ops =
                    operations.computeIfAbsent(segments[2], k -> new java.util.TreeSet<>());
                info.getMethodsCondition()
                    .getMethods()
                    .forEach(m -> ops.add(m.name() + " " + path));
              }
            });
    List<Resource> resources =
        operations.entrySet().stream()
            .map(e -> new Resource(e.getKey(), "/api/" + e.getKey(), List.copyOf(e.getValue())))
            .toList();
    Map<String, String> links = new java.util.LinkedHashMap<>();
    links.put("self", "/api/");
    links.put("openapi", "/v3/api-docs");
    links.put("swagger-ui", "/swagger-ui/index.html");
    return new Index(resources, links);
  }

  /**
   * @param userId the authenticated user
   * @param groups the user's platform groups
   */
  public record Me(String userId, List<String> groups) {}

  /**
   * @param key process key, used to start it
   * @param name display name
   * @param version latest deployed version
   * @param deploymentId deployment that holds this version
   */
  public record DeployedProcess(String key, String name, int version, String deploymentId) {}

  @GetMapping("/me")
  @Operation(summary = "The calling user and their groups")
  public Me me(Authentication authentication) {
    List<String> groups =
        authentication.getAuthorities().stream()
            .map(a -> a.getAuthority())
            .filter(a -> a.startsWith(CamundaIdentityAuthenticationProvider.GROUP_PREFIX))
            .map(a -> a.substring(CamundaIdentityAuthenticationProvider.GROUP_PREFIX.length()))
            .sorted()
            .toList();
    return new Me(authentication.getName(), groups);
  }

  @GetMapping("/processes")
  @Operation(summary = "The latest version of every deployed process")
  public List<DeployedProcess> processes() {
    return repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
        .sorted(Comparator.comparing(ProcessDefinition::getKey))
        .map(d -> new DeployedProcess(d.getKey(), d.getName(), d.getVersion(), d.getDeploymentId()))
        .toList();
  }
}
