package com.gstcomms.invoicepdf;

import com.gstcomms.core.message.Channel;
import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shipment;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class RenderQueueHandlerTest {

    static final int MOCK_EVENT_SERVER = 8182;

    @Inject
    QueuesConfig queues;

    @Inject
    ObjectStore store;

    private ValidatableResponse post(SqsEvents.Message... messages) {
        return given().port(MOCK_EVENT_SERVER).contentType(ContentType.JSON)
                .body(SqsEvents.batch(queues.render().orElseThrow(), messages))
                .when().post()
                .then().statusCode(200);
    }

    private static SqsEvents.Message command(String messageId, Command command) {
        return SqsEvents.Message.of(messageId, Commands.toJson(command));
    }

    private static Invoice reload(long id) {
        return inSession(() -> Invoice.<Invoice>findById(id));
    }

    private static String pdfError(long invoiceId) {
        return inSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select coalesce(pdf_error, '') from invoice where id = :id", String.class)
                .setParameter("id", invoiceId).getSingleResult()));
    }

    @Test
    void storesTheInvoicePdfUnderItsFinancialYearWithASafeKeyAndRecordsIt() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);

        post(command("m-1", new RenderInvoice(shop.id, invoice.id, List.of(), "t-1"))).body("batchItemFailures", empty());

        String key = "invoices/" + shop.id + "/2026-27/" + invoice.number.replace('/', '-') + ".pdf";
        assertThat(reload(invoice.id).pdfKey).isEqualTo(key);
        assertThat(store.head(key)).hasValueSatisfying(info -> assertThat(info.contentType()).isEqualTo("application/pdf"));
        String text = Pdfs.text(store.getBytes(key));
        assertThat(text).contains("TAX INVOICE", invoice.number, "Rangoli Crafts Private Limited", "GSTIN: 27AAPFU0939F1ZV",
                "Aarav Nair", "84 Station Road", "Maharashtra (27)", "CGST", "SGST", "Pay by UPI",
                "Amount in words: Rupees Seven Thousand One Hundred Forty-Three Only");
        assertThat(pdfError(invoice.id)).isEmpty();
    }

    @Test
    void printsIgstForABuyerInAnotherState() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.TAMIL_NADU);

        post(command("m-2", new RenderInvoice(shop.id, invoice.id, List.of(), null))).body("batchItemFailures", empty());

        String text = Pdfs.text(store.getBytes(reload(invoice.id).pdfKey));
        assertThat(text).contains("IGST", "Tamil Nadu (33)").doesNotContain("SGST");
    }

    @Test
    void queuesEmailAndWhatsAppDeliveryWithThePdfAttachedOnceEvenWhenTheCommandArrivesTwice() {
        Shop shop = Fixtures.shop();
        Customer customer = Fixtures.customer(shop, true);
        Invoice invoice = Fixtures.invoice(shop, customer, IndianState.MAHARASHTRA);
        RenderInvoice render = new RenderInvoice(shop.id, invoice.id, List.of(Channel.EMAIL, Channel.WHATSAPP), "req-" + UUID.randomUUID());

        post(command("m-3", render)).body("batchItemFailures", empty());
        post(command("m-3", render)).body("batchItemFailures", empty());

        String key = reload(invoice.id).pdfKey;
        List<Notification> notifications = inSession(() -> Notification.<Notification>list("invoiceId", invoice.id));
        assertThat(notifications).hasSize(2).allSatisfy(n -> {
            assertThat(n.kind).isEqualTo("INVOICE_DELIVERY");
            assertThat(n.status).isEqualTo(NotificationStatus.QUEUED);
            assertThat(n.attachmentKeys).containsExactly(key);
            assertThat(n.bulk).isFalse();
        });
        assertThat(notifications).extracting(n -> n.channel.name(), n -> n.recipient).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("EMAIL", customer.email),
                org.assertj.core.groups.Tuple.tuple("WHATSAPP", "+917435429891"));
        List<Command> emails = drain(queues.email().orElseThrow());
        List<Command> whatsapps = drain(queues.whatsapp().orElseThrow());
        long emailId = notifications.stream().filter(n -> n.channel.name().equals("EMAIL")).findFirst().orElseThrow().id;
        // the second delivery re-queues the same notification (the sender's claim makes that harmless), never a new one
        assertThat(emails).isNotEmpty().allSatisfy(c -> assertThat(((SendEmail) c).notificationId()).isEqualTo(emailId));
        assertThat(whatsapps).isNotEmpty().allSatisfy(c -> assertThat(c).isInstanceOf(SendWhatsApp.class));
    }

    @Test
    void failsOnlyTheMessageOfAnInvoiceThatDoesNotAddUpAndRecordsWhy() {
        Shop shop = Fixtures.shop();
        Invoice good = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);
        Invoice bad = Fixtures.invoiceThatDoesNotAddUp(shop, null);

        post(command("good-1", new RenderInvoice(shop.id, good.id, List.of(), null)),
                command("bad-1", new RenderInvoice(shop.id, bad.id, List.of(), null)))
                .body("batchItemFailures.itemIdentifier", contains("bad-1"));

        assertThat(reload(good.id).pdfKey).isNotNull();
        assertThat(reload(bad.id).pdfKey).isNull();
        assertThat(pdfError(bad.id)).contains(bad.number, "CGST", "is not the sum of its lines");
    }

    @Test
    void countsEachInvoiceOfABulkOperationOnceEvenWhenSqsDeliversTwiceAndFinishesIt() {
        Shop shop = Fixtures.shop();
        Invoice first = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);
        Invoice second = Fixtures.invoice(shop, null, IndianState.KARNATAKA);
        Invoice broken = Fixtures.invoiceThatDoesNotAddUp(shop, null);
        BulkOperation op = Fixtures.invoiceOperation(shop, List.of(first.id, second.id, broken.id));

        post(command("b-1", new RenderInvoice(shop.id, first.id, List.of(), null)),
                command("b-2", new RenderInvoice(shop.id, second.id, List.of(), null)));
        BulkOperation midway = inSession(() -> BulkOperation.<BulkOperation>findById(op.id));
        assertThat(midway.status).isEqualTo(BulkOperation.Status.RUNNING);
        // SQS delivers b-1 again, and the broken invoice's message fails on each of its deliveries
        post(new SqsEvents.Message("b-1", Commands.toJson(new RenderInvoice(shop.id, first.id, List.of(), null)), 2),
                command("b-3", new RenderInvoice(shop.id, broken.id, List.of(), null)))
                .body("batchItemFailures.itemIdentifier", contains("b-3"));
        post(new SqsEvents.Message("b-3", Commands.toJson(new RenderInvoice(shop.id, broken.id, List.of(), null)), 2))
                .body("batchItemFailures.itemIdentifier", contains("b-3"));

        BulkOperation done = inSession(() -> BulkOperation.<BulkOperation>findById(op.id));
        assertThat(done.processed).isEqualTo(3);
        assertThat(done.succeeded).isEqualTo(2);
        assertThat(done.failed).isEqualTo(1);
        assertThat(done.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(done.finishedAt).isNotNull();
        assertThat(done.errorSummary).contains(broken.number, "is not the sum of its lines");
    }

    @Test
    void deliveriesOfABulkOperationGoToTheBulkQueue() {
        Shop shop = Fixtures.shop();
        Customer customer = Fixtures.customer(shop, false);
        Invoice invoice = Fixtures.invoice(shop, customer, IndianState.MAHARASHTRA);
        BulkOperation op = Fixtures.invoiceOperation(shop, List.of(invoice.id));

        post(command("d-1", new RenderInvoice(shop.id, invoice.id, List.of(Channel.EMAIL), null))).body("batchItemFailures", empty());

        Notification n = inSession(() -> Notification.<Notification>find("invoiceId", invoice.id).firstResult());
        assertThat(n.bulk).isTrue();
        assertThat(drain(queues.emailBulk().orElseThrow())).extracting(c -> ((SendEmail) c).notificationId()).contains(n.id);
        assertThat(inSession(() -> BulkOperation.<BulkOperation>findById(op.id)).status).isEqualTo(BulkOperation.Status.COMPLETED);
    }

    @Test
    void refusesToDeliverAnInvoiceWithoutACustomerAndSaysSo() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);

        post(command("n-1", new RenderInvoice(shop.id, invoice.id, List.of(Channel.EMAIL), null)))
                .body("batchItemFailures.itemIdentifier", contains("n-1"));

        assertThat(pdfError(invoice.id)).contains("has no customer to deliver it to");
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
        List<Long> ids = new ArrayList<>(shipments.stream().map(s -> s.id).toList());
        ids.add(noAwb.id);
        BulkOperation op = Fixtures.labelOperation(shop, ids.size(), "A4_FOUR_UP");
        RenderLabels render = new RenderLabels(shop.id, op.id, ids, null);

        post(command("l-1", render)).body("batchItemFailures", empty());
        post(command("l-1", render)).body("batchItemFailures", empty());

        String key = "labels/" + shop.id + "/" + op.id + ".pdf";
        byte[] pdf = store.getBytes(key);
        assertThat(Pdfs.pages(pdf)).isEqualTo(2);
        assertThat(Pdfs.text(pdf)).contains("AWB 149081234560", "AWB 149081234564", "PIN 600017", "COD", "PREPAID",
                invoice.number, shipments.get(0).orderRef);
        BulkOperation done = inSession(() -> BulkOperation.<BulkOperation>findById(op.id));
        assertThat(done.outputKey).isEqualTo(key);
        assertThat(done.processed).isEqualTo(6);
        assertThat(done.succeeded).isEqualTo(5);
        assertThat(done.failed).isEqualTo(1);
        assertThat(done.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(done.errorSummary).contains("shipment " + noAwb.id, "AWB number is missing");
        assertThat(inSession(() -> Shipment.<Shipment>findById(shipments.get(0).id)).labelKey).isEqualTo(key);
        assertThat(inSession(() -> Shipment.<Shipment>findById(noAwb.id)).labelKey).isNull();
    }

    @Test
    void failsAMessageThatIsNotARenderCommandAndLeavesTheOthersAlone() {
        Shop shop = Fixtures.shop();
        Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);

        post(command("x-1", new SendEmail(shop.id, 42, null)),
                SqsEvents.Message.of("x-2", "{\"type\":\"render-invoice\",\"version\":1,\"shopId\":" + shop.id + "}"),
                command("x-3", new RenderInvoice(shop.id, invoice.id, List.of(), null)))
                .body("batchItemFailures.itemIdentifier", contains("x-1", "x-2"));

        assertThat(reload(invoice.id).pdfKey).isNotNull();
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
