package io.handoff.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports refused production secrets as Spring Boot's short "APPLICATION FAILED TO START". */
public class WeakSecretsFailureAnalyzer extends AbstractFailureAnalyzer<WeakSecretsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WeakSecretsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set the secrets named above in the environment (docs/security.md, \"Production"
            + " secrets\"), or start without the prod profile for an evaluation on demo data.",
        cause);
  }
}
