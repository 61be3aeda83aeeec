package com.gstcomms.testing;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.HashMap;
import java.util.Map;

/**
 * ElasticMQ in this JVM: SQS over the JSON protocol the current AWS SDK speaks, on 127.0.0.1.
 *
 * <p>Queue ARNs carry ElasticMQ's own region ({@code elasticmq}), so redrive policies are built from
 * the {@code QueueArn} attribute the server reports, never from a hand-made ARN. ElasticMQ has no
 * event-source mapping: something in the test must poll.
 */
public final class SqsServer implements AutoCloseable, LocalAwsEndpoint {

    static final String SHARED_PORT_PROPERTY = "gst-comms-testing.sqs.port";

    private final int port;
    private final SQSRestServer owned;   // null when attached to one another class loader started
    private final SqsClient client;

    private SqsServer(int port, SQSRestServer owned) {
        this.port = port;
        this.owned = owned;
        this.client = SqsClient.builder()
                .endpointOverride(endpoint())
                .region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static SqsServer startOrAttach() {
        Integer shared = Integer.getInteger(SHARED_PORT_PROPERTY);
        if (shared != null && Loopback.accepts(shared)) {
            StartupLog.info("reusing ElasticMQ on port " + shared + " started by another class loader");
            return new SqsServer(shared, null);
        }
        SqsServer started = start();
        System.setProperty(SHARED_PORT_PROPERTY, Integer.toString(started.port));
        return started;
    }

    /**
     * Pekko HTTP (ElasticMQ's server) parses known headers into models; the AWS SDK's User-Agent and
     * Authorization values fail that parse on every request, and each failure is re-run with tracing to
     * build a warning, several exceptions per SQS call. ElasticMQ reads the headers it needs raw, so raw is
     * all it gets: a third of the stand-in's CPU under load, which tests on two cores share with the code
     * they measure. Read by Pekko's configuration loader (system properties override reference.conf).
     */
    static final String PEKKO_MODELED_HEADERS = "pekko.http.server.parsing.modeled-header-parsing";

    private static SqsServer start() {
        if (System.getProperty(PEKKO_MODELED_HEADERS) == null) {
            System.setProperty(PEKKO_MODELED_HEADERS, "off");
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            // The port goes into the queue URLs ElasticMQ hands out, so it is chosen before binding.
            int port = Loopback.freePort();
            SQSRestServer server = SQSRestServerBuilder
                    .withInterface(Loopback.HOST)
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", Loopback.HOST, port, ""))
                    .start();
            try {
                server.waitUntilStarted();
                return new SqsServer(port, server);
            } catch (RuntimeException e) {
                last = e;
                server.stopAndWait();
            }
        }
        throw new IllegalStateException("could not start ElasticMQ", last);
    }

    @Override
    public int port() {
        return port;
    }

    /** A client for this server, shared; do not close it. */
    public SqsClient client() {
        return client;
    }

    /** Creates the queue (or returns the URL of the one that exists). A {@code .fifo} name makes a FIFO queue. */
    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        if (name.endsWith(".fifo")) {
            all.putIfAbsent(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return client.createQueue(CreateQueueRequest.builder().queueName(name).attributes(all).build()).queueUrl();
    }

    /**
     * Creates {@code name} and its dead-letter queue {@code name-dlq} (before {@code .fifo}); after
     * {@code maxReceiveCount} receives without a delete a message moves to the dead-letter queue.
     */
    public QueueWithDeadLetterQueue createQueueWithDlq(String name, int maxReceiveCount) {
        return createQueueWithDlq(name, maxReceiveCount, Map.of());
    }

    public QueueWithDeadLetterQueue createQueueWithDlq(String name, int maxReceiveCount,
                                                       Map<QueueAttributeName, String> attributes) {
        String dlqName = name.endsWith(".fifo")
                ? name.substring(0, name.length() - ".fifo".length()) + "-dlq.fifo"
                : name + "-dlq";
        String dlqUrl = createQueue(dlqName);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + queueArn(dlqUrl) + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        all.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy);
        String url = createQueue(name, all);
        return new QueueWithDeadLetterQueue(url, dlqUrl);
    }

    /** The ARN ElasticMQ reports for a queue (region {@code elasticmq} unless configured otherwise). */
    public String queueArn(String queueUrl) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void close() {
        client.close();
        if (owned != null) {
            owned.stopAndWait();
            if (Integer.toString(port).equals(System.getProperty(SHARED_PORT_PROPERTY))) {
                System.clearProperty(SHARED_PORT_PROPERTY);
            }
        }
    }

    @Override
    public String toString() {
        return "ElasticMQ on " + endpoint();
    }

    /** The URLs of a queue and of the dead-letter queue its redrive policy points at. */
    public record QueueWithDeadLetterQueue(String queueUrl, String deadLetterQueueUrl) {
    }
}
