package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of {@code engram serve} in a real browser: Debian's headless Chromium driven through
 * Selenium with Debian's chromedriver (nothing is downloaded). The page lists the plugins and shows a
 * schema; a rejected spec lists its problems under the form; a job submitted from the form (the
 * token entered once) appears in the list and its loss
 * curve grows while it trains (the number of points the chart plots, which the page keeps in
 * {@code data-points}); the job cancelled from the page shows as cancelled; two runs share the
 * comparison chart; the browser reports no Content-Security-Policy violation and no error but the
 * answers asked for (the 400 of the rejected spec, and a 404 from {@code /api/models} on a server
 * without a model registry, which the page reports as such). A screenshot is saved
 * as {@code target/dashboard.png}. Skipped, saying why, where Chromium or chromedriver is missing
 * ({@code .ci/run} installs both).
 */
class DashboardIT {
    static final Path CHROMIUM = Path.of(System.getProperty("engram.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("engram.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(120);

    /** Long enough to watch: many short epochs; the test cancels it. */
    static final String GROWING = """
            job.name=dashboard-growing
            seed=11
            model.family=lstm
            model.hidden=4
            trainer=bptt
            trainer.epochs=100000
            trainer.batch.size=8
            data.app=grammar
            data.task=reber
            data.train.size=32
            data.validation.size=8
            data.test.size=8
            """;

    @TempDir
    Path tmp;

    @Test
    void pageListsPluginsSubmitsFollowsComparesAndCancels() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": skipped (apt-get install chromium chromium-driver; .ci/run does)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER
                + ": skipped (apt-get install chromium-driver; .ci/run does)");
        Path home = Installation.copy(tmp);
        int port = Installation.freePort();
        try (EngramProcess p = ServeIT.serve(home, port)) {
            String base = "http://127.0.0.1:" + port + "/";
            p.awaitOutput(out -> out.contains("engram: dashboard at " + base), ServeIT.BOOT);
            Rest rest = new Rest(port, ServeIT.token(home));
            String tiny = rest.post("/jobs", Specs.json(Specs.TINY), true).json().path("id").asText();
            rest.awaitState(tiny, ServeIT.JOB, "succeeded");

            WebDriver driver = chrome();
            try {
                run(driver, base, rest, tiny, ServeIT.token(home));
            } finally {
                driver.quit();
            }
        }
    }

    private void run(WebDriver driver, String base, Rest rest, String tiny, String token) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // the job list is redrawn when it changes, so an element found a moment ago may be gone: look again
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(base);
        assertEquals("Engram dashboard", driver.getTitle());

        // the plugins, and one plugin's schema
        wait.until(d -> d.findElements(By.cssSelector("#plugins tbody tr")).size() >= 7);
        List<String> plugins = new ArrayList<>();
        driver.findElements(By.cssSelector("#plugins tbody tr"))
                .forEach(r -> plugins.add(r.getAttribute("data-kind") + ":" + r.getAttribute("data-plugin-id")));
        assertTrue(plugins.containsAll(List.of("family:lstm", "family:gru", "trainer:bptt", "application:grammar",
                "backend:cpu")), plugins.toString());
        driver.findElement(By.cssSelector("#plugins tr[data-plugin-id='lstm'][data-kind='family'] button.schema")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#schema-table td")).isEmpty());
        List<String> params = new ArrayList<>();
        driver.findElements(By.cssSelector("#schema-table tr td:first-child")).forEach(td -> params.add(td.getText()));
        assertTrue(params.contains("hidden"), params.toString());

        // the job that ran before the page opened is listed; the models section answers something
        wait.until(d -> !d.findElements(By.cssSelector("#jobs tr[data-job-id='" + tiny + "'][data-state='succeeded']"))
                .isEmpty());
        wait.until(d -> !d.findElement(By.id("models")).getText().isBlank());

        // the token, asked for once and kept in this tab
        assertTrue(driver.findElement(By.id("token-form")).isDisplayed());
        driver.findElement(By.id("token-input")).sendKeys(token);
        driver.findElement(By.id("token-save")).click();
        wait.until(d -> d.findElement(By.id("token-state")).isDisplayed());
        assertEquals(token, js.executeScript("return sessionStorage.getItem('engram.token')"));

        // a rejected spec: every problem listed under the form, nothing created
        WebElement bad = driver.findElement(By.id("spec"));
        bad.clear();
        bad.sendKeys(Specs.BAD);
        driver.findElement(By.id("submit-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#submit-errors li")).size() == Specs.BAD_KEYS.size());
        List<String> where = new ArrayList<>();
        driver.findElements(By.cssSelector("#submit-errors li")).forEach(li -> where.add(li.getText().split(":")[0]));
        assertTrue(where.containsAll(Specs.BAD_KEYS), where.toString());
        assertEquals(1, rest.get("/jobs").json().size(), "nothing created from a rejected spec");

