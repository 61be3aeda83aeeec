package com.gstcomms.csv;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.testing.GeneratedCsv;
import com.gstcomms.testing.PostgresServer;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * 100,000 generated Shopify customers imported end to end — split through the csv-split entry point of
 * the mock event server, chunk commands taken from the real SQS queue by {@code bench.workers} workers (default 2, one per core of this machine) (each
 * standing for one chunk Lambda) through the csv-chunk handler, rows upserted into PostgreSQL — in a test
 * JVM capped at -Xmx256m; then PostgreSQL COPY of the same rows into a scratch table as the baseline.
 * Runs only with {@code -Pbench}; prints rows/s and the ratio.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(BenchProfile.class)
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class CustomerImportBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 100_000);
    static final int WORKERS = Integer.getInteger("bench.workers", 2);
    static final String HEADER = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
            + "Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,"
            + "Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,"
            + "Total Spent,Total Orders,Note,Tax Exempt,Tags\r\n";
    private static final String[] FIRST = {"Aarav", "सुनीता", "Zoë", "Priya", "Rohan", "अमित", "Meera", "Łukasz"};
    private static final String[] LAST = {"Sharma", "वर्मा", "Iyer", "D'Souza", "Khan", "Reddy"};
    private static final String[][] PLACES = {{"Pune", "MH", "411001"}, {"Bengaluru", "KA", "560001"},
            {"Chennai", "TN", "600001"}, {"New Delhi", "DL", "110001"}, {"Hyderabad", "TS", "500001"}};

    @Inject
    Imports imports;

    @Inject
    ObjectStore store;

    @Inject
    SqsClient sqs;

    @Inject
    ChunkQueueHandler chunkHandler;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    static String row(int i) {
        String[] place = PLACES[i % PLACES.length];
        return String.format(Locale.ROOT, "'%d,%s,%s,customer%d@example.in,%s,,\"%d, MG Road\",,%s,%s,IN,%s,+9198%08d,"
                        + "+9198%08d,no,%d.%02d,%d,,no,\"vip, batch-%d\"\r\n",
                7_100_000_000_000L + i, FIRST[i % FIRST.length], LAST[i % LAST.length], i, i % 3 == 0 ? "yes" : "no",
                i % 1000, place[0], place[1], place[2], i, i, i % 90_000, i % 100, i % 40, i % 10);
    }

    @Test
    void importsOneHundredThousandCustomersEndToEndAgainstCopy() throws Exception {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        long size = store.put(imports.sourceKey(op), new GeneratedCsv("\uFEFF" + HEADER, ROWS, CustomerImportBenchmark::row),
                "text/csv");
        String queueUrl = imports.chunkQueue();
        String arn = "arn:aws:sqs:ap-south-1:000000000000:" + Imports.queueName(queueUrl);
        System.gc();

        long start = System.nanoTime();
        imports.postUploadEvent(op, size).body("items[0].status", equalTo("SPLIT"));
        long splitNanos = System.nanoTime() - start;
        AtomicInteger failures = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            running.add(workers.submit(() -> {
                while (true) {
                    // Batch size 1, as template.yaml should map the chunk queue: a chunk is 1,000 rows of work,
                    // and SQS scales the function out by messages, not batches.
                    List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                            .waitTimeSeconds(0)).messages();
                    if (batch.isEmpty()) {
                        if (imports.reload(op).status.finished()) {
                            return null;
                        }
                        Thread.sleep(20);
                        continue;
                    }
                    SQSBatchResponse response = chunkHandler.handleRequest(event(batch, arn), null);
                    failures.addAndGet(response.getBatchItemFailures().size());
                    for (Message m : batch) {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long importNanos = System.nanoTime() - start;
        workers.shutdown();

        BulkOperation done = imports.reload(op);
        assertThat(failures.get()).isZero();
        assertThat(done.status).isEqualTo(BulkOperation.Status.COMPLETED);
        assertThat(done.succeeded).isEqualTo(ROWS);
        assertThat(inSession(() -> Customer.count("shopId", shop.id))).isEqualTo((long) ROWS);

        long copyNanos;
        try (Connection c = PostgresServer.connectTo(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("create table bench_copy (customer_id text, first_name text, last_name text, email text, "
                    + "accepts_email text, company text, address1 text, address2 text, city text, province text, "
                    + "country text, zip text, address_phone text, phone text, accepts_sms text, total_spent text, "
                    + "total_orders text, note text, tax_exempt text, tags text)");
            long copyStart = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy bench_copy from stdin with (format csv, header true, encoding 'UTF8')",
                    (InputStream) new GeneratedCsv("\uFEFF" + HEADER, ROWS, CustomerImportBenchmark::row));
            copyNanos = System.nanoTime() - copyStart;
            assertThat(copied).isEqualTo(ROWS);
            s.execute("drop table bench_copy");
        }

        double importRate = ROWS / (importNanos / 1e9);
        double copyRate = ROWS / (copyNanos / 1e9);
        System.out.printf(Locale.ROOT, """

                === csv import benchmark: %,d Shopify customer rows, %.1f MB, -Xmx%d MB, %d chunk workers ===
                split (stream from S3, %d chunks to S3, commands queued): %6.2f s
                end to end (split + chunks + upsert):                    %6.2f s  %,10.0f rows/s
                PostgreSQL COPY of the same rows into a scratch table:   %6.2f s  %,10.0f rows/s
                import time / COPY time:                                 %6.2f x
                %n""", ROWS, size / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024), WORKERS,
                done.total / 1000, splitNanos / 1e9, importNanos / 1e9, importRate, copyNanos / 1e9, copyRate,
                (double) importNanos / copyNanos);
    }

    private static SQSEvent event(List<Message> batch, String arn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : batch) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(arn);
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
