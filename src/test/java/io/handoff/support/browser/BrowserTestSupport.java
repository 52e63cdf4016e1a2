package io.handoff.support.browser;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base for browser tests that need no other base class: one headless Chromium per test (see {@link
 * TasklistSession}); tests with their own base register a {@link TasklistSession} field instead.
 */
public abstract class BrowserTestSupport {

  @RegisterExtension protected final TasklistSession tasklist = new TasklistSession();

  protected TasklistBrowser browser() {
    return tasklist.browser();
  }
}
