package io.handoff.platform.security;

import java.util.List;

/**
 * The {@code prod} profile found default, empty or guessable secrets (see {@link
 * ProductionSecrets}).
 */
public class WeakSecretsException extends IllegalStateException {

  private final List<String> problems;

  public WeakSecretsException(List<String> problems) {
    super(
        "Refusing to start with the prod profile on default or empty secrets:\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
