package io.handoff.support.browser;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A headless Tasklist browser for one test, as a JUnit extension: register it as a field
 * ({@code @RegisterExtension final TasklistSession tasklist = new TasklistSession();}) in any
 * {@code @HandoffSpringTest} class, whatever its base class. The browser opens on first use against
 * the app's random port; when the test fails a screenshot and the page source are saved under
 * target/browser/; it is closed after every test.
 */
public final class TasklistSession implements BeforeEachCallback, TestWatcher {

  private ExtensionContext context;
  private TasklistBrowser browser;

  /** The browser of the running test, opened on first use. */
  public TasklistBrowser browser() {
    if (browser == null) {
      if (context == null) {
        throw new IllegalStateException("TasklistSession is used outside a running test");
      }
      Integer port =
          SpringExtension.getApplicationContext(context)
              .getEnvironment()
              .getProperty("local.server.port", Integer.class);
      if (port == null) {
        throw new IllegalStateException("Browser tests need a web server on a random port");
      }
      browser = TasklistBrowser.open(port);
    }
    return browser;
  }

  /** Remembers the running test, whose Spring context knows the port. */
  @Override
  public void beforeEach(ExtensionContext context) {
    this.context = context;
  }

  private void finish(ExtensionContext context, boolean failed) {
    if (browser == null) {
      return;
    }
    try {
      if (failed) {
        String name =
            context.getRequiredTestClass().getSimpleName()
                + "-"
                + context.getRequiredTestMethod().getName()
                + "-FAILED";
        browser.screenshot(name);
        browser.pageSource(name);
      }
    } catch (IOException | RuntimeException e) {
      // The failure itself is what matters; artefacts are best effort.
    } finally {
      browser.close();
      browser = null;
      this.context = null;
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    finish(context, false);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    finish(context, true);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    finish(context, false);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
