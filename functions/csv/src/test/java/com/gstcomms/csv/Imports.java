package com.gstcomms.csv;

import com.gstcomms.bulk.BulkRows;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.LocalServers;
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

    String bucket() {
        return bucket;
    }

    Shop shop(String stateCode, boolean pricesIncludeTax) {
        return BulkRows.shop(stateCode, pricesIncludeTax);
    }

    BulkOperation operation(Shop shop, String type, String parameters) {
        return BulkRows.operation(shop, type, parameters);
    }

    /** The operation as stored now (read with JDBC). */
    BulkOperation reload(BulkOperation op) {
        return BulkRows.reload(op);
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
