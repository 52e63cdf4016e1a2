package io.handoff.platform.deployment;

import io.handoff.platform.config.HandoffProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/<process>/*.bpmn|*.dmn} together with {@code forms/<process>/*.form} as
 * one deployment per process, named after the process folder. The engine's duplicate filtering
 * makes an unchanged process a no-op, so a restart redeploys only the processes whose files
 * changed; a changed process is redeployed whole so that its forms stay in the same deployment
 * ({@code camunda:formRefBinding="deployment"}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProcessResourceDeployer implements ApplicationRunner {

  static final String DEPLOYMENT_SOURCE = "handoff";
  private static final Set<String> SUFFIXES = Set.of("bpmn", "dmn", "form");
  private static final Logger log = LoggerFactory.getLogger(ProcessResourceDeployer.class);

  private final RepositoryService repositoryService;
  private final HandoffProperties.Deployment settings;
  private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  public ProcessResourceDeployer(RepositoryService repositoryService, HandoffProperties props) {
    this.repositoryService = repositoryService;
    this.settings = props.deployment();
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!settings.enabled()) {
      log.info("Start-up deployment of processes is disabled");
      return;
    }
    deployAll();
  }

  /** Deploys every process folder; returns the deployments the engine actually created. */
  public List<Deployment> deployAll() throws IOException {
    Map<String, Map<String, Resource>> byProcess = new TreeMap<>();
    collect(settings.processesRoot(), byProcess);
    collect(settings.formsRoot(), byProcess);
    return byProcess.entrySet().stream().map(e -> deploy(e.getKey(), e.getValue())).toList();
  }

  private void collect(String root, Map<String, Map<String, Resource>> byProcess)
      throws IOException {
    for (Resource resource : resolver.getResources("classpath*:" + root + "/*/**/*.*")) {
      String path = relativePath(resource, root);
      if (path == null) {
        continue;
      }
      String suffix = path.substring(path.lastIndexOf('.') + 1);
      if (!SUFFIXES.contains(suffix)) {
        continue;
      }
      String process = path.substring(0, path.indexOf('/'));
      byProcess.computeIfAbsent(process, k -> new TreeMap<>()).put(root + "/" + path, resource);
    }
  }

  private static String relativePath(Resource resource, String root) throws IOException {
    String url = resource.getURL().toString();
    int at = url.lastIndexOf("/" + root + "/");
    if (at < 0) {
      return null;
    }
    String path = url.substring(at + root.length() + 2);
    return path.contains("/") && !path.startsWith(".") ? path : null;
  }

  private Deployment deploy(String process, Map<String, Resource> resources) {
    DeploymentBuilder builder =
        repositoryService
            .createDeployment()
            .name(process)
            .source(DEPLOYMENT_SOURCE)
            .enableDuplicateFiltering(false);
    resources.forEach(
        (name, resource) -> {
          try (InputStream in = resource.getInputStream()) {
            builder.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
          } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name, e);
          }
        });
    Deployment previous =
        repositoryService
            .createDeploymentQuery()
            .deploymentName(process)
            .orderByDeploymentTime()
            .desc()
            .listPage(0, 1)
            .stream()
            .findFirst()
            .orElse(null);
    Deployment deployment = builder.deploy();
    boolean unchanged = previous != null && previous.getId().equals(deployment.getId());
    log.info(
        "Process '{}': {} resources, deployment {} ({})",
        process,
        resources.size(),
        deployment.getId(),
        unchanged ? "unchanged" : "deployed");
    return deployment;
  }
}
