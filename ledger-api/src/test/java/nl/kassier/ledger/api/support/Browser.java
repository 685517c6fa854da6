package nl.kassier.ledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the dashboard tests: Debian's headless Chromium driven by its chromedriver. A machine without them
 * fails the test that asks for one (CI installs them): the dashboard is never left untested by a skip.
 */
public final class Browser implements AutoCloseable {

    private static final List<Path> CHROMIUM =
            List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVER =
            List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final Pattern EURO = Pattern.compile("(-?)€\\s?([0-9.]+),([0-9]{2})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebDriver driver;
    private final String base;

    public Browser(int port) {
        Path chromium = CHROMIUM.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no Chromium: install Debian's chromium and chromium-driver (.ci/run does)"));
        Path driverBinary = DRIVER.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("no chromedriver: install Debian's chromium-driver (.ci/run does)"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--lang=nl-NL",
                "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        this.base = "http://localhost:" + port;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
        loaded();
    }

    /** Waits until the whole page is there: loaded, and its footer, the last element of every page, parsed. */
    private void loaded() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.voet")));
    }

    /** Signs in through the form, as a person would, and lands on the dashboard. */
    public void signIn(String username, String password) {
        open("/inloggen");
        driver.manage().deleteAllCookies();
        open("/inloggen");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        submit(By.cssSelector("form.formulier button[type=submit]"));
        assertThat(driver.getCurrentUrl()).as("signed in as " + username).doesNotContain("/inloggen");
    }

    public void signOut() {
        submit(By.cssSelector("form.kop__uit button"));
        assertThat(driver.getCurrentUrl()).contains("/inloggen?uitgelogd");
    }

    /** Clicks a form's button and waits until the page it leads to has replaced this one. */
    public void submit(By button) {
        submit(driver.findElement(button));
    }

    public void submit(WebElement button) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
        loaded();
    }

    /** The figures of the cells marked {@code data-veld} under {@code element}, as the API writes amounts. */
    public static Map<String, String> figures(WebElement element) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (WebElement cell : element.findElements(By.cssSelector("[data-veld]"))) {
            figures.put(cell.getDomAttribute("data-veld"), amount(cell.getText()));
        }
        return figures;
    }

    /** {@code € 1.234,56} as the reader sees it, written as the API does: {@code 1234.56}. */
    public static String amount(String shown) {
        Matcher m = EURO.matcher(shown);
        assertThat(m.find()).as("an amount in '" + shown + "'").isTrue();
        return m.group(1) + m.group(2).replace(".", "") + "." + m.group(3);
    }

    /**
     * Runs axe-core in the page against WCAG 2.1 A and AA and returns the violations, each as its rule, impact and the
     * first offending element, so that a failing assertion says what to mend.
     */
    public List<String> accessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axeScript());
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
                + " 'wcag21aa']}, resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('error: ' + e); });");
        String text = String.valueOf(result);
        assertThat(text).as("axe-core ran").doesNotStartWith("error");
        try {
            JsonNode violations = JSON.readTree(text);
            return java.util.stream.StreamSupport.stream(violations.spliterator(), false)
                    .map(v -> v.path("id").asText() + " (" + v.path("impact").asText() + "): "
                            + v.path("help").asText() + " — "
                            + v.path("nodes").path(0).path("html").asText())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeScript() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page, under {@code target/dashboard/}. */
    public Path screenshot(String name) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int)
                Math.min(Math.max(height + 40, 600), 8000)));
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
