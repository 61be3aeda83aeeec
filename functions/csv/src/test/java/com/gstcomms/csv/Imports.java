package com.gstcomms.csv;

import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static io.restassured.RestAssured.given;

/**
 * What the tests do as the API and AWS would: create the shop and the bulk operation, put the file into
 * S3 (as the presigned PUT does), deliver events to the Lambda mock event server, read the queues. All
 * of it from outside the app (JDBC, the S3 and SQS clients of the local servers), so a test may use
 * {@link #outside()} instead of injecting this and then also runs against the packaged function
 * ({@link ImportUploadHandlerIT}); only {@link #split} calls into the app.
 */
@ApplicationScoped
class Imports {

    static final int MOCK_EVENT_SERVER = MockEventServer.port();

    private final SqsClient sqs = LocalServers.sqs().client();
    private final String bucket = appConfig("gstcomms.s3.bucket");
    private final ImportSplit split;

    @Inject
    Imports(ImportSplit split) {
        this.split = split;
    }

    /** Without the app's beans: everything but {@link #split}. */
    static Imports outside() {
        return new Imports(null);
    }

    private static Sql db() {
        return Sql.ofApp();
    }

    String bucket() {
        return bucket;
    }

    Shop shop(String stateCode, boolean pricesIncludeTax) {
        Shop shop = new Shop();
        shop.shopDomain = "csv-" + UUID.randomUUID() + ".myshopify.com";
        shop.legalName = "Chai Point Traders";
        shop.stateCode = stateCode;
        shop.pricesIncludeTax = pricesIncludeTax;
        shop.id = db().insert("shop", "shop_domain", shop.shopDomain, "legal_name", shop.legalName,
                "state_code", stateCode, "prices_include_tax", pricesIncludeTax);
        return shop;
    }

    BulkOperation operation(Shop shop, String type, String parameters) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = type;
        op.parameters = parameters;
        op.createdBy = "owner@" + shop.shopDomain;
        op.id = db().insert("bulk_operation", "shop_id", op.shopId, "type", type, "status", op.status.name(),
                "parameters", Sql.json(parameters), "created_by", op.createdBy);
        return op;
    }

    /** The operation as stored now (read with JDBC). */
    BulkOperation reload(BulkOperation op) {
        Map<String, Object> row = db().row("select * from bulk_operation where id = ?", op.id)
                .orElseThrow(() -> new AssertionError("no bulk operation " + op.id));
        BulkOperation back = new BulkOperation();
        back.id = op.id;
        back.shopId = ((Number) row.get("shop_id")).longValue();
        back.type = (String) row.get("type");
        back.status = BulkOperation.Status.valueOf((String) row.get("status"));
        back.total = (Integer) row.get("total");
        back.processed = (Integer) row.get("processed");
        back.succeeded = (Integer) row.get("succeeded");
        back.failed = (Integer) row.get("failed");
        back.inputKey = (String) row.get("input_key");
        back.outputKey = (String) row.get("output_key");
        back.errorReportKey = (String) row.get("error_report_key");
        back.errorSummary = (String) row.get("error_summary");
        back.parameters = (String) row.get("parameters");
        back.createdBy = (String) row.get("created_by");
        back.startedAt = Sql.time(row.get("started_at"));
        back.finishedAt = Sql.time(row.get("finished_at"));
        back.updatedAt = Sql.time(row.get("updated_at"));
        return back;
    }

    String sourceKey(BulkOperation op) {
        return new ImportKeys(op.shopId, op.id).source();
    }

    /** The upload through the presigned PUT: the file's bytes under the operation's source key. */
    long upload(BulkOperation op, byte[] content) {
        LocalServers.s3().client().putObject(b -> b.bucket(bucket).key(sourceKey(op)).contentType("text/csv"),
                RequestBody.fromBytes(content));
        return content.length;
    }

    long upload(BulkOperation op, String resource) {
        return upload(op, resource(resource));
    }

    static byte[] resource(String name) {
        try (InputStream in = Imports.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts an S3 ObjectCreated event for the operation's source to the mock event server (csv-split). */
    ValidatableResponse postUploadEvent(BulkOperation op, long size) {
        return given().port(MOCK_EVENT_SERVER).contentType(ContentType.JSON)
                .body(Events.s3ObjectCreated(bucket, sourceKey(op), size))
                .when().post().then().statusCode(200);
    }

    /** The split without the mock event server (for tests of the other entry points). */
    SplitOutcome split(BulkOperation op, long size) {
        if (split == null) {
            throw new IllegalStateException("the split runs in the app: inject Imports to use it");
        }
        return split.split(bucket, sourceKey(op), size);
    }

    /** Receives (and deletes) every message on a queue until {@code expected} have come or time is up. */
    List<Message> receive(String queueUrl, int expected) {
        List<Message> messages = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (messages.size() < expected && Instant.now().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (Message m : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            messages.addAll(batch);
        }
        return messages;
    }

    String chunkQueue() {
        return appConfig("gstcomms.queues.csv-chunk");
    }

    String renderQueue() {
        return appConfig("gstcomms.queues.render");
    }

    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    List<Message> chunkCommands(int expected) {
        return receive(chunkQueue(), expected);
    }

    /** Delivers chunk commands to the mock event server (csv-chunk) in batches of ten, as SQS would. */
    List<ValidatableResponse> deliverChunks(List<Message> messages, int receiveCount) {
        List<ValidatableResponse> responses = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += 10) {
            List<Message> batch = messages.subList(i, Math.min(i + 10, messages.size()));
            responses.add(given().port(MOCK_EVENT_SERVER).contentType(ContentType.JSON)
                    .body(Events.sqs(batch, queueName(chunkQueue()), receiveCount))
                    .when().post().then().statusCode(200));
        }
        return responses;
    }

    byte[] object(String key) {
        return LocalServers.s3().client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** An error report or export read back as rows of cells (header included). */
    List<List<String>> csv(String key) {
        try (var source = com.gstcomms.imports.CsvSource.open(new java.io.ByteArrayInputStream(object(key)),
                com.gstcomms.imports.ImportLimits.DEFAULTS)) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(source.header());
            for (com.gstcomms.imports.SourceRecord r; (r = source.next()) != null; ) {
                rows.add(List.of(r.values()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String key) {
        try {
            LocalServers.s3().client().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