        // a job submitted from the form appears, is followed, and its loss curve grows
        WebElement spec = driver.findElement(By.id("spec"));
        spec.clear();
        spec.sendKeys(GROWING);
        driver.findElement(By.id("submit-button")).click();
        String id = wait.until(d -> {
            for (WebElement r : d.findElements(By.cssSelector("#jobs tbody tr"))) {
                if (r.findElements(By.tagName("td")).size() > 2
                        && r.findElements(By.tagName("td")).get(2).getText().equals("dashboard-growing")) {
                    return r.getAttribute("data-job-id");
                }
            }
            return null;
        });
        assertEquals("dashboard-growing", rest.get("/jobs/" + id).json().path("name").asText());
        wait.until(d -> id.equals(d.findElement(By.id("job-title")).getText()));
        int first = wait.until(d -> points(d) >= 2 ? points(d) : null);
        int later = wait.until(d -> points(d) > first ? points(d) : null);
        Object plotted = js.executeScript("return document.querySelectorAll('#loss-chart canvas').length");
        assertEquals(1L, plotted, "uPlot drew the curve on a canvas");
        assertTrue(later > first, first + " then " + later);
        JsonNode running = rest.get("/jobs/" + id).json();
        assertEquals("running", running.path("state").asText());
        System.out.println("DashboardIT: the loss curve of " + id + " grew from " + first + " to " + later + " points");

        // the comparison chart: the earlier run and this one on one chart
        click(wait, By.cssSelector("#jobs tr[data-job-id='" + tiny + "'] input.compare"));
        click(wait, By.cssSelector("#jobs tr[data-job-id='" + id + "'] input.compare"));
        driver.findElement(By.id("compare-button")).click();
        wait.until(d -> "2".equals(d.findElement(By.id("compare-chart")).getAttribute("data-series")));
        Object legend = js.executeScript(
                "return Array.from(document.querySelectorAll('#compare-chart .u-legend .u-series .u-label'))"
                        + ".map(function (e) { return e.textContent; })");
        assertEquals(List.of("epoch", tiny, id), legend);

        // cancelled from the page
        driver.findElement(By.id("job-cancel")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#jobs tr[data-job-id='" + id + "'][data-state='cancelled']"))
                .isEmpty());
        wait.until(d -> "cancelled".equals(d.findElement(By.id("job-state")).getText()));
        assertEquals("cancelled", rest.get("/jobs/" + id).json().path("state").asText());
        assertTrue(driver.findElements(By.cssSelector("#jobs tr[data-job-id='" + id + "'] button.cancel")).isEmpty(),
                "no cancel button on an ended job");

        Path shot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of " + Files.size(shot) + " bytes");
        System.out.println("DashboardIT: screenshot " + shot);

        List<String> problems = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            // answers the test asked for: no model registry here, and the rejected spec
            boolean expected = e.getMessage().contains("/api/models - Failed to load resource: the server responded"
                    + " with a status of 404") || e.getMessage().contains("/api/jobs - Failed to load resource: the"
                    + " server responded with a status of 400");
            if ((e.getLevel().intValue() >= Level.SEVERE.intValue() && !expected)
                    || e.getMessage().contains("Content Security Policy")) {
                problems.add(e.getMessage());
            }
        }
        assertFalse(problems.stream().anyMatch(m -> m.contains("Content Security Policy")), problems.toString());
        assertEquals(List.of(), problems, "errors in the browser's console");
    }

    /** Clicks the element, finding it again if the page redrew it in between. */
    private static void click(WebDriverWait wait, By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private static int points(WebDriver d) {
        String n = d.findElement(By.id("loss-chart")).getAttribute("data-points");
        return n == null || n.isEmpty() ? 0 : Integer.parseInt(n);
    }

    /** Headless Chromium from Debian through its chromedriver; Selenium Manager is never asked for anything. */
    private WebDriver chrome() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1600", "--user-data-dir=" + Files.createDirectory(tmp.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }
}
