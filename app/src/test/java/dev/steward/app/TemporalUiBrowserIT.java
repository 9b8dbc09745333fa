package dev.steward.app;

import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.temporalserver.TemporalDevServer;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
 * An engineer's way through the Temporal UI, in headless Chromium: sign in to Steward's codec
 * server, open the UI of the real dev server (started with {@code --ui-codec-endpoint} pointing at
 * Steward), find a task with a query on its Steward search attributes, open it, and see its steps
 * and its input in clear text. The input is stored encrypted, so it can only be shown because the
 * UI decoded it through the codec server, with the sign-in cookie.
 */
class TemporalUiBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);
  private static final String ENGINEER = "demo-engineer-key";
  private static final String QUESTION = "How long do I have to return a damaged teapot?";
  private static final String POLICY =
      "A damaged teapot can be returned within 45 days of delivery for a full refund.";

  private static TemporalDevServer temporal;
  private static EmbeddedSteward steward;
  private static WebDriver browser;
  private static String api;
  private static String taskId;

  @BeforeAll
  static void start() throws Exception {
    // A missing browser is a broken test machine, not a reason to skip: .ci/run installs it.
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "TemporalUiBrowserIT needs Chromium and its driver: apt-get install chromium"
              + " chromium-driver (as .ci/run does)");
    }
    Path data = Files.createTempDirectory("steward-temporal-ui-it");
    // The UI and the API on one host name: the codec cookie is only sent within one site.
    int apiPort = TemporalDevServer.freePort();
    api = "http://127.0.0.1:" + apiPort;
    temporal =
        TemporalDevServer.start(
            TemporalDevServer.Options.freePorts(
                    TemporalDevServer.findCli().orElseThrow(),
                    data.resolve("temporal").resolve("temporal.db"))
                .withCodecEndpoint(api + "/codec"));
    steward =
        EmbeddedSteward.start(
            data,
            Map.of(
                "server.port",
                apiPort,
                "spring.temporal.connection.target",
                temporal.target(),
                "steward.codec.server.allowed-origins",
                temporal.uiUrl(),
                "steward.demo-corpus.enabled",
                false));
    StewardHttp http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(120));
    steward
        .context()
        .getBean(DocumentIngestion.class)
        .ingest("acme", new DocumentUpload("teapots", "Teapots", "text/plain", POLICY));
    new IngestionHttp(steward.port()).awaitIndexed("teapots", 0);
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + QUESTION + "\"}}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    taskId = reply.json().path("taskId").asString();
    JsonNode done = http.awaitTask(taskId, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
    browser = chromium(Files.createTempDirectory("steward-chromium-profile"));
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      try {
        if (steward != null) {
          steward.close();
        }
      } finally {
        if (temporal != null) {
          temporal.close();
        }
      }
    }
  }

  @Test
  void anEngineerFindsATaskByItsSearchAttributesAndReadsItsDecodedInput() throws Exception {
    try {
      findTheTaskAndReadItsDecodedInput();
    } catch (AssertionError | RuntimeException e) {
      // What the browser showed when it went wrong, next to the screenshots.
      screenshot("temporal-ui-failure.png");
      Files.writeString(SCREENSHOTS.resolve("temporal-ui-failure.html"), browser.getPageSource());
      throw e;
    }
  }

  private static void findTheTaskAndReadItsDecodedInput() throws Exception {
    useTheCodecServerWithCredentials();
    // Before signing in, the codec server refuses the UI (401): the input stays ciphertext.
    browser.get(temporal.uiUrl() + "/namespaces/default/workflows/" + taskId);
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(testId("data-encoder-status-error")));
    WebElement encrypted =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(ExpectedConditions.visibilityOfElementLocated(testId("input-and-result")));
    assertThat(encrypted.getText()).doesNotContain(QUESTION);

    signInToTheCodecServer();

    // The workflow list, filtered by a query on Steward's search attributes, as typed in the UI.
    browser.get(temporal.uiUrl() + "/namespaces/default/workflows");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.elementToBeClickable(testId("toggle-manual-query"))).click();
    WebElement query =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(testId("workflow-manual-search-input")));
    query.sendKeys("StewardTenant=\"acme\" AND StewardStatus=\"COMPLETED\"" + Keys.ENTER);
    By taskLink = By.xpath("//a[normalize-space()='" + taskId + "']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(taskLink));
    assertThat(browser.getCurrentUrl()).contains("StewardTenant");
    // Only completed acme tasks: the ingestion workflow that indexed the policy is not one.
    List<WebElement> rows =
        browser.findElements(testId("workflows-summary-configurable-table-row"));
    assertThat(rows).hasSize(1);
    screenshot("temporal-ui-search.png");

    browser.findElement(taskLink).click();
    WebElement inputAndResult =
        wait.until(ExpectedConditions.visibilityOfElementLocated(testId("input-and-result")));
    // Stored encrypted: readable here only after the codec server decoded it.
    wait.until(d -> inputAndResult.getText().contains(QUESTION));
    assertThat(browser.findElements(testId("data-encoder-status-error"))).isEmpty();
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", inputAndResult);
    screenshot("temporal-ui-decoded-payload.png");

    browser.findElement(testId("history-tab")).click();
    for (String step :
        List.of("ScreenInput", "RetrievePassages", "DraftOutput", "ValidateOutput")) {
      wait.until(d -> d.findElement(By.tagName("body")).getText().contains(step));
    }
    screenshot("temporal-ui.png");
  }

  /** The codec server's sign-in page: an engineer's key in, the session cookie out. */
  private static void signInToTheCodecServer() {
    browser.get(api + "/codec/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.visibilityOfElementLocated(testId("credential")))
        .sendKeys(ENGINEER);
    browser.findElement(testId("sign-in")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("notice"), "Signed in"));
    assertThat(browser.findElement(testId("notice")).getText()).contains("dave-engineer");
    assertThat(browser.findElement(testId("endpoint")).getText()).isEqualTo(api + "/codec");
  }

  /**
   * What an engineer sets once in the UI's codec server settings: the UI sends credentials only
   * when told to, and that setting exists only in the browser (local storage), never on the server.
   */
  private static void useTheCodecServerWithCredentials() {
    browser.get(temporal.uiUrl());
    ((JavascriptExecutor) browser)
        .executeScript(
            "localStorage.setItem('endpoint', JSON.stringify(arguments[0]));"
                + "localStorage.setItem('includeCredentials', 'true');"
                + "localStorage.setItem('overrideRemoteCodecConfiguration', 'true');",
            api + "/codec");
  }

  private static WebDriver chromium(Path profile) {
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
        "--window-size=1440,1800",
        "--user-data-dir=" + profile.toAbsolutePath());
    // The driver is named, so Selenium Manager has nothing to look up or download.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  private static void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
