package io.handoff.support.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driving the Camunda Tasklist of the app under test, as an approver would.
 * Uses Debian's {@code chromium} and {@code chromium-driver}; screenshots go to {@code
 * target/browser/}.
 */
public final class TasklistBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path OUTPUT = Path.of("target", "browser");

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final String baseUrl;

  private TasklistBrowser(WebDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Opens a headless browser; the test is skipped where Chromium is not installed. */
  public static TasklistBrowser open(int port) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver are needed for browser tests (.ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new TasklistBrowser(new ChromeDriver(service, options), "http://localhost:" + port);
  }

  public WebDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return wait;
  }

  /** Logs in to the Tasklist and waits until the filter list is shown. */
  public void loginToTasklist(String user, String password) {
    driver.get(baseUrl + "/camunda/app/tasklist/default/");
    WebElement username =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[ng-model=username]")));
    username.sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit].btn-primary")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".task-filters .task-filter")));
  }

  /** Names of the Tasklist filters shown to the logged-in user. */
  public List<String> filterNames() {
    return driver.findElements(By.cssSelector(".task-filters .task-filter")).stream()
        .map(e -> e.getText().trim())
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /** Selects a filter by its name and returns the names of the tasks it lists. */
  public List<String> openFilter(String name) {
    driver.findElements(By.cssSelector(".task-filters .task-filter")).stream()
        .filter(f -> f.getText().contains(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no filter " + name + " in " + filterNames()))
        .click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tasks-list")));
    try {
      wait.until(
          d ->
              !d.findElements(
                      By.cssSelector(
                          ".tasks-list .task h4, .tasks-list .no-tasks, .tasks-list .task"))
                  .isEmpty());
    } catch (org.openqa.selenium.TimeoutException e) {
      // An empty list shows nothing; the caller asserts on what is there.
    }
    return driver
        .findElements(By.cssSelector(".tasks-list .task .names, .tasks-list .task h4"))
        .stream()
        .map(e -> e.getText().trim())
        .filter(t -> !t.isEmpty())
        .distinct()
        .toList();
  }

  /** Saves a PNG of the current page under target/browser/. */
  public Path screenshot(String name) throws IOException {
    Files.createDirectories(OUTPUT);
    Path target = OUTPUT.resolve(name + ".png");
    Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return target;
  }

  /** Saves the page source next to the screenshots, for a failing test. */
  public Path pageSource(String name) throws IOException {
    Files.createDirectories(OUTPUT);
    Path target = OUTPUT.resolve(name + ".html");
    Files.writeString(target, driver.getPageSource());
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
