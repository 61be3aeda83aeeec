package com.gstcomms.local.chain;

import com.gstcomms.local.cloud.LocalCloud;
import com.gstcomms.local.demo.LocalApi;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merchant's pages (issue 11) in headless Chromium on the local cloud, served by the real api function
 * from its function.zip, with the demo's shop and data: sign in with an API key, drop a CSV on the Bulk
 * Operations Center's import zone (a real drop event with a DataTransfer holding the file) and watch the
 * bar reach 100 %, open the failed rows, export customers through the csv-job function (the local Lambda
 * Invoke API) and download the file, and check that a VIEWER's start buttons are disabled. Each page is
 * photographed at 1280 and 390 CSS pixels ({@code target/screenshots/}) and must not scroll sideways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MerchantPagesBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final List<String> BULK_TABS = List.of("invoices", "labels", "import-export", "status");
    static final List<String> NOTIFICATION_TABS = List.of("individual", "bulk", "automated", "templates", "log",
            "analytics", "settings");
    static final Pattern DEVANAGARI = Pattern.compile("[\\u0900-\\u097F]{3,}");

    static final List<String> FINISHED = List.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED");

    static WebDriver browser;
    static LocalCloud cloud;
    static String viewerKey;

    @BeforeAll
    static void start() {
        DemoCloud.assumeChainTestsWanted();
        browser = HeadlessChromium.open("MerchantPagesBrowserTest", HeadlessChromium.DESKTOP);
        cloud = DemoCloud.cloud();
        DemoCloud.demo();   // the demo's invoices, customers and messages fill the pages (and it runs first)
        LocalApi owner = new LocalApi(cloud.apiUrl(), cloud.shop().apiKey());
        LocalApi.Answer created = owner.post("/v1/api-keys", Map.of("name", "browser test viewer", "role", "VIEWER"));
        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        viewerKey = created.body().path("key").asText();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Waits up to 90 s; on a timeout it says where the browser was and what the page showed, with a screenshot. */
    static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);   // htmx swaps the panels while we look
        wait.withMessage(() -> {
            java.nio.file.Path shot = HeadlessChromium.screenshot(browser, "timeout-" + System.currentTimeMillis());
            String text = browser.findElements(By.id("main")).stream().map(WebElement::getText).findFirst().orElse("");
            return "at " + browser.getCurrentUrl() + " (screenshot " + shot + "), the page shows:\n"
                    + text.substring(0, Math.min(3000, text.length()));
        });
        return wait;
    }

    static void open(String path) {
        browser.get(cloud.apiUrl() + path);
    }

    static void signIn(String key) {
        browser.manage().deleteAllCookies();
        open("/ui/sign-in");
        browser.findElement(By.id("api-key")).sendKeys(key);
        browser.findElement(By.id("sign-in-submit")).click();
        waiting().until(d -> !d.findElements(By.id("who-shop")).isEmpty());
    }

    /**
     * Every form control and button a person can reach, with no accessible name (no label, aria-label,
     * aria-labelledby, title, or a button's own text): a screen reader would announce it as "edit text" or
     * "button" and nothing more.
     */
    static final String UNNAMED_CONTROLS = """
            const unnamed = [];
            for (const el of document.querySelectorAll('input, select, textarea, button')) {
              if (el.type === 'hidden' || el.closest('[hidden]')) continue;
              let name = el.getAttribute('aria-label') || '';
              const by = el.getAttribute('aria-labelledby');
              if (!name && by) name = by.split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ');
              if (!name && el.labels) name = Array.from(el.labels).map(l => l.textContent).join(' ');
              if (!name && (el.tagName === 'BUTTON' || el.type === 'submit' || el.type === 'button')) name = el.textContent || el.value || '';
              if (!name) name = el.getAttribute('title') || '';
              if (!name.trim()) unnamed.push(el.outerHTML.slice(0, 160));
            }
            return unnamed;""";

    /** Runs {@code check} at 1280 and at 390 px, photographs the page at each and checks nothing scrolls sideways. */
    static void atBothWidths(String name, Consumer<Integer> check) {
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) ((JavascriptExecutor) browser).executeScript(UNNAMED_CONTROLS);
        assertThat(unnamed).as(name + ": controls without a label or accessible name").isEmpty();
        try {
            for (int width : List.of(HeadlessChromium.DESKTOP, HeadlessChromium.PHONE)) {
                HeadlessChromium.width(browser, width);
                check.accept(width);
                HeadlessChromium.screenshot(browser, name);
                assertThat(HeadlessChromium.pageWidth(browser)).as(name + " laid out for a " + width
                        + " px screen (wider = sideways scrolling); too wide: " + HeadlessChromium.overflowing(browser, width))
                        .isLessThanOrEqualTo(width);
            }
        } finally {
            HeadlessChromium.width(browser, HeadlessChromium.DESKTOP);
        }
    }

    @Test
    @Order(1)
    void signsInWithAnApiKey() {
        browser.manage().deleteAllCookies();
        open("/ui/sign-in");
        atBothWidths("sign-in", width -> assertThat(browser.findElement(By.cssSelector("label[for=api-key]")).getText())
                .isEqualTo("API key"));

        signIn(cloud.shop().apiKey());

        assertThat(browser.findElement(By.id("who-shop")).getText()).isEqualTo("demo.myshopify.com");
        assertThat(browser.findElement(By.id("who-role")).getText()).isEqualTo("OWNER");
        browser.findElement(By.id("nav-bulk")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui/bulk/invoices"));
    }

    @Test
    @Order(2)
    void everyBulkTabIsUsableAtBothWidths() {
        signIn(cloud.shop().apiKey());
        for (String tab : BULK_TABS) {
            open("/ui/bulk/" + tab);
            atBothWidths("bulk-" + tab, width -> assertThat(browser.findElement(By.id("tab-" + tab))
                    .getAttribute("aria-current")).isEqualTo("page"));
        }
        open("/ui/bulk/invoices");
        assertThat(browser.findElements(By.cssSelector("#invoices-form input[name=invoiceId]")))
                .as("the demo's invoices are listed to choose from").isNotEmpty();
        assertThat(browser.findElement(By.id("generate-invoices")).isEnabled()).isTrue();
    }

    @Test
    @Order(3)
    void uploadsACsvByDragAndDropAndWatchesTheBarReachOneHundredPercent() throws IOException {
        signIn(cloud.shop().apiKey());
        open("/ui/bulk/import-export");
        browser.findElement(By.id("import-type-customers")).click();

        // Shopify's customer export layout: the sample's rows, 3,990 more good ones (four chunks of 1,000 rows for
        // csv-chunk, so the bar has steps to take) and, last, one row whose PIN code has 4 digits.
        dropFile("drop-zone", "customers.csv", customersWithOneBadRow(3_990));

        WebElement panel = waiting().until(d -> d.findElements(By.cssSelector("#import-result article.operation")).stream()
                .findFirst().orElse(null));
        String id = panel.getAttribute("id");
        List<String> seen = new ArrayList<>();
        waiting().until(d -> {
            List<?> now = panelState(id);
            String value = (String) now.get(1);
            if (seen.isEmpty() || !seen.getLast().equals(value)) {
                seen.add(value);
            }
            return FINISHED.contains((String) now.get(0));
        });
        System.out.println("import progress values seen: " + seen);
        assertThat(seen).last().isEqualTo("100");
        assertThat(browser.findElement(By.id(id + "-percent")).getText()).isEqualTo("100%");
        assertThat(browser.findElement(By.id(id + "-status")).getText()).isEqualTo("Completed with errors");
        assertThat(browser.findElement(By.id(id + "-counts")).getText())
                .contains("4000 of 4000 processed", "3999 succeeded", "1 failed");
        assertThat(browser.findElement(By.id("import-status")).getText()).contains("uploaded");

        // The error report is written just after the end; the panel keeps asking until its link is there.
        waiting().until(d -> d.findElements(By.id(id + "-show-errors")).stream().findFirst().orElse(null)).click();
        WebElement table = waiting().until(d -> d.findElements(By.id(id + "-failed-rows")).stream().findFirst().orElse(null));
        assertThat(table.getText()).contains("Failed rows (1)", "4001", "Default Address Zip", "4000",
                "PIN code '4000' must be 6 digits, found 4.");
        assertThat(browser.findElement(By.id(id + "-error-report")).getAttribute("href")).contains("errors");
        atBothWidths("bulk-import-done", width -> assertThat(table.isDisplayed()).isTrue());
    }

    @Test
    @Order(4)
    void uploadsThroughTheKeyboardAccessibleFileInputToo() {
        signIn(cloud.shop().apiKey());
        open("/ui/bulk/import-export");
        WebElement products = browser.findElement(By.id("import-type-products"));
        products.sendKeys(" ");
        assertThat(products.isSelected()).isTrue();

        browser.findElement(By.id("import-file")).sendKeys(DemoCloud.PROJECT.resolve("infra/local/samples/products.csv")
                .toString());

        String id = finishedPanel("import-result");
        assertThat(browser.findElement(By.id(id)).getText()).contains("Products import", "Completed", "6 of 6 processed",
                "6 succeeded", "0 failed");
    }

    @Test
    @Order(5)
    void exportsCustomersThroughTheCsvJobAndLinksTheFile() {
        signIn(cloud.shop().apiKey());
        open("/ui/bulk/import-export");

        browser.findElement(By.id("export-customers")).click();

        String export = finishedPanel("export-result");
        WebElement link = browser.findElement(By.id(export + "-output"));
        String csv = new String(new LocalApi(cloud.apiUrl(), cloud.shop().apiKey()).download(link.getAttribute("href")),
                StandardCharsets.UTF_8);
        assertThat(csv).contains("customer1.c@example.in");
        assertThat(browser.findElement(By.cssSelector("#export-result progress")).getAttribute("value")).isEqualTo("100");
        HeadlessChromium.screenshot(browser, "bulk-export-done");
    }

    @Test
    @Order(6)
    void generatesInvoicesMakesLabelsAndChangesStatusesWithLiveProgress() throws IOException {
        signIn(cloud.shop().apiKey());

        open("/ui/bulk/invoices");
        tickFirst("invoices-form", 2);
        browser.findElement(By.id("generate-invoices")).click();
        String invoices = finishedPanel("invoices-result");
        assertThat(browser.findElement(By.id(invoices + "-counts")).getText()).contains("2 of 2 processed", "2 succeeded");

        open("/ui/bulk/labels");
        String awbPrefix = "BT" + System.currentTimeMillis() % 1_000_000;
        tickFirst("labels-form", 2);
        List<WebElement> parcels = browser.findElements(By.cssSelector("#labels-form li.parcel")).subList(0, 2);
        for (int i = 0; i < parcels.size(); i++) {
            WebElement courier = parcels.get(i).findElement(By.cssSelector("input[name^=courier-]"));
            courier.clear();
            WebElement awb = parcels.get(i).findElement(By.cssSelector("input[name^=awb-]"));
            awb.clear();
            awb.sendKeys(awbPrefix + "X" + i);
        }
        // Without couriers the second row is refused before anything starts, the reason shown under that row.
        parcels.getFirst().findElement(By.cssSelector("input[name^=courier-]")).sendKeys("Delhivery");
        browser.findElement(By.id("print-labels")).click();
        String secondRow = parcels.get(1).getAttribute("id").replace("label-row-", "label-error-");
        waiting().until(d -> d.findElement(By.id(secondRow)).getText().contains("courier is required"));
        assertThat(browser.findElement(By.id("labels-result")).getText()).contains("parcels[1].courier")
                .doesNotContain("processed");
        atBothWidths("bulk-labels-row-error", width -> assertThat(browser.findElement(By.id(secondRow)).isDisplayed()).isTrue());
        parcels.getFirst().findElement(By.cssSelector("input[name^=courier-]")).clear();
        // The batch's courier fills the ticked rows' empty courier fields (keyboard: focus the button, Enter).
        browser.findElement(By.id("batch-courier")).sendKeys("Delhivery");
        browser.findElement(By.id("batch-courier-fill")).sendKeys(Keys.ENTER);
        assertThat(parcels).allSatisfy(row -> assertThat(row.findElement(By.cssSelector("input[name^=courier-]"))
                .getAttribute("value")).isEqualTo("Delhivery"));
        atBothWidths("bulk-labels-filled", width -> assertThat(parcels.getFirst().findElement(
                By.cssSelector("input[name^=awb-]")).isDisplayed()).isTrue());
        browser.findElement(By.id("print-labels")).click();
        // The real invoice-pdf function draws both labels (courier and AWB recorded on the parcels) into one PDF.
        String labels = finishedPanel("labels-result");
        assertThat(browser.findElement(By.id(labels + "-status")).getText()).isEqualTo("Completed");
        assertThat(browser.findElement(By.id(labels + "-counts")).getText())
                .contains("2 of 2 processed", "2 succeeded", "0 failed");
        byte[] pdf = new LocalApi(cloud.apiUrl(), cloud.shop().apiKey())
                .download(browser.findElement(By.id(labels + "-output")).getAttribute("href"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            assertThat(new PDFTextStripper().getText(document)).contains("AWB " + awbPrefix + "X0", "AWB " + awbPrefix + "X1",
                    "Delhivery");
        }
        HeadlessChromium.screenshot(browser, "bulk-labels-done");

        open("/ui/bulk/status");
        new Select(browser.findElement(By.id("invoice-status"))).selectByValue("PAID");
        tickFirst("invoice-status-form", 1);
        browser.findElement(By.id("change-invoice-status")).click();
        String status = finishedPanel("status-result");
        assertThat(browser.findElement(By.id(status + "-status")).getText()).isEqualTo("Completed");
        HeadlessChromium.screenshot(browser, "bulk-status-done");
    }

    /** Ticks the first {@code count} rows of a form's selection table with the keyboard (focus + space). */
    static void tickFirst(String formId, int count) {
        List<WebElement> boxes = browser.findElements(By.cssSelector("#" + formId + " input[type=checkbox][name$=Id]"));
        assertThat(boxes).as("rows to select in " + formId).hasSizeGreaterThanOrEqualTo(count);
        for (WebElement box : boxes.subList(0, count)) {
            box.sendKeys(" ");
            assertThat(box.isSelected()).isTrue();
        }
    }

    /** A panel's status and bar value read in one go (htmx replaces the panel every second while it runs). */
    static List<?> panelState(String id) {
        return (List<?>) ((JavascriptExecutor) browser).executeScript("""
                const panel = document.getElementById(arguments[0]);
                return [panel.dataset.status, panel.querySelector('progress').getAttribute('value')];
                """, id);
    }

    /**
     * The id of the operation panel that appears in {@code resultId}, once the operation has finished (the
     * panel stops polling) with its bar at 100 %.
     */
    static String finishedPanel(String resultId) {
        WebElement panel = waiting().until(d -> d.findElements(By.cssSelector("#" + resultId + " article.operation"))
                .stream().findFirst().orElse(null));
        String id = panel.getAttribute("id");
        waiting().until(d -> FINISHED.contains((String) panelState(id).get(0)));
        assertThat(browser.findElement(By.cssSelector("#" + id + " progress")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.findElement(By.id(id)).getAttribute("hx-trigger")).as("polling stopped").isNull();
        return id;
    }

    @Test
    @Order(7)
    void everyNotificationCenterTabIsUsableAtBothWidths() {
        signIn(cloud.shop().apiKey());
        for (String tab : NOTIFICATION_TABS) {
            open("/ui/notifications/" + tab);
            atBothWidths("notifications-" + tab, width -> assertThat(browser.findElement(By.id("tab-" + tab))
                    .getAttribute("aria-current")).isEqualTo("page"));
        }
    }

    @Test
    @Order(8)
    void sendsATestEmailFromSettings() {
        signIn(cloud.shop().apiKey());
        open("/ui/notifications/settings");
        new Select(browser.findElement(By.id("test-provider"))).selectByValue("SENDGRID");
        browser.findElement(By.id("test-to")).sendKeys("browser-test@example.in");

        browser.findElement(By.id("test-send")).click();

        WebElement outcome = waiting().until(d -> d.findElements(By.id("test-outcome")).stream().findFirst().orElse(null));
        assertThat(outcome.getText()).contains("sent");
        HeadlessChromium.screenshot(browser, "notifications-settings-test-sent");
    }

    @Test
    @Order(9)
    void sendsAnEmailToOneAddressAndSeesItInTheLog() {
        signIn(cloud.shop().apiKey());
        open("/ui/notifications/individual");
        browser.findElement(By.id("send-to")).sendKeys("browser-log@example.in");
        browser.findElement(By.id("channel-email")).click();
        var templates = new Select(browser.findElement(By.id("template")));
        templates.selectByVisibleText(templates.getOptions().stream().map(WebElement::getText)
                .filter(t -> t.startsWith("EMAIL · ORDER_CONFIRMATION · en")).findFirst().orElseThrow());
        browser.findElement(By.id("variables")).sendKeys("customerName=Browser Test\norderRef=#IN9001\n"
                + "orderTotal=1,180.00");

        browser.findElement(By.id("send-button")).click();

        WebElement outcome = waiting().until(d -> d.findElements(By.id("send-outcome")).stream().findFirst().orElse(null));
        assertThat(outcome.getText()).contains("1 of 1 queued", "browser-log@example.in");
        outcome.findElement(By.partialLinkText("in the log")).click();
        waiting().until(d -> d.findElement(By.id("log-table")).getText().contains("browser-log@example.in"));
        // The email function sends it for real (to the SendGrid stand-in); the log shows it move on.
        String row = waiting().until(d -> {
            d.navigate().refresh();
            String text = d.findElements(By.cssSelector("#log-table tr")).stream().map(WebElement::getText)
                    .filter(t -> t.contains("browser-log@example.in")).findFirst().orElse("");
            return text.matches("(?s).*(SENT|DELIVERED|OPENED|FAILED).*") ? text : null;
        });
        if (row.contains("FAILED")) {
            browser.findElements(By.cssSelector("#log-table tr")).stream()
                    .filter(r -> r.getText().contains("browser-log@example.in")).findFirst().orElseThrow()
                    .findElement(By.cssSelector("button[id^=timeline-]")).click();
            waiting().until(d -> !d.findElement(By.id("timeline")).getText().contains("Choose a message"));
        }
        assertThat(row).as("the message's row in the log; its timeline: "
                + browser.findElement(By.id("timeline")).getText()).doesNotContain("FAILED");
        atBothWidths("notifications-log-sent", width -> assertThat(browser.findElement(By.id("log-table")).isDisplayed())
                .isTrue());
    }

    @Test
    @Order(10)
    void switchesATemplateToHindiAndPreviewsIt() {
        signIn(cloud.shop().apiKey());
        open("/ui/notifications/templates");
        new Select(browser.findElement(By.id("template-channel"))).selectByValue("EMAIL");
        waiting().until(d -> d.findElement(By.id("template-title")).getText().contains("EMAIL"));

        new Select(browser.findElement(By.id("template-locale"))).selectByValue("hi");

        waiting().until(d -> d.findElement(By.id("template-title")).getText().contains("hi"));
        browser.findElement(By.id("template-preview-button")).click();
        String shown = waiting().until(d -> d.findElements(By.cssSelector("#template-preview #preview-result")).stream()
                .filter(p -> "hi".equals(p.getAttribute("lang")))
                .map(p -> p.getText() + " " + p.findElements(By.id("preview-html")).stream()
                        .map(f -> f.getAttribute("srcdoc")).findFirst().orElse(""))
                .filter(text -> DEVANAGARI.matcher(text).find()).findFirst().orElse(null));
        System.out.println("Hindi preview: " + shown.substring(0, Math.min(200, shown.length())));
        atBothWidths("notifications-template-hindi", width -> assertThat(browser.findElement(By.id("template-preview"))
                .isDisplayed()).isTrue());
    }

    @Test
    @Order(11)
    void aViewerCannotPressSend() {
        signIn(viewerKey);
        open("/ui/notifications/individual");
        WebElement send = browser.findElement(By.id("send-button"));
        assertThat(send.isEnabled()).isFalse();
        browser.findElement(By.id("send-to")).sendKeys("nobody@example.in");
        ((JavascriptExecutor) browser).executeScript("arguments[0].click()", send);
        assertThat(browser.findElements(By.id("send-outcome"))).isEmpty();
        assertThat(browser.findElement(By.id("send-disabled-reason")).getText()).contains("VIEWER");
        atBothWidths("notifications-viewer", width -> assertThat(browser.findElement(By.id("send-disabled-reason"))
                .isDisplayed()).isTrue());
        open("/ui/notifications/settings");
        assertThat(browser.findElement(By.id("test-send")).isEnabled()).isFalse();
    }

    @Test
    @Order(12)
    void aViewerSeesTheBulkPagesButCannotStartAnything() {
        signIn(viewerKey);
        assertThat(browser.findElement(By.id("who-role")).getText()).isEqualTo("VIEWER");

        open("/ui/bulk/invoices");
        assertThat(browser.findElement(By.id("role-note")).getText()).contains("VIEWER");
        assertThat(browser.findElement(By.id("generate-invoices")).isEnabled()).isFalse();
        open("/ui/bulk/import-export");
        assertThat(browser.findElement(By.id("import-file")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("export-customers")).isEnabled()).isFalse();
        atBothWidths("bulk-viewer", width -> assertThat(browser.findElement(By.id("role-note")).isDisplayed()).isTrue());
    }

    @Test
    @Order(13)
    void signsInAndMovesBetweenPagesWithTheKeyboardAlone() {
        browser.manage().deleteAllCookies();
        open("/ui/sign-in");
        tabTo("api-key").sendKeys(cloud.shop().apiKey() + Keys.ENTER);
        waiting().until(d -> !d.findElements(By.id("who-shop")).isEmpty());

        WebElement log = tabTo("tab-log");
        assertThat(outlineOf(log)).as("the focused tab shows where the keyboard is").isNotEqualTo("none");
        log.sendKeys(Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui/notifications/log"));

        tabTo("nav-bulk").sendKeys(Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui/bulk/invoices"));
        tabTo("tab-import-export").sendKeys(Keys.ENTER);
        waiting().until(d -> d.getCurrentUrl().endsWith("/ui/bulk/import-export"));
        assertThat(tabTo("import-file").isEnabled()).as("the file input is reachable by keyboard").isTrue();
    }

    /** Presses Tab from the top of the page until the element with {@code id} has the focus (at most 60 times). */
    static WebElement tabTo(String id) {
        ((JavascriptExecutor) browser).executeScript("document.activeElement && document.activeElement.blur()");
        for (int i = 0; i < 60; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("#" + id + " cannot be reached with the Tab key on " + browser.getCurrentUrl());
    }

    /** The focus ring of an element: its outline style, or "box-shadow" when a shadow draws it instead. */
    static String outlineOf(WebElement element) {
        String outline = element.getCssValue("outline-style");
        return "none".equals(outline) && !"none".equals(element.getCssValue("box-shadow")) ? "box-shadow" : outline;
    }

    /** A real drop: a DataTransfer holding the file, dispatched as dragenter, dragover and drop on the zone. */
    static void dropFile(String zoneId, String fileName, String content) {
        ((JavascriptExecutor) browser).executeScript("""
                const zone = document.getElementById(arguments[0]);
                const data = new DataTransfer();
                data.items.add(new File([arguments[2]], arguments[1], {type: 'text/csv'}));
                for (const type of ['dragenter', 'dragover', 'drop']) {
                  zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
                }
                """, zoneId, fileName, content);
    }

    /** The resource file (9 good rows, then 1 bad) with {@code extra} generated good rows before its bad row. */
    static String customersWithOneBadRow(int extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(resource("pages/customers-one-bad-row.csv").split("\r\n")));
        String bad = lines.removeLast();
        StringBuilder csv = new StringBuilder(String.join("\r\n", lines)).append("\r\n");
        for (int i = 0; i < extra; i++) {
            csv.append(String.format("'71%011d,Asha,Kulkarni %d,bulk.customer%d@example.in,yes,,\"%d, FC Road\",,Pune,MH,IN,"
                    + "411004,+9198%08d,+9198%08d,no,1200.00,1,,no,bulk-import\r\n", i, i, i, i % 900 + 1, i, i));
        }
        return csv.append(bad).append("\r\n").toString();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = MerchantPagesBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
