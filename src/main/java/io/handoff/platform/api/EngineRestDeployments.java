package io.handoff.platform.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.util.UrlPathHelper;

/**
 * The engine REST calls that create a deployment (Camunda Modeler's deploy button): {@code
 * /engine-rest/deployment/create}, also under a named engine ({@code
 * /engine-rest/engine/{name}/deployment/create}), matched on the decoded path without path
 * parameters, as the engine's REST application routes it.
 */
public final class EngineRestDeployments {

  private static final Pattern CREATE =
      Pattern.compile("/engine-rest(/engine/[^/]+)?/deployment/create/*");

  private static final UrlPathHelper PATHS = new UrlPathHelper();

  static {
    PATHS.setUrlDecode(true);
    PATHS.setRemoveSemicolonContent(true);
  }

  private EngineRestDeployments() {}

  public static boolean isDeployment(HttpServletRequest request) {
    return CREATE.matcher(PATHS.getPathWithinApplication(request)).matches();
  }
}
