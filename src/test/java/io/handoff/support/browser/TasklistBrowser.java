package io.handoff.support.browser;

import io.handoff.support.DemoUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
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

  /** Logs in as a demo user (password = user id). */
  public void loginToTasklist(String user) {
    loginToTasklist(user, DemoUsers.passwordOf(user));
  }

  /** Selects a filter by its name and returns the names of the tasks it lists, newest first. */
  public List<String> openFilter(String name) {
    WebElement entry;
    try {
      entry = wait.until(d -> filter(name));
    } catch (TimeoutException e) {
      throw new AssertionError("no filter " + name + " in " + filterNames(), e);
    }
    entry.findElement(By.cssSelector("h4.name a")).click();
    wait.until(d -> filter(name).getDomAttribute("class").contains("active"));
    waitForTaskList();
    return taskNames();
  }

  /** The filter entry whose name (without its task counter) is this, or null. */
  private WebElement filter(String name) {
    return driver.findElements(By.cssSelector(".task-filters .task-filter")).stream()
        .filter(f -> f.findElement(By.cssSelector("h4.name a")).getText().trim().startsWith(name))
        .findFirst()
        .orElse(null);
  }

  /** Waits until the task list has loaded: tasks or the note that there are none. */
  private void waitForTaskList() {
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[cam-tasks] > .loader")));
    wait.until(
        d ->
            !d.findElements(By.cssSelector(".tasks-list li.task h4.task")).isEmpty()
                || !d.findElements(By.cssSelector("[cam-tasks] .well")).stream()
                    .filter(WebElement::isDisplayed)
                    .toList()
                    .isEmpty());
  }

  /** Logs the current user out by dropping the session, so another user can log in. */
  public void logout() {
    driver.manage().deleteAllCookies();
    driver.get("about:blank");
  }

  /**
   * In the list of the open filter, clicks the task with this id (newest tasks come first) and
   * waits until its Camunda Form is shown.
   */
  public void openTask(String taskId) {
    By link = By.cssSelector(".tasks-list li.task h4.task a[href*='task=" + taskId + "']");
    WebElement entry;
    try {
      entry = wait.until(ExpectedConditions.elementToBeClickable(link));
    } catch (TimeoutException e) {
      throw new AssertionError("task " + taskId + " is not in the list " + taskNames(), e);
    }
    entry.click();
    waitForForm();
  }

  /** Widens the task pane over the filter and list columns, so a form shows at full width. */
  public void maximizeTaskPane() {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".task-details button.maximize")))
        .click();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector(".column-center .tasks-list li.task")));
  }

  /**
   * Opens the start form of a process from the Tasklist's "Start process" dialog, by the name the
   * dialog lists, and waits until the Camunda Form is shown.
   */
  public void openStartForm(String processName) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a")))
        .click();
    By process =
        By.xpath(
            "//div[contains(@class,'modal-dialog')]//a[normalize-space(.)="
                + xpathLiteral(processName)
                + "]");
    try {
      wait.until(ExpectedConditions.elementToBeClickable(process)).click();
    } catch (TimeoutException e) {
      throw new AssertionError("no process '" + processName + "' to start", e);
    }
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".modal-dialog form.fjs-form .fjs-form-field")));
  }

  /** Submits the open start form and waits until the dialog has closed. */
  public void submitStartForm() {
    WebElement start =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".modal-dialog .modal-footer button.btn-primary")));
    start.click();
    wait.until(
        ExpectedConditions.or(
            ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")),
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".page-notifications .alert-danger"))));
    List<String> errors = errorNotifications();
    if (!errors.isEmpty()) {
      throw new AssertionError("the Tasklist refused to start the process: " + errors);
    }
  }

  /**
   * Submits the open start form, expects the Tasklist to refuse it, and returns the reasons the
   * start dialog shows where the person can see them: inside the browser window, not scrolled out
   * of view.
   */
  public List<String> submitStartFormExpectingRefusal() {
    WebElement start =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".modal-dialog .modal-footer button.btn-primary")));
    scrollIntoView(start);
    start.click();
    By reasons = By.cssSelector(".modal-dialog .modal-body .notifications .alert-danger");
    wait.until(ExpectedConditions.visibilityOfElementLocated(reasons));
    return driver.findElements(reasons).stream()
        .filter(this::inWindow)
        .map(e -> e.getText().replaceAll("\\s+", " ").trim())
        .toList();
  }

  /** Whether the element lies wholly inside the browser window as it is scrolled now. */
  private boolean inWindow(WebElement element) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) driver)
            .executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                    + "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;",
                element));
  }

  /** Name of the task shown in the task pane. */
  public String openTaskName() {
    return driver.findElement(By.cssSelector(".task-details .task-card h2.task")).getText().trim();
  }

  /** Names of the tasks listed by the open filter, newest first. */
  public List<String> taskNames() {
    return driver.findElements(By.cssSelector(".tasks-list li.task h4.task")).stream()
        .map(e -> e.getText().trim())
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /** Waits until the task's Camunda Form has been rendered by form-js and filled in. */
  public void waitForForm() {
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".task-details .form-pane .fjs-form .fjs-form-field")));
  }

  /** Claims the open task and waits until the form can be edited. */
  public void claim() {
    clickClaim();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details .claim")));
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector(".task-details .form-pane .disabled-form")));
    waitForForm();
  }

  /** Tries to claim the open task; the caller checks what happened (e.g. a notification). */
  public void clickClaim() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".task-details .claim")))
        .click();
  }

  /**
   * The form-js field (the element carrying the label and the input) with this label, in the form
   * shown: a task's form or a start form.
   */
  private WebElement field(String label) {
    By byLabel =
        By.xpath(
            "//form[contains(@class,'fjs-form')]//div[contains(concat(' ',@class,' '),"
                + " ' fjs-form-field ')][./label[contains(@class,'fjs-form-field-label')]"
                + "[normalize-space(text()[1])="
                + xpathLiteral(label)
                + "]]");
    try {
      return wait.until(ExpectedConditions.presenceOfElementLocated(byLabel));
    } catch (TimeoutException e) {
      throw new AssertionError("no form field labelled '" + label + "'", e);
    }
  }

  /** The input or textarea of a text, number or text-area field. */
  private WebElement input(String label) {
    String id =
        field(label)
            .findElement(By.cssSelector("label.fjs-form-field-label"))
            .getDomAttribute("for");
    return driver.findElement(By.id(id));
  }

  /** What a text, number or text-area field shows. */
  public String fieldValue(String label) {
    WebElement field = field(label);
    List<WebElement> display = field.findElements(By.cssSelector(".fjs-select-display"));
    if (!display.isEmpty()) {
      return display.get(0).getText().trim();
    }
    return input(label).getDomProperty("value");
  }

  /**
   * Types into a text field, or pastes into a text area, replacing what it held, and waits until
   * the form has shown exactly that text on two checks in a row.
   */
  public void fill(String label, String text) {
    WebElement input = input(label);
    scrollIntoView(input);
    wait.until(ExpectedConditions.elementToBeClickable(input));
    input.clear();
    if ("textarea".equals(input.getTagName())) {
      // form-js re-renders a growing text area while keys arrive and may drop them, or keep them
      // on screen but not in the form's state; a paste gives it the whole text in one input event.
      paste(input, text);
    } else {
      input.sendKeys(text);
    }
    int[] agreeing = {0};
    wait.until(
        d -> {
          try {
            WebElement current = input(label);
            if (text.equals(current.getDomProperty("value"))) {
              return ++agreeing[0] >= 2;
            }
            agreeing[0] = 0;
            paste(current, text);
          } catch (org.openqa.selenium.StaleElementReferenceException replacedMeanwhile) {
            agreeing[0] = 0; // the form re-rendered the field; look it up again
          }
          return false;
        });
  }

  private void paste(WebElement input, String text) {
    ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript(
            "arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            input,
            text);
  }

  /** Picks an option, by its label, of a select or radio field. */
  public void choose(String label, String option) {
    WebElement field = field(label);
    if (!field.findElements(By.cssSelector("input[type=radio]")).isEmpty()) {
      WebElement radio =
          field.findElement(By.xpath(".//label[normalize-space(.)=" + xpathLiteral(option) + "]"));
      scrollIntoView(radio);
      radio.click();
      return;
    }
    WebElement group = field.findElement(By.cssSelector(".fjs-input-group"));
    scrollIntoView(group);
    wait.until(ExpectedConditions.elementToBeClickable(group)).click();
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath(
                    "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)="
                        + xpathLiteral(option)
                        + "]")))
        .click();
    wait.until(d -> option.equals(fieldValue(label)));
  }

  /** The rows of a form-js table, each as its column headers mapped to the cell text. */
  public List<Map<String, String>> tableRows(String label) {
    WebElement table = field(label).findElement(By.cssSelector("table.fjs-table"));
    List<String> headers =
        table.findElements(By.cssSelector("thead th")).stream()
            .map(e -> e.getText().trim())
            .toList();
    return table.findElements(By.cssSelector("tbody tr")).stream()
        .map(
            row -> {
              List<WebElement> cells = row.findElements(By.cssSelector("td"));
              Map<String, String> values = new LinkedHashMap<>();
              for (int i = 0; i < cells.size() && i < headers.size(); i++) {
                values.put(headers.get(i), cells.get(i).getText().trim());
              }
              return values;
            })
        .toList();
  }

  /** Clicks Complete on the open task's form. */
  public void complete() {
    WebElement button =
        wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".task-details .form-actions button.btn-primary")));
    scrollIntoView(button);
    button.click();
  }

  /** Completes the open task and waits until the Tasklist has let it go. */
  public void completeAndWaitUntilDone() {
    complete();
    wait.until(
        ExpectedConditions.or(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-details .no-task")),
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".page-notifications .alert-danger"))));
    List<String> errors = errorNotifications();
    if (!errors.isEmpty()) {
      throw new AssertionError("the Tasklist refused to complete the task: " + errors);
    }
  }

  /** Waits for an error notification and returns the texts of all shown. */
  public List<String> waitForErrorNotification() {
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".page-notifications .alert-danger")));
    return errorNotifications();
  }

  /** Texts of the error notifications the Tasklist shows now. */
  public List<String> errorNotifications() {
    return driver.findElements(By.cssSelector(".page-notifications .alert-danger")).stream()
        .map(e -> e.getText().replaceAll("\\s+", " ").trim())
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /**
   * Scrolls the element's scrolling pane (the task pane) so the element sits in its middle, clear
   * of the page footer that overlays the bottom of the pane.
   */
  private void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) driver)
        .executeScript(
            "const el = arguments[0];"
                + "for (let p = el.parentElement; p; p = p.parentElement) {"
                + "  const o = getComputedStyle(p).overflowY;"
                + "  if ((o === 'auto' || o === 'scroll') && p.scrollHeight > p.clientHeight) {"
                + "    const pr = p.getBoundingClientRect(), er = el.getBoundingClientRect();"
                + "    p.scrollTop += er.top - pr.top - p.clientHeight / 2;"
                + "    return;"
                + "  }"
                + "}"
                + "el.scrollIntoView({block: 'center', behavior: 'instant'});",
            element);
  }

  private static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "',\"'\",'") + "')";
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
