package dev.steward.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The approver inbox in a real browser (Debian's headless Chromium): an approver signs in with an
 * API key, sees a refund waiting with its evidence, approves it with a comment, and the task then
 * completes. The page is what an approver uses, so it is tested the way one uses it.
 */
class InboxBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);

  private static EmbeddedSteward steward;
  private static StewardHttp http;
  private static WebDriver browser;
  private static Path profile;

  @BeforeAll
  static void start() throws Exception {
    // A missing browser is a broken test machine, not a reason to skip: .ci/run installs it.
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "InboxBrowserIT needs Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + ": apt-get install -y chromium chromium-driver (as .ci/run does)");
    }
    steward =
        EmbeddedSteward.start(
            Files.createTempDirectory("steward-inbox-it"), Map.of("server.port", 0));
    http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(120));

    profile = Files.createTempDirectory("steward-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
        "--user-data-dir=" + profile.toAbsolutePath());
    // The driver is named, so Selenium Manager has nothing to look up or download.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (steward != null) {
        steward.close();
      }
    }
  }

  @Test
  void approverApprovesAPendingRefundFromTheInbox() throws Exception {
    String taskId = startRefund(150);
    http.awaitTask(taskId, StewardHttp.REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT);
    assertThat(http.awaitListing("/v1/approvals", StewardHttp.APPROVER, taskId).body())
        .contains(taskId);

    WebDriverWait wait = openInboxSignedOut();
    browser.findElement(testId("credential")).sendKeys(StewardHttp.APPROVER);
    browser.findElement(testId("sign-in")).click();

    By item = By.cssSelector("[data-testid='approval'][data-task-id='" + taskId + "']");
    WebElement approval = wait.until(ExpectedConditions.visibilityOfElementLocated(item));
    assertThat(browser.findElement(testId("sign-in-form")).isDisplayed()).isFalse();
    assertThat(browser.findElement(testId("summary")).getText()).contains("waiting");
    assertThat(approval.findElement(testId("action-kind")).getText()).contains("issue-refund");
    assertThat(approval.findElement(testId("amount")).getText()).contains("150").contains("100");
    assertThat(approval.findElement(testId("expiry")).getText()).startsWith("Expires");
    assertThat(approval.findElement(testId("proposed-action")).getText()).isNotBlank();
    assertThat(approval.findElement(testId("output")).getText()).contains("rationale");
    List<WebElement> citations =
        approval.findElement(testId("citations")).findElements(By.tagName("li"));
    assertThat(citations).isNotEmpty();
    // Each citation is shown by its article's title next to its chunk id.
    assertThat(citations.getFirst().getText()).matches(".+ \\(acme:.+\\)");
    assertThat(approval.findElement(testId("grounded")).getText()).containsIgnoringCase("grounded");
    assertThat(approval.findElement(testId("cost")).getText()).contains("$");

    approval.findElement(testId("comment")).sendKeys("photos of the cracked lid checked");
    screenshot(Path.of("target", "screenshots", "inbox.png"));
    approval.findElement(testId("approve")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("notice"), "Approved"));
    assertThat(browser.findElement(testId("notice")).getText())
        .contains(taskId)
        .contains("bob-approver");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(item));
    assertThat(browser.findElement(testId("error")).isDisplayed()).isFalse();

    JsonNode done =
        http.awaitTask(taskId, StewardHttp.REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(done.path("decision").path("verdict").asString()).isEqualTo("APPROVE");
    assertThat(done.path("decision").path("decidedBy").asString()).isEqualTo("bob-approver");
    assertThat(done.path("decision").path("comment").asString())
        .isEqualTo("photos of the cracked lid checked");
  }

  @Test
  void showsTheProblemDetailOfARefusedSignIn() {
    WebDriverWait wait = openInboxSignedOut();
    browser.findElement(testId("credential")).sendKeys(StewardHttp.REQUESTER);
    browser.findElement(testId("sign-in")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(testId("error")));
    // A requester may not read the inbox: the API's 403 detail is shown, and the page stays signed
    // out.
    assertThat(browser.findElement(testId("error")).getText()).contains("roles do not allow");
    assertThat(browser.findElement(testId("sign-in-form")).isDisplayed()).isTrue();
    assertThat(browser.findElement(testId("session")).isDisplayed()).isFalse();
  }

  /** Opens the inbox; the tab's session storage may still hold an earlier test's sign-in. */
  private static WebDriverWait openInboxSignedOut() {
    browser.get("http://localhost:" + steward.port() + "/inbox/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d ->
        d.findElement(testId("sign-in-form")).isDisplayed()
            || d.findElement(testId("sign-out")).isDisplayed());
    if (!browser.findElement(testId("sign-in-form")).isDisplayed()) {
      browser.findElement(testId("sign-out")).click();
    }
    wait.until(ExpectedConditions.visibilityOfElementLocated(testId("credential")));
    return wait;
  }

  private static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  private static void screenshot(Path target) throws Exception {
    Files.createDirectories(target.getParent());
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String startRefund(double amount) {
    var reply =
        http.post(
            "/v1/tasks",
            StewardHttp.REQUESTER,
            """
            {"type":"refund-decision","input":{"orderId":"LG-%08d","orderTotal":%s,
             "requestedAmount":%s,"reason":"The kettle arrived with a cracked lid",
             "daysSinceDelivery":3,"itemCondition":"damaged"}}\
            """
                .formatted((long) (Math.random() * 1e8), amount, amount));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }
}
