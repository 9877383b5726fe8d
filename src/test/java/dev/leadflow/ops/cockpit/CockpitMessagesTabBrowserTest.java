package dev.leadflow.ops.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.MissingService;
import dev.leadflow.support.TestLeads;

/**
 * The Cockpit plugin in a real browser: Debian's headless Chromium, driven by Selenium through its
 * chromedriver (LEADFLOW_TEST_CHROMIUM / LEADFLOW_TEST_CHROMEDRIVER override the paths). Without them
 * the test is skipped, except under CI (CI=true), where it fails: .ci/install-chromium.sh installs them.
 */
class CockpitMessagesTabBrowserTest extends LeadflowIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static WebDriver browser;
    private static boolean loggedIn;
    private static int visits;

    @LocalServerPort
    private int port;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();

    @BeforeAll
    static void startBrowser() {
        Path chromium = Path.of(env("LEADFLOW_TEST_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("LEADFLOW_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String missing = "Chromium (" + chromium + ") or chromedriver (" + chromedriver + ") is not installed; "
                    + "run .ci/install-chromium.sh";
            throw MissingService.cannotRun(missing, null);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1600,1200", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        loggedIn = false;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @BeforeEach
    void logInToCockpit() {
        if (loggedIn) {
            return;
        }
        browser.get(cockpit("#/dashboard"));
        waitFor(By.cssSelector("form[name='signinForm']"));
        type("input[ng-model='username']", "demo");
        type("input[ng-model='password']", "demo");
        click(browser.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")));
        try {
            new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.invisibilityOfElementLocated(
                    By.cssSelector("form[name='signinForm']")));
        } catch (org.openqa.selenium.TimeoutException e) {
            keepEvidence("login");
            throw e;
        }
        loggedIn = true;
    }

    @Test
    void theMessagesTabListsTheLeadsMessagesWithTheirStatuses() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String instanceId = welcomeOf(leadId);

        WebElement row = messagesTabRow(instanceId);

        assertThat(row.getAttribute("data-template")).isEqualTo("leadflow_welcome");
        assertThat(row.findElement(By.cssSelector("td.leadflow-status")).getText())
                .isIn("ACCEPTED", "SENT", "DELIVERED", "READ");
        assertThat(row.getText()).contains("welcome", "leadflow_welcome (pt_BR, marketing)");
    }

    @Test
    void theMessagesTabShowsWhyAMessageDidNotGoOut() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(leadId);
        String instanceId = welcomeOf(leadId);

        WebElement row = messagesTabRow(instanceId);

        assertThat(row.findElement(By.cssSelector("td.leadflow-status")).getText()).isEqualTo("REJECTED");
        assertThat(row.findElement(By.cssSelector("td.leadflow-error")).getText()).startsWith("(131000)");
    }

    @Test
    void theDashboardShowsTodaysSends() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);

        browser.get(cockpit("#/dashboard"));
        WebElement sent = waitFor(By.cssSelector("[data-leadflow='sends-today'] [data-count='sent']"));

        assertThat(sent.getText()).matches("[1-9][0-9]* sent");
        assertThat(browser.findElement(By.cssSelector("[data-leadflow='sends-today'] h3")).getText())
                .contains("WhatsApp messages today (" + TEST_START.toString().substring(0, 10) + ", UTC)");
    }

    /**
     * The Leadflow page draws every chart (ECharts in SVG) from the dashboard's data, in a period no other
     * test sends in, and offers the CSV export through the Cockpit session.
     */
    @Test
    void theLeadflowPageDrawsTheFlowsOutcomesInCharts() {
        Engine.setNow(Instant.parse("2033-01-12T15:00:00Z"));
        putLead(leadId, TestLeads.leadJson(phone, true));
        engine.runDueJobs(leadId);
        String failing = TestLeads.newLeadId();
        putLead(failing, TestLeads.leadJson(TestLeads.newPhone(), true));
        cloudApi.failNextSends(131000, 1);
        engine.runDueJobs(failing);

        browser.get(cockpit("#/leadflow"));
        try {
            for (String name : List.of("funnel", "templates", "weekly", "failures", "waiting")) {
                By svg = By.cssSelector("[data-leadflow-chart='" + name + "'] svg");
                await().atMost(PATIENCE).until(() -> !browser.findElements(svg).isEmpty()
                        && !browser.findElements(By.cssSelector("[data-leadflow-chart='" + name + "'] svg path"))
                        .isEmpty());
                WebElement drawn = browser.findElement(svg);
                assertThat(drawn.getRect().getWidth()).as(name).isGreaterThan(100);
                assertThat(drawn.getRect().getHeight()).as(name).isGreaterThan(100);
                assertThat(Integer.parseInt(browser.findElement(By.cssSelector("[data-leadflow-chart='" + name + "']"))
                        .getDomAttribute("data-points"))).as(name).isPositive();
            }
        } catch (org.openqa.selenium.TimeoutException | org.awaitility.core.ConditionTimeoutException e) {
            keepEvidence("leadflow-page");
            throw e;
        }
        String funnelText = browser.findElement(By.cssSelector("[data-leadflow-chart='funnel']"))
                .getDomProperty("textContent");
        assertThat(funnelText).contains("welcome", "Sent", "Meeting booked");
        assertThat(browser.findElement(By.cssSelector("[data-leadflow-chart='failures']")).getDomProperty("textContent"))
                .contains("131000");
        WebElement welcomeRow = browser.findElement(By.cssSelector("table.leadflow-outcomes tr[data-name='welcome']"));
        assertThat(welcomeRow.findElements(By.tagName("td")).get(1).getDomProperty("textContent")).isEqualTo("1");
        Object csv = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.querySelector("[data-leadflow-csv='funnel']").href, {credentials: "same-origin"})
                  .then(r => r.text()).then(done).catch(e => done("failed: " + e));""");
        assertThat(csv.toString()).startsWith("week,flow,template,attempts,sent").contains(",welcome,leadflow_welcome,");
    }

    /** From the stuck leads of the Leadflow page, an operator pauses a lead: as the Cockpit user, audited. */
    @Test
    void anOperatorPausesAStuckLeadFromThePage() {
        putLead(leadId, TestLeads.leadJson(phone, true));
        cloudApi.failNextSends(132001, 1);
        engine.runDueJobs(leadId);

        browser.get(cockpit("#/leadflow"));
        By pause = By.cssSelector("[data-leadflow='stuck-leads'] tr[data-lead='" + leadId + "'] button.leadflow-pause");
        try {
            // the page is taller than the window: the button exists below the fold
            new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(pause));
        } catch (org.openqa.selenium.TimeoutException e) {
            keepEvidence("stuck-leads");
            throw e;
        }
        script("const field = document.querySelector(\"[data-leadflow='stuck-leads'] [data-leadflow='reason']\");"
                + "field.value = arguments[0]; field.dispatchEvent(new Event('input', {bubbles: true}));",
                "checking the number with the customer");
        click(browser.findElement(pause));
        By result = By.cssSelector("[data-leadflow='stuck-leads'] tr[data-lead='" + leadId + "'] "
                + "[data-leadflow='row-result']");

        try {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.findElement(result)
                    .getDomProperty("textContent").startsWith("Done: demo paused"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            keepEvidence("pause-lead");
            throw new AssertionError("The page answered: " + browser.findElement(result)
                    .getDomProperty("textContent"), e);
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).active().count()).isZero();
        assertThat(history.createUserOperationLogQuery().userId("demo").operationType("Suspend")
                .processInstanceId(welcomeOf(leadId)).count()).isPositive();
        assertThat(api().getForObject("/api/leads/" + leadId + "/timeline", String.class))
                .contains("demo: paused the flows of lead " + leadId + " (reason: checking the number with the customer)");
    }

    /** Opens the instance in Cockpit, clicks its "Messages" tab and answers the first row of the table. */
    private WebElement messagesTabRow(String instanceId) {
        browser.get(cockpit("#/process-instance/" + instanceId + "/runtime"));
        try {
            click(waitFor(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Messages']")));
        } catch (org.openqa.selenium.TimeoutException e) {
            keepEvidence("instance-" + instanceId);
            throw e;
        }
        By rows = By.cssSelector("[data-leadflow='messages'] table tbody tr");
        await().atMost(PATIENCE).until(() -> !browser.findElements(rows).isEmpty());
        List<WebElement> found = browser.findElements(rows);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /**
     * Fills a field of the login form. Camunda's webapp pages receive no native input events from
     * chromedriver in headless Chromium (other pages do), so fields are filled and elements clicked
     * through the DOM, with the events AngularJS listens to. The login view may be rendered again while it
     * starts: the field is looked up afresh until the value stays.
     */
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

    private static void click(WebElement element) {
        script("arguments[0].click();", element);
    }

    private static Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** A screenshot and the page's HTML under target/cockpit-browser/, to see what the browser saw. */
    private static void keepEvidence(String name) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "cockpit-browser"));
            Files.write(folder.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            Files.writeString(folder.resolve(name + ".html"), browser.getPageSource());
            Files.write(folder.resolve(name + ".console.txt"), browser.manage().logs().get("browser").getAll().stream()
                    .map(String::valueOf).toList());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("Could not keep the browser's evidence: " + e);
        }
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** A full page load each time (a new query string), not just a hash change within the loaded app. */
    private String cockpit(String route) {
        return "http://localhost:" + port + "/camunda/app/cockpit/default/?visit=" + (++visits) + route;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private String welcomeOf(String lead) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("welcome").processInstanceBusinessKey(lead)
                .singleResult().getId();
    }
}
