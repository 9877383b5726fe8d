package dev.leadflow.ops.cockpit;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.leadflow.support.MissingService;

/**
 * One headless Chromium for a test class, logged in to Camunda's webapps as demo: Debian's Chromium driven by
 * Selenium through its chromedriver (LEADFLOW_TEST_CHROMIUM / LEADFLOW_TEST_CHROMEDRIVER override the paths).
 * Without them the test is skipped, except under CI (CI=true), where it fails. Camunda's pages receive no
 * native input events from chromedriver in headless Chromium, so fields are filled and elements clicked
 * through the DOM.
 */
final class CockpitBrowser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** With -Dleadflow.docs.screenshots=true, {@link #screenshot} also writes docs/images/. */
    private static final boolean DOCS = Boolean.getBoolean("leadflow.docs.screenshots");

    private final ChromeDriver browser;
    private final int port;
    private boolean loggedIn;
    private int visits;

    private CockpitBrowser(ChromeDriver browser, int port) {
        this.browser = browser;
        this.port = port;
    }

    static CockpitBrowser start(int port) {
        Path chromium = Path.of(env("LEADFLOW_TEST_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("LEADFLOW_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw MissingService.cannotRun("Chromium (" + chromium + ") or chromedriver (" + chromedriver
                    + ") is not installed; run .ci/install-chromium.sh", null);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1366,768", "--lang=en-US", "--hide-scrollbars");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString()))
                .usingAnyFreePort()
                .build();
        return new CockpitBrowser(new ChromeDriver(service, options), port);
    }

    /** The window's size: screenshots and "reachable" are about what fits in it. */
    void size(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    /** Opens a Cockpit route (full page load), logged in. */
    void cockpit(String route) {
        open("/camunda/app/cockpit/default/?visit=" + (++visits) + route);
    }

    void tasklist(String route) {
        open("/camunda/app/tasklist/default/?visit=" + (++visits) + route);
    }

    private void open(String path) {
        if (!loggedIn) {
            logIn();
        }
        browser.get(url(path));
    }

    /** A page behind HTTP Basic (the sandbox's): the browser sends the header, as after a login prompt. */
    void openWithBasicAuth(String path) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))));
        browser.get(url(path));
    }

    /** Stops sending the Basic header; Camunda's webapps take it for a new login, so log in again next time. */
    void forgetBasicAuth() {
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        loggedIn = false;
    }

    private void logIn() {
        browser.get(url("/camunda/app/cockpit/default/?visit=" + (++visits) + "#/dashboard"));
        By signIn = By.cssSelector("form[name='signinForm']");
        By menu = By.cssSelector("a[data-leadflow='menu']");
        await().atMost(PATIENCE).until(() -> !browser.findElements(signIn).isEmpty()
                || !browser.findElements(menu).isEmpty());
        if (browser.findElements(signIn).isEmpty()) {
            loggedIn = true;
            return;
        }
        fill("input[ng-model='username']", "demo");
        fill("input[ng-model='password']", "demo");
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

    /** The login view may be rendered again while it starts: the field is looked up afresh until it keeps the value. */
    private void fill(String css, String text) {
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

    WebElement waitFor(By locator) {
        try {
            return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(locator));
        } catch (org.openqa.selenium.TimeoutException e) {
            keepEvidence("waiting-for-" + locator.toString().replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        }
    }

    java.util.List<WebElement> findAll(By locator) {
        return browser.findElements(locator);
    }

    void click(WebElement element) {
        script("arguments[0].click();", element);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeAsyncScript(script, arguments);
    }

    /** What the window shows, under target/cockpit-browser/ and, for the docs, docs/images/. */
    void screenshot(String name) {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(Files.createDirectories(Path.of("target", "cockpit-browser")).resolve(name + ".png"), png);
            if (DOCS) {
                Files.write(Files.createDirectories(Path.of("docs", "images")).resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A screenshot, the page's HTML and the console under target/cockpit-browser/, to see what the browser saw. */
    void keepEvidence(String name) {
        try {
            Path folder = Files.createDirectories(Path.of("target", "cockpit-browser"));
            Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(folder.resolve(name + ".html"), browser.getPageSource());
            Files.write(folder.resolve(name + ".console.txt"), browser.manage().logs().get("browser").getAll().stream()
                    .map(String::valueOf).toList());
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not keep the browser's evidence: " + e);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Override
    public void close() {
        browser.quit();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
