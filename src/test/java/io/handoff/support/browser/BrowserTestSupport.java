package io.handoff.support.browser;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base for browser tests: opens a headless Chromium per test and, when a test fails, saves a
 * screenshot and the page source under target/browser/ before closing it.
 */
@ExtendWith(BrowserTestSupport.SaveOnFailure.class)
public abstract class BrowserTestSupport {

  @LocalServerPort protected int port;

  protected TasklistBrowser browser;

  protected TasklistBrowser browser() {
    if (browser == null) {
      browser = TasklistBrowser.open(port);
    }
    return browser;
  }

  @AfterEach
  void closeBrowser() {
    // Closed by SaveOnFailure after the failure artefacts are written.
  }

  /** Writes failure artefacts, then closes the browser. */
  static class SaveOnFailure implements TestWatcher {

    private static void finish(ExtensionContext context, boolean failed) {
      Object test = context.getRequiredTestInstance();
      if (test instanceof BrowserTestSupport support && support.browser != null) {
        try {
          if (failed) {
            String name =
                context.getRequiredTestClass().getSimpleName()
                    + "-"
                    + context.getRequiredTestMethod().getName()
                    + "-FAILED";
            support.browser.screenshot(name);
            support.browser.pageSource(name);
          }
        } catch (IOException | RuntimeException e) {
          // The failure itself is what matters; artefacts are best effort.
        } finally {
          support.browser.close();
          support.browser = null;
        }
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
}
