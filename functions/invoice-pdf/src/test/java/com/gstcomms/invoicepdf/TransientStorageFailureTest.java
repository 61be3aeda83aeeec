package com.gstcomms.invoicepdf;

import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.documents.TaxInvoicePdf;
import com.gstcomms.runtime.config.S3Config;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.notify.Notifier;
import com.gstcomms.runtime.storage.S3ObjectStore;
import com.gstcomms.testing.LocalAws;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 answering 503 SlowDown (what it does under throttling) to every upload: the render is retried
 * later and the bulk operation does not count the invoice; the retry against a working S3 counts it once.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class TransientStorageFailureTest {

    @Inject
    TaxInvoicePdf pdf;

    @Inject
    BulkUnits bulk;

    @Inject
    Notifier notifier;

    @Inject
    InvoiceRendering working;

    HttpServer slowDown;
    final AtomicInteger uploads = new AtomicInteger();
    S3Client failingClient;

    @BeforeEach
    void s3ThatSaysSlowDown() throws Exception {
        slowDown = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowDown.createContext("/", exchange -> {
            uploads.incrementAndGet();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                    + "<Message>Please reduce your request rate.</Message><RequestId>1</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slowDown.start();
        failingClient = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + slowDown.getAddress().getPort()))
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(LocalAws.credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        failingClient.close();
        slowDown.stop(0);
    }

    @Test
    void aThrottledUploadIsRetriedLaterAndCountedOnlyWhenItSucceeds() {
        Fixtures.Shop shop = Fixtures.shop();
        Fixtures.Invoice invoice = Fixtures.invoice(shop, null, IndianState.MAHARASHTRA);
        long op = Fixtures.invoiceOperation(shop, List.of(invoice.id()));
        InvoiceRendering throttled = new InvoiceRendering(new S3ObjectStore(failingClient, null, config()), pdf, bulk, notifier);
        RenderInvoice command = new RenderInvoice(shop.id(), invoice.id(), List.of(), null);

        assertThatThrownBy(() -> throttled.render(command, new SqsBatch.Delivery("m-1", 1, "arn:aws:sqs:ap-south-1:0:render")))
                .isInstanceOfSatisfying(RetryLater.class, retry -> {
                    assertThat(retry.getMessage()).contains("storing the PDF of invoice " + invoice.number());
                    assertThat(retry.delay()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
                });

        assertThat(uploads.get()).as("the SDK's own retries reached the server").isGreaterThanOrEqualTo(1);
        assertThat(inSession(() -> Invoice.<Invoice>findById(invoice.id())).pdfKey).isNull();
        BulkOperation meanwhile = inSession(() -> BulkOperation.<BulkOperation>findById(op));
        assertThat(meanwhile.processed).isZero();
        assertThat(unitStatus(op)).isEqualTo("PENDING");

        String key = working.render(command, new SqsBatch.Delivery("m-1", 2, "arn:aws:sqs:ap-south-1:0:render"));

        assertThat(inSession(() -> Invoice.<Invoice>findById(invoice.id())).pdfKey).isEqualTo(key);
        BulkOperation done = inSession(() -> BulkOperation.<BulkOperation>findById(op));
        assertThat(done.processed).isEqualTo(1);
        assertThat(done.succeeded).isEqualTo(1);
        assertThat(done.status).isEqualTo(BulkOperation.Status.COMPLETED);
    }

    private static String unitStatus(long opId) {
        return inSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select status from bulk_operation_chunk where bulk_operation_id = :op", String.class)
                .setParameter("op", opId).getSingleResult()));
    }

    private static S3Config config() {
        return new S3Config() {
            public Optional<URI> endpoint() {
                return Optional.empty();
            }

            public String bucket() {
                return LocalCloudResource.DEFAULT_BUCKET;
            }

            public boolean pathStyle() {
                return true;
            }

            public Duration presignTtl() {
                return Duration.ofMinutes(15);
            }

            public long multipartThreshold() {
                return 8 * 1024 * 1024;
            }
        };
    }
}
