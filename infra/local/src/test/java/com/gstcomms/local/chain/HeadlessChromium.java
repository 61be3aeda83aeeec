package com.gstcomms.local.chain;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (nothing is downloaded):
 * {@code --headless --no-sandbox --disable-gpu}. Skipped (saying why) only when /usr/bin/chromium is not
 * installed; with Chromium but no chromedriver it fails, naming the package to install. Screenshots go to
 * {@code target/screenshots/} as build artefacts.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
    /** A laptop and a phone (iPhone 12–15 class: 390 CSS pixels wide). */
    static final int DESKTOP = 1280;
    static final int PHONE = 390;

    /** The emulated screen width (one browser at a time per test JVM). */
    private static volatile int screenWidth = DESKTOP;

    private HeadlessChromium() {
    }

    static WebDriver open(String testName, int width) {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println(testName + " skipped: " + CHROMIUM + " is not installed "
                    + "(apt-get install chromium chromium-driver)");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (apt-get install chromium chromium-driver)");
        assertThat(CHROMEDRIVER).as("Chromium is installed but its driver is not: apt-get install chromium-driver")
                .isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + ",900", "--lang=en-IN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        screenWidth = width;
        return new ChromeDriver(service, options);
    }

    /**
     * The page laid out for a screen {@code width} CSS pixels wide, through Chrome's device emulation (a
     * window cannot be made narrower than 500 px): a phone (mobile viewport, as a 390 px iPhone shows the
     * page) or a laptop.
     */
    static void width(WebDriver browser, int width) {
        screenWidth = width;
        emulate(browser, width, 900);
    }

    private static void emulate(WebDriver browser, long width, long height) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
    }

    /**
     * The whole page at its current width as {@code target/screenshots/<name>-<width>.png} (the emulated
     * screen is made as tall as the page, up to 5000 px, then put back).
     */
    static Path screenshot(WebDriver browser, String name) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long width = screenWidth;
        long height = ((Number) js.executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"))
                .longValue();
        emulate(browser, width, Math.min(5000, height));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + "-" + width + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.out.println("screenshot " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            emulate(browser, width, 900);
        }
    }

    /** The outermost elements that reach past {@code width} (what makes the page scroll sideways), for messages. */
    static String overflowing(WebDriver browser, int width) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript("""
                const limit = arguments[0];
                const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > limit + 1
                    && !(e.parentElement && e.parentElement.getBoundingClientRect().right > limit + 1));
                return wide.slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                    + ' right=' + Math.round(e.getBoundingClientRect().right)).join(', ');
                """, width));
    }

    /**
     * How wide the page is laid out; wider than the screen means sideways scrolling (on a phone the browser
     * also widens its layout viewport to the content, so window.innerWidth alone would not tell).
     */
    static long pageWidth(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.documentElement.scrollWidth, window.innerWidth)")).longValue();
    }
}
