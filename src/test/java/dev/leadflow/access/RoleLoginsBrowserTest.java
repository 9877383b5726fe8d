package dev.leadflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.MissingService;
import dev.leadflow.support.TestLeads;

/**
 * Each role logs in to Cockpit and Tasklist in headless Chromium (Debian's, through chromedriver; see
 * CockpitMessagesTabBrowserTest for the set-up): operators land on their group's saved filter with its tasks,
 * an analyst gets Cockpit but not Tasklist, the CRM's login gets neither.
 */
class RoleLoginsBrowserTest extends LeadflowIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static WebDriver browser;

    @LocalServerPort
    private int port;

    @BeforeAll
    static void startBrowser() {
        Path chromium = Path.of(env("LEADFLOW_TEST_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("LEADFLOW_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw MissingService.cannotRun("Chromium (" + chromium + ") or chromedriver (" + chromedriver
                    + ") is not installed; run .ci/install-chromium.sh", null);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1200", "--lang=en-US",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @AfterEach
    void logOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void anOperatorSeesTheirGroupsFilterAndItsTasksAtLogin() {
        String leadId = TestLeads.newLeadId();
        putLead(leadId, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);
        String taskName = tasks.createTaskQuery().processInstanceBusinessKey(leadId).singleResult().getName();

        logIn("tasklist", "test-ops", "test-ops-secret");

        waitForText("Tasks of ops", "ops-filter");
        waitForText(taskName, "ops-task");
        assertThat(browser.getPageSource()).doesNotContain("Tasks of sales").doesNotContain("All tasks");
        assertThat(browser.getPageSource().toLowerCase()).doesNotContain("not authorized", "login failed");
    }

    @Test
    void aSalesPersonWithABcryptPasswordSeesTheSalesFilter() {
        logIn("tasklist", "test-sales", "test-sales-secret");

        waitForText("Tasks of sales", "sales-filter");
        assertThat(browser.getPageSource()).doesNotContain("Tasks of ops");
    }

    @Test
    void anAnalystGetsCockpitButNotTasklist() {
        logIn("cockpit", "test-analyst", "test-analyst-secret");
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());

        browser.manage().deleteAllCookies();
        logIn("tasklist", "test-analyst", "test-analyst-secret");
        waitForRefusal("analyst-tasklist");
    }

    @Test
    void theCrmLoginGetsNeitherCockpitNorTasklist() {
        logIn("cockpit", "test-crm", "test-crm-secret");
        waitForRefusal("crm-cockpit");

        browser.manage().deleteAllCookies();
        logIn("tasklist", "test-crm", "test-crm-secret");
        waitForRefusal("crm-tasklist");
    }

    private void logIn(String app, String user, String password) {
        browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.findElement(By.cssSelector("form[name='signinForm']")).isDisplayed());
        type("input[ng-model='username']", user);
        type("input[ng-model='password']", password);
        script("arguments[0].click();",
                browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")));
    }

    private void waitForText(String text, String evidence) {
        try {
            await().atMost(PATIENCE).until(() -> browser.getPageSource().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            keepEvidence(evidence);
            throw e;
        }
    }

    /** Camunda keeps the login form and says the user may not use the app. */
    private void waitForRefusal(String evidence) {
        try {
            await().atMost(PATIENCE).until(() -> browser.getPageSource().toLowerCase().contains("not authorized")
                    || browser.getPageSource().toLowerCase().contains("login failed"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            keepEvidence(evidence);
            throw e;
        }
        assertThat(browser.findElements(By.cssSelector("form[name='signinForm']"))).isNotEmpty();
    }

    /** Fills a login field through the DOM, as CockpitMessagesTabBrowserTest explains. */
    private static void type(String css, String text) {
        By locator = By.cssSelector("form[name='signinForm'] " + css);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            WebElement field = browser.findElement(locator);
            if (!text.equals(field.getDomProperty("value"))) {
                script("arguments[0].value = arguments[1];"
                        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, text);
            }
            return text.equals(browser.findElement(locator).getDomProperty("value"));
        });
    }

    private static Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static void keepEvidence(String name) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "role-logins-browser"));
            Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(folder.resolve(name + ".html"), browser.getPageSource());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("Could not keep the browser's evidence: " + e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
