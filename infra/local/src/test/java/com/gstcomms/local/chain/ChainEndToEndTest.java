package com.gstcomms.local.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.local.cloud.LocalCloud;
import com.gstcomms.local.demo.Demo;
import com.gstcomms.local.events.ScheduleEventSource;
import com.gstcomms.local.lambda.InvocationResult;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole chain on the local cloud, started from template.yaml with the functions' deployed
 * artifacts (functions/*&#47;target/function.zip, built earlier in the reactor): the demo drives it through
 * the API — catalogue, customer and Shopify order CSVs uploaded to presigned URLs → S3 event → csv split →
 * chunk queue → csv chunk (invoices issued) → render queue → invoice-pdf (PDF in S3) → email and WhatsApp
 * queues → SendGrid/SMTP and Twilio stand-ins → signed delivery/read webhooks → the API → analytics.
 * A stage whose function is not built is skipped with the reason (assumption), never passed silently.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainEndToEndTest {

    static void needs(String... functions) {
        for (String function : functions) {
            assumeTrue(DemoCloud.built(function), () -> function + " is not built: this part of the chain is not "
                    + "covered (build it: ./mvnw -pl " + DemoCloud.cloud().function(function).orElseThrow().spec()
                    .modulePath() + " -am package -DskipTests)");
        }
    }

    @Test
    @Order(1)
    void startsEveryFunctionOfTheTemplateWithItsQueuesAndDeadLetterQueues() {
        LocalCloud cloud = DemoCloud.cloud();

        assertThat(cloud.functions()).extracting(f -> f.name()).containsAll(cloud.template().functions().stream()
                .map(f -> f.logicalId()).toList());
        assertThat(cloud.queues()).filteredOn(q -> !q.isDeadLetterQueue()).allSatisfy(q -> {
            assertThat(q.deadLetterQueueId()).isNotNull();
            assertThat(q.maxReceiveCount()).isEqualTo(5);
        });
        assertThat(cloud.sqsSources()).isNotEmpty();
        assertThat(cloud.s3Sources()).singleElement().satisfies(s ->
                assertThat(s.description()).endsWith("/imports/*source.csv"));
        assertThat(cloud.schedules()).extracting(s -> s.expression())
                .contains("cron(30 3 * * ? *)", "rate(1 minute)");
    }

    @Test
    @Order(2)
    void importsTheSampleFilesThroughTheUploadTrigger() {
        needs("ApiFunction", "CsvSplitFunction", "CsvChunkFunction");
        Demo.Summary summary = DemoCloud.demo();

        Map<String, Demo.ImportResult> imports = summary.imports();
        assertThat(imports.get("products.csv").status()).isEqualTo("COMPLETED");
        assertThat(imports.get("products.csv").succeeded()).isEqualTo(6);
        // The Shopify sample carries faulty rows on purpose: they are refused, with an error report.
        assertThat(imports.get("shopify-customers-sample.csv").status()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(imports.get("shopify-customers-sample.csv").failed()).isPositive();
        assertThat(imports.get("shopify-customers-sample.csv").errorReportKey()).isNotNull();
        assertThat(imports.get("order-buyers.csv").status()).isEqualTo("COMPLETED");
        assertThat(imports.get("shopify-orders-sample.csv").status()).isEqualTo("COMPLETED");
        assertThat(summary.invoices()).isEqualTo(8);
    }

    @Test
    @Order(3)
    void rendersEveryInvoiceToAPdfInS3() {
        needs("ApiFunction", "CsvSplitFunction", "CsvChunkFunction", "InvoicePdfFunction");
        Demo.Summary summary = DemoCloud.demo();

        assertThat(summary.pdfs()).isEqualTo(summary.invoices()).isPositive();
        LocalCloud cloud = DemoCloud.cloud();
        String key = (String) cloud.database().query("select pdf_key from invoice where pdf_key is not null limit 1")
                .getFirst().get("pdf_key");
        byte[] pdf = cloud.s3().client().getObjectAsBytes(b -> b.bucket(cloud.bucket()).key(key)).asByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    @Order(4)
    void emailsEachInvoiceWithThePdfByteIdenticalToS3() {
        needs("ApiFunction", "CsvSplitFunction", "CsvChunkFunction", "InvoicePdfFunction", "EmailFunction");
        Demo.Summary summary = DemoCloud.demo();

        assertThat(summary.emailsCaptured()).as(DemoCloud.demoOutput()).isPositive();
        assertThat(summary.emailsWithPdf()).isPositive();
        assertThat(summary.emailPdfsIdenticalToS3()).isEqualTo(summary.emailsWithPdf());
    }

    @Test
    @Order(5)
    void sendsWhatsAppsToCustomersWhoOptedIn() {
        needs("ApiFunction", "CsvSplitFunction", "CsvChunkFunction", "InvoicePdfFunction", "WhatsAppFunction");
        Demo.Summary summary = DemoCloud.demo();

        assertThat(summary.whatsAppsCaptured()).as(DemoCloud.demoOutput()).isPositive();
        // Only buyers who opted in (order-buyers.csv: WhatsApp Opt In yes) get one.
        assertThat(DemoCloud.cloud().twilio().sent()).extracting(m -> m.to())
                .allMatch(to -> List.of("whatsapp:+917435429891", "whatsapp:+918533231635", "whatsapp:+919257791461",
                        "whatsapp:+916526841196", "whatsapp:+918230791448").contains(to));
    }

    @Test
    @Order(6)
    void bringsDeliveredAndReadStatusesBackThroughSignedWebhooksIntoTheAnalytics() {
        needs("ApiFunction", "CsvSplitFunction", "CsvChunkFunction", "InvoicePdfFunction", "EmailFunction",
                "WhatsAppFunction");
        Demo.Summary summary = DemoCloud.demo();

        assertThat(summary.delivered()).as(DemoCloud.demoOutput()).isPositive();
        assertThat(summary.read()).isPositive();
        assertThat(DemoCloud.cloud().callbacks().failedPosts()).isZero();
        assertThat(summary.failedDeliveries()).isZero();
        JsonNode analytics = summary.analytics();
        assertThat(analytics).isNotNull();
        assertThat(analytics.toString()).contains("\"delivered\"");
        long delivered = 0;
        for (JsonNode item : analytics.path("items")) {
            delivered += item.path("delivered").asLong();
        }
        assertThat(delivered).isPositive();
    }

    @Test
    @Order(7)
    void ranTheDemoWithoutProblems() {
        needs("ApiFunction", "CsvSplitFunction", "CsvChunkFunction", "InvoicePdfFunction", "EmailFunction",
                "WhatsAppFunction");

        assertThat(DemoCloud.demo().problems()).as(DemoCloud.demoOutput()).isEmpty();
    }

    /** A Funqy function (functions/scheduler) runs on the local cloud with the schedule's own event. */
    @Test
    @Order(8)
    void runsTheEveryMinuteScheduleThroughItsFunqyFunction() throws Exception {
        needs("SchedulerDueFunction");
        ScheduleEventSource due = DemoCloud.cloud().schedules().stream()
                .filter(s -> s.function().spec().name().equals("SchedulerDueFunction")).findFirst().orElseThrow();
        assertThat(due.function().spec().handler()).isEqualTo("io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest");

        InvocationResult result = due.runNow().get(2, TimeUnit.MINUTES);

        assertThat(result).as(result.summary()).isInstanceOfSatisfying(InvocationResult.Response.class,
                r -> assertThat(r.bodyText()).contains("\"run\":\"due-messages\""));
    }
}
