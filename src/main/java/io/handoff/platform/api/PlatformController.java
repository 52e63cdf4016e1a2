package io.handoff.platform.api;

import io.handoff.platform.security.CamundaIdentityAuthenticationProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the platform runs, and who is calling. */
@RestController
@RequestMapping("/api")
@Tag(name = "Platform", description = "Deployed processes and the calling user")
public class PlatformController {

  private final RepositoryService repositoryService;

  public PlatformController(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
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
