package com.gstcomms.local.chain;

import com.gstcomms.local.cloud.LocalCloud;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (no browser or driver is downloaded). Opens the console after the demo, sees the demo's
 * captured emails and one more sent through the SMTP server by this test (with a PDF attached), opens it,
 * reads its HTML in the sandboxed frame and downloads the attachment byte for byte.
 *
 * <p>Skipped only when /usr/bin/chromium is not installed (it says so); with Chromium but no
 * /usr/bin/chromedriver it fails, naming the package to install (chromium-driver).
 */
class ConsoleBrowserTest {

    static final String SUBJECT = "Tax invoice MH/2627/000099 from Demo Kirana (browser test)";
    /** A PDF's first bytes: the binary comment line makes it binary, as every real PDF is. */
    static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', '%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF,
            (byte) 0xD3, '\n', '%', '%', 'E', 'O', 'F', '\n'};

    static WebDriver browser;

    @BeforeAll
    static void openBrowser() {
        DemoCloud.assumeChainTestsWanted();
        browser = HeadlessChromium.open("ConsoleBrowserTest", 1400);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheCapturedEmailsAndOpensOneWithItsAttachment() throws Exception {
        long demoEmails = DemoCloud.demo().emailsCaptured();
        LocalCloud cloud = DemoCloud.cloud();
        sendThroughSmtp(cloud);

        browser.get(cloud.consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.findElement(By.id("shop")).getText().equals("demo.myshopify.com"));
        browser.findElement(By.cssSelector("button[data-tab=emails]")).click();
        wait.until(d -> d.findElements(By.cssSelector("tr.email")).size() >= demoEmails + 1);

        List<WebElement> rows = browser.findElements(By.cssSelector("tr.email"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo((int) demoEmails + 1);
        WebElement ours = rows.stream().filter(r -> r.findElement(By.cssSelector("td.subject")).getText().equals(SUBJECT))
                .findFirst().orElseThrow();
        ours.click();

        wait.until(d -> d.findElement(By.id("email-subject")).getText().equals(SUBJECT));
        WebElement attachment = browser.findElement(By.cssSelector("#email-attachments a.attachment"));
        assertThat(attachment.getText()).isEqualTo("MH-2627-000099.pdf");
        browser.switchTo().frame(browser.findElement(By.id("email-html")));
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Your invoice MH/2627/000099 is attached"));
        browser.switchTo().defaultContent();

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(attachment.getAttribute("href"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("MH-2627-000099.pdf"));
        assertThat(download.body()).isEqualTo(PDF);
    }

    @Test
    void showsEveryFunctionOfTheTemplateAndTheDeadLetterQueues() {
        LocalCloud cloud = DemoCloud.cloud();

        browser.get(cloud.consoleUrl());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.findElements(By.cssSelector("#function-rows tr")).size() == cloud.functions().size());
        assertThat(browser.findElement(By.id("function-rows")).getText()).contains("ApiFunction", "EmailFunction",
                "SchedulerDueFunction");
        browser.findElement(By.cssSelector("button[data-tab=queues]")).click();
        wait.until(d -> d.findElement(By.id("queue-rows")).getText().contains("EmailDLQ"));
        assertThat(browser.findElement(By.id("queue-rows")).getText()).contains("RenderQueue", "RenderDLQ",
                "after 5 receives");
    }

    /** One more mail into the local SMTP server, as the email function's SMTP fallback would send it. */
    private static void sendThroughSmtp(LocalCloud cloud) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", cloud.smtp().host());
        properties.put("mail.smtp.port", Integer.toString(cloud.smtp().port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("invoices@demo-kirana.example.in"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("aarav0@example.in"));
        message.setSubject(SUBJECT, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Namaste Aarav,</p><p>Your invoice MH/2627/000099 is attached.</p>", "text/html; charset=UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("MH-2627-000099.pdf");
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);
        pdf.setHeader("Content-Transfer-Encoding", "base64");
        message.setContent(new MimeMultipart(html, pdf));
        Transport.send(message);
    }
}
