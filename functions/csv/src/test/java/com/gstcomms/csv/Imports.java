package com.gstcomms.csv;

import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.config.S3Config;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.storage.ObjectStore;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;

/**
 * What the tests do as the API and AWS would: create the shop and the bulk operation, put the file into
 * S3 (as the presigned PUT does), deliver events to the Lambda mock event server, read the queues.
 */
@ApplicationScoped
class Imports {

    static final int MOCK_EVENT_SERVER = 8185;

    private final ObjectStore store;
    private final SqsClient sqs;
    private final QueuesConfig queues;
    private final ImportSplit split;
    private final String bucket;

    Imports(ObjectStore store, SqsClient sqs, QueuesConfig queues, ImportSplit split, S3Config s3) {
        this.store = store;
        this.sqs = sqs;
        this.queues = queues;
        this.split = split;
        this.bucket = s3.bucket();
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
        inTransaction(shop::persist);
        return shop;
    }

    BulkOperation operation(Shop shop, String type, String parameters) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = type;
        op.parameters = parameters;
        op.createdBy = "owner@" + shop.shopDomain;
        inTransaction(op::persist);
        return op;
    }

    BulkOperation reload(BulkOperation op) {
        return inSession(() -> BulkOperation.<BulkOperation>findById(op.id));
    }

    String sourceKey(BulkOperation op) {
        return new ImportKeys(op.shopId, op.id).source();
    }

    /** The upload through the presigned PUT: the file's bytes under the operation's source key. */
    long upload(BulkOperation op, byte[] content) {
        store.put(sourceKey(op), content, "text/csv");
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
        return queues.csvChunk().orElseThrow();
    }

    String renderQueue() {
        return queues.render().orElseThrow();
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
        return store.getBytes(key);
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
        return store.head(key).isPresent();
    }
}
