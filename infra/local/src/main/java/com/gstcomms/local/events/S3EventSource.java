package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.local.lambda.InvocationResult;
import com.gstcomms.local.lambda.LocalFunction;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The S3 ObjectCreated notification of one S3 event of the template. s3proxy sends no bucket
 * notifications, so the local cloud lists the watched prefix every {@code pollMillis} and invokes the
 * function for each new or rewritten object whose key matches the filter, with the event S3 would send
 * (keys URL-encoded as S3 does). Like S3's asynchronous invocation, a failed invocation is retried twice
 * (here after 2 and 4 seconds; AWS waits about 1 and 2 minutes). Objects present when the watch starts do
 * not fire.
 */
public final class S3EventSource implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final int RETRIES = 2;

    private final String id;
    private final LocalFunction function;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String suffix;
    private final String region;
    private final Consumer<String> log;
    private final Map<String, String> seen = new HashMap<>();   // key -> eTag
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);
    private volatile boolean running = true;
    private final Thread watcher;

    public S3EventSource(String id, LocalFunction function, S3Client s3, String bucket, String prefix, String suffix,
                         String region, long pollMillis, Consumer<String> log) {
        this.id = id;
        this.function = function;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.suffix = suffix == null ? "" : suffix;
        this.region = region;
        this.log = log;
        scan(false);
        this.watcher = Thread.ofPlatform().daemon().name("s3-" + id).start(() -> {
            while (running) {
                try {
                    Thread.sleep(pollMillis);
                    scan(true);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (running) {
                        log.accept(id + ": listing s3://" + bucket + "/" + this.prefix + " failed: " + e.getMessage());
                    }
                }
            }
        });
    }

    public String id() {
        return id;
    }

    public String description() {
        return "s3://" + bucket + "/" + prefix + "*" + suffix;
    }

    public long events() {
        return events.get();
    }

    private void scan(boolean fire) {
        var pages = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix));
        for (S3Object object : pages.contents()) {
            if (!object.key().endsWith(suffix)) {
                continue;
            }
            String previous = seen.put(object.key(), object.eTag());
            if (fire && !object.eTag().equals(previous)) {
                events.incrementAndGet();
                Thread.ofVirtual().start(() -> deliver(object));
            }
        }
    }

    private void deliver(S3Object object) {
        byte[] event = event(object);
        String source = "S3 ObjectCreated:Put " + object.key();
        for (int attempt = 0; attempt <= RETRIES && running; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(2000L << (attempt - 1));
                } catch (InterruptedException e) {
                    return;
                }
            }
            InvocationResult result = function.invoke(source, event).join();
            if (result.ok()) {
                return;
            }
            log.accept(id + ": " + source + " failed (attempt " + (attempt + 1) + " of " + (RETRIES + 1) + "): "
                    + result.summary());
        }
    }

    /** The notification as S3 sends it (see functions/csv/src/test/resources/events/s3-object-created.json). */
    byte[] event(S3Object object) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:LOCALCLOUD");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(
                UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), 0, 8));
        response.put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", id);
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", "LOCALCLOUD");
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode objectNode = s3.putObject("object");
        objectNode.put("key", urlEncodedKey(object.key()));
        objectNode.put("size", object.size());
        objectNode.put("eTag", object.eTag().replace("\"", ""));
        objectNode.put("sequencer", Long.toHexString(sequencer.incrementAndGet()).toUpperCase());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** S3 notifications carry the key URL-encoded (a space as '+'); '/' stays as it is. */
    static String urlEncodedKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
    }
}
