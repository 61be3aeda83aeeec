package com.gstcomms.invoicepdf;

import com.gstcomms.core.message.Channel;
import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.invoicepdf.Fixtures.Customer;
import com.gstcomms.invoicepdf.Fixtures.Invoice;
import com.gstcomms.invoicepdf.Fixtures.Shipment;
import com.gstcomms.invoicepdf.Fixtures.Shop;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/**
 * Sets data up and checks it from outside the app (JDBC, S3 and SQS clients, the Lambda mock event
 * server), so {@link RenderQueueHandlerIT} reruns it against the packaged function (the native binary,
 * -Dnative).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class RenderQueueHandlerTest {

    static final int MOCK_EVENT_SERVER = MockEventServer.port();

    private final Sql db = Fixtures.db();

    private ValidatableResponse post(SqsEvents.Message... messages) {
        return given().port(MOCK_EVENT_SERVER).contentType(ContentType.JSON)
                .body(SqsEvents.batch(appConfig("gstcomms.queues.render"), messages))
                .when().post()
                .then().statusCode(200);
    }

    private static SqsEvents.Message command(String messageId, Command command) {
        return SqsEvents.Message.of(messageId, Commands.toJson(command));
    }

    private String pdfKey(long invoiceId) {
        return db.value("select pdf_key from invoice where id = ?", invoiceId);
    }

    private String pdfError(long invoiceId) {
        return db.value("select coalesce(pdf_error, '') from invoice where id = ?", invoiceId);
    }

    private Map<String, Object> operation(long id) {
        return db.row("select * from bulk_operation where id = ?", id).orElseThrow();
    }

    private static byte[] stored(String key) {
        return LocalServers.s3().client().getObjectAsBytes(b -> b.bucket(appConfig("gstcomms.s3.bucket")).key(key))
                .asByteArray();
    }

    private static String contentType(String key) {
        return LocalServers.s3().client().headObject(b -> b.bucket(appConfig("gstcomms.s3.bucket")).key(key))
                .contentType();
    }

    @Test
    void storesTheInvoicePdfUnderItsFinancialYearWithASafeKeyAndRecordsIt() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);

        post(command("m-1", new RenderInvoice(shop.id(), invoice.id(), List.of(), "t-1"))).body("batchItemFailures", empty());

        String key = "invoices/" + shop.id() + "/2026-27/" + com.gstcomms.core.invoice.InvoiceFileName.pdf(invoice.number());
        assertThat(pdfKey(invoice.id())).isEqualTo(key);
        assertThat(contentType(key)).isEqualTo("application/pdf");
        String text = Pdfs.text(stored(key));
        assertThat(text).contains("TAX INVOICE", invoice.number(), "Rangoli Crafts Private Limited", "GSTIN: 27AAPFU0939F1ZV",
                "Aarav Nair", "84 Station Road", "Maharashtra (27)", "CGST", "SGST", "Pay by UPI",
                "Amount in words: Rupees Seven Thousand One Hundred Forty-Three Only");
        assertThat(pdfError(invoice.id())).isEmpty();
    }

    /** A PNG of random pixels (they do not compress): about 3 bytes a pixel. */
    private static byte[] noisePng(int width, int height) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var random = new java.util.Random(7);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        var png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private int imagesOnAnInvoiceWithLogo(String messageId, byte[] logo) {
        Shop shop = Fixtures.shop();
        if (logo != null) {
            String key = "logos/" + shop.id() + "/logo.png";
            LocalServers.s3().client().putObject(b -> b.bucket(appConfig("gstcomms.s3.bucket")).key(key).contentType("image/png"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(logo));
            db.update("update shop set logo_key = ? where id = ?", key, shop.id());
        }
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);
        post(command(messageId, new RenderInvoice(shop.id(), invoice.id(), List.of(), null))).body("batchItemFailures", empty());
        byte[] pdf = stored(pdfKey(invoice.id()));
        assertThat(Pdfs.text(pdf)).contains("Rangoli Crafts Private Limited");
        return Pdfs.images(pdf);
    }

    @Test
    void leavesOutALogoOverOneMegabyteOrThatIsNotAPngOrJpegAndStillRendersTheInvoice() {
        int without = imagesOnAnInvoiceWithLogo("logo-0", null);
        assertThat(imagesOnAnInvoiceWithLogo("logo-1", noisePng(60, 30))).as("a small PNG logo is printed").isEqualTo(without + 1);

        byte[] large = noisePng(900, 800);
        assertThat(large.length).isGreaterThan(1024 * 1024);
        assertThat(imagesOnAnInvoiceWithLogo("logo-2", large)).as("a 2 MB logo is not printed").isEqualTo(without);
        assertThat(imagesOnAnInvoiceWithLogo("logo-3", "<html><script>alert(1)</script></html>".getBytes()))
                .as("HTML stored as logo.png is not printed").isEqualTo(without);
    }

    @Test
    void printsIgstForABuyerInAnotherState() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.TAMIL_NADU);

        post(command("m-2", new RenderInvoice(shop.id(), invoice.id(), List.of(), null))).body("batchItemFailures", empty());

        String text = Pdfs.text(stored(pdfKey(invoice.id())));
        assertThat(text).contains("IGST", "Tamil Nadu (33)").doesNotContain("SGST");
    }

    @Test
    void queuesEmailAndWhatsAppDeliveryWithThePdfAttachedOnceEvenWhenTheCommandArrivesTwice() {
        Shop shop = Fixtures.shop();
        Customer customer = Fixtures.customer(shop, true);
        Invoice invoice = Fixtures.invoice(shop, customer, IndianState.MAHARASHTRA);
        RenderInvoice render = new RenderInvoice(shop.id(), invoice.id(), List.of(Channel.EMAIL, Channel.WHATSAPP), "req-" + UUID.randomUUID());

        post(command("m-3", render)).body("batchItemFailures", empty());
        post(command("m-3", render)).body("batchItemFailures", empty());

        String key = pdfKey(invoice.id());
        List<Map<String, Object>> notifications = db.rows("select * from notification where invoice_id = ?", invoice.id());
        assertThat(notifications).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("kind")).isEqualTo("INVOICE_DELIVERY");
            assertThat(n.get("status")).isEqualTo("QUEUED");
            assertThat(n.get("attachment_keys")).isEqualTo(List.of(key));
            assertThat(n.get("bulk")).isEqualTo(false);
        });
        assertThat(notifications).extracting(n -> n.get("channel"), n -> n.get("recipient")).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("EMAIL", customer.email()),
                org.assertj.core.groups.Tuple.tuple("WHATSAPP", "+917435429891"));
        List<Command> emails = drain(appConfig("gstcomms.queues.email"));
        List<Command> whatsapps = drain(appConfig("gstcomms.queues.whatsapp"));
        long emailId = notifications.stream().filter(n -> n.get("channel").equals("EMAIL")).findFirst()
                .map(n -> (Long) n.get("id")).orElseThrow();
        // the second delivery re-queues the same notification (the sender's claim makes that harmless), never a new one
        assertThat(emails).isNotEmpty().allSatisfy(c -> assertThat(((SendEmail) c).notificationId()).isEqualTo(emailId));
        assertThat(whatsapps).isNotEmpty().allSatisfy(c -> assertThat(c).isInstanceOf(SendWhatsApp.class));
    }

    @Test
    void failsOnlyTheMessageOfAnInvoiceThatDoesNotAddUpAndRecordsWhy() {
        Shop shop = Fixtures.shop();
        Invoice good = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);
        Invoice bad = Fixtures.invoiceThatDoesNotAddUp(shop, null);

        post(command("good-1", new RenderInvoice(shop.id(), good.id(), List.of(), null)),
                command("bad-1", new RenderInvoice(shop.id(), bad.id(), List.of(), null)))
                .body("batchItemFailures.itemIdentifier", contains("bad-1"));

        assertThat(pdfKey(good.id())).isNotNull();
        assertThat(pdfKey(bad.id())).isNull();
        assertThat(pdfError(bad.id())).contains(bad.number(), "CGST", "is not the sum of its lines");
    }

    @Test
    void countsEachInvoiceOfABulkOperationOnceEvenWhenSqsDeliversTwiceAndFinishesIt() {
        Shop shop = Fixtures.shop();
        Invoice first = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);
        Invoice second = Fixtures.invoice(shop, null, IndianState.KARNATAKA);
        Invoice broken = Fixtures.invoiceThatDoesNotAddUp(shop, null);
        long op = Fixtures.invoiceOperation(shop, List.of(first.id(), second.id(), broken.id()));

        post(command("b-1", new RenderInvoice(shop.id(), first.id(), List.of(), null)),
                command("b-2", new RenderInvoice(shop.id(), second.id(), List.of(), null)));
        assertThat(operation(op).get("status")).isEqualTo("RUNNING");
        // SQS delivers b-1 again, and the broken invoice's message fails on each of its deliveries
        post(new SqsEvents.Message("b-1", Commands.toJson(new RenderInvoice(shop.id(), first.id(), List.of(), null)), 2),
                command("b-3", new RenderInvoice(shop.id(), broken.id(), List.of(), null)))
                .body("batchItemFailures.itemIdentifier", contains("b-3"));
        post(new SqsEvents.Message("b-3", Commands.toJson(new RenderInvoice(shop.id(), broken.id(), List.of(), null)), 2))
                .body("batchItemFailures.itemIdentifier", contains("b-3"));

        Map<String, Object> done = operation(op);
        assertThat(done).containsEntry("processed", 3).containsEntry("succeeded", 2).containsEntry("failed", 1)
                .containsEntry("status", "COMPLETED_WITH_ERRORS");
        assertThat(done.get("finished_at")).isNotNull();
        assertThat((String) done.get("error_summary")).contains(broken.number(), "is not the sum of its lines");
    }

    @Test
    void deliveriesOfABulkOperationGoToTheBulkQueue() {
        Shop shop = Fixtures.shop();
        Customer customer = Fixtures.customer(shop, false);
        Invoice invoice = Fixtures.invoice(shop, customer, IndianState.MAHARASHTRA);
        long op = Fixtures.invoiceOperation(shop, List.of(invoice.id()));

        post(command("d-1", new RenderInvoice(shop.id(), invoice.id(), List.of(Channel.EMAIL), null))).body("batchItemFailures", empty());

        Map<String, Object> n = db.row("select id, bulk from notification where invoice_id = ?", invoice.id()).orElseThrow();
        assertThat(n.get("bulk")).isEqualTo(true);
        assertThat(drain(appConfig("gstcomms.queues.email-bulk"))).extracting(c -> ((SendEmail) c).notificationId())
                .contains((Long) n.get("id"));
        assertThat(operation(op).get("status")).isEqualTo("COMPLETED");
    }

    @Test
    void refusesToDeliverAnInvoiceWithoutACustomerAndSaysSo() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);

        post(command("n-1", new RenderInvoice(shop.id(), invoice.id(), List.of(Channel.EMAIL), null)))
                .body("batchItemFailures.itemIdentifier", contains("n-1"));

        assertThat(pdfError(invoice.id())).contains("has no customer to deliver it to");
    }

    @Test
    void rendersTheLabelsOfABulkJobIntoOneA4PdfAndCountsAShipmentWithoutAwbAsFailed() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.TAMIL_NADU);
        List<Shipment> shipments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shipments.add(Fixtures.shipment(shop, invoice, "14908123456" + i, i % 2 == 0 ? 716900 : 0));
        }
        Shipment noAwb = Fixtures.shipment(shop, null, null, 0);
        List<Long> ids = new ArrayList<>(shipments.stream().map(Shipment::id).toList());
        ids.add(noAwb.id());
        long op = Fixtures.labelOperation(shop, ids.size(), "A4_FOUR_UP");
        RenderLabels render = new RenderLabels(shop.id(), op, ids, null);

        post(command("l-1", render)).body("batchItemFailures", empty());
        post(command("l-1", render)).body("batchItemFailures", empty());

        String key = "labels/" + shop.id() + "/" + op + ".pdf";
        byte[] pdf = stored(key);
        assertThat(Pdfs.pages(pdf)).isEqualTo(2);
        assertThat(Pdfs.text(pdf)).contains("AWB 149081234560", "AWB 149081234564", "PIN 600017", "COD", "PREPAID",
                invoice.number(), shipments.get(0).orderRef());
        Map<String, Object> done = operation(op);
        assertThat(done).containsEntry("output_key", key).containsEntry("processed", 6).containsEntry("succeeded", 5)
                .containsEntry("failed", 1).containsEntry("status", "COMPLETED_WITH_ERRORS");
        assertThat((String) done.get("error_summary")).contains("shipment " + noAwb.id(), "AWB number is missing");
        assertThat(db.<String>value("select label_key from shipment where id = ?", shipments.get(0).id())).isEqualTo(key);
        assertThat(db.<String>value("select label_key from shipment where id = ?", noAwb.id())).isNull();
    }

    @Test
    void failsAMessageThatIsNotARenderCommandAndLeavesTheOthersAlone() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);

        post(command("x-1", new SendEmail(shop.id(), 42, null)),
                SqsEvents.Message.of("x-2", "{\"type\":\"render-invoice\",\"version\":1,\"shopId\":" + shop.id() + "}"),
                command("x-3", new RenderInvoice(shop.id(), invoice.id(), List.of(), null)))
                .body("batchItemFailures.itemIdentifier", contains("x-1", "x-2"));

        assertThat(pdfKey(invoice.id())).isNotNull();
    }

    private static List<Command> drain(String queueUrl) {
        List<Command> commands = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            int wait = round == 0 ? 1 : 0;
            List<Message> messages = LocalServers.sqs().client()
                    .receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(wait))
                    .messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message m : messages) {
                commands.add(Commands.fromJson(m.body()));
                LocalServers.sqs().client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return commands;
    }
}
