package com.gstcomms.local.events;

import com.gstcomms.local.lambda.Artifacts;
import com.gstcomms.local.lambda.InvocationResult;
import com.gstcomms.local.lambda.LocalFunction;
import com.gstcomms.local.lambda.TestFunctions;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SqsServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SQS event source against real ElasticMQ and a real function process: batches, partial batch
 * failures (AWS rules for the batchItemFailures answer), the dead-letter queue after 5 receives, and a
 * batch whose process died coming back.
 */
class SqsEventSourceTest {

    static Vertx vertx;
    static SqsServer sqs;
    static final Path RIC = Path.of(System.getProperty("gstcomms.lambda-ric.dir", "target/lambda-ric"));

    @TempDir
    Path root;
    final TestFunctions.Lines log = new TestFunctions.Lines();
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        sqs = LocalServers.sqs();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    record Wired(SqsEventSource source, LocalFunction function, SqsServer.QueueWithDeadLetterQueue queue) {
    }

    Wired wire(int batchSize) throws Exception {
        String name = "work-" + UUID.randomUUID().toString().substring(0, 8);
        SqsServer.QueueWithDeadLetterQueue queue = sqs.createQueueWithDlq(name, 5,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        TestFunctions.packageEcho(root, "functions/" + name);
        LocalFunction function = new LocalFunction(TestFunctions.echoSpec(root, name, "functions/" + name, 10, Map.of()),
                vertx, new Artifacts(root.resolve("artifacts")), RIC, root.resolve("logs"), "ap-south-1",
                "000000000000", log);
        SqsEventSource source = new SqsEventSource(name, function, sqs.client(), queue.queueUrl(),
                sqs.queueArn(queue.queueUrl()), "ap-south-1", batchSize, Duration.ZERO, true, Duration.ofSeconds(1), log);
        open.add(source);
        open.add(function::stop);
        return new Wired(source, function, queue);
    }

    void send(String queueUrl, String... bodies) {
        for (String body : bodies) {
            sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
    }

    static long depth(String queueUrl) {
        var attributes = sqs.client().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void deletesWhatTheFunctionDidNotReportAndSendsThePoisonMessageToTheDlqAfterFiveReceives() throws Exception {
        Wired w = wire(10);

        send(w.queue().queueUrl(), "ok-1", "poison pill", "ok-2");

        await().atMost(Duration.ofSeconds(60)).until(() -> depth(w.queue().queueUrl()) == 0
                && depth(w.queue().deadLetterQueueUrl()) == 1);
        List<Message> dead = sqs.client().receiveMessage(b -> b.queueUrl(w.queue().deadLetterQueueUrl())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison pill"));
        assertThat(w.source().deleted()).isEqualTo(2);
        // The poison message was handed to the function 5 times (maxReceiveCount), then moved.
        assertThat(w.source().retried()).isEqualTo(5);
    }

    @Test
    void retriesTheWholeBatchWhenTheProcessDiesAndLosesNothing() throws Exception {
        Wired w = wire(10);

        send(w.queue().queueUrl(), "a", "crash-once", "b");

        await().atMost(Duration.ofSeconds(60)).until(() -> depth(w.queue().queueUrl()) == 0);
        assertThat(depth(w.queue().deadLetterQueueUrl())).isZero();
        assertThat(w.source().deleted()).isEqualTo(3);
        assertThat(w.function().statistics().recent()).anyMatch(r -> !r.ok()
                && r.outcome().contains("Runtime exited with error: exit status 3"));
        assertThat(log.all()).anyMatch(l -> l.contains("record(s) of") && l.contains("will be retried"));
    }

    @Test
    void buildsTheEventAsLambdaDoes() throws Exception {
        Wired w = wire(1);
        w.source().close();   // only the event shape is looked at here
        send(w.queue().queueUrl(), "{\"type\":\"send-email\",\"version\":1}");
        List<Message> messages = sqs.client().receiveMessage(b -> b.queueUrl(w.queue().queueUrl())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();

        String event = new String(w.source().sqsEvent(messages), StandardCharsets.UTF_8);

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(event);
        var record = json.path("Records").path(0);
        assertThat(record.path("messageId").asText()).isEqualTo(messages.getFirst().messageId());
        assertThat(record.path("body").asText()).isEqualTo("{\"type\":\"send-email\",\"version\":1}");
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.path("attributes").has("SentTimestamp")).isTrue();
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).endsWith(":" + w.source().queueName());
        assertThat(record.path("awsRegion").asText()).isEqualTo("ap-south-1");
        assertThat(record.path("md5OfBody").asText()).hasSize(32);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty answer deletes all                         |                                                      |
            null batchItemFailures deletes all                  | {"batchItemFailures":null}                           |
            an empty list deletes all                           | {"batchItemFailures":[]}                             |
            a listed record stays                               | {"batchItemFailures":[{"itemIdentifier":"m2"}]}       | m2
            two listed records stay                             | {"batchItemFailures":[{"itemIdentifier":"m1"},{"itemIdentifier":"m3"}]} | m1 m3
            an unknown itemIdentifier fails the whole batch     | {"batchItemFailures":[{"itemIdentifier":"nope"}]}     | m1 m2 m3
            an empty itemIdentifier fails the whole batch       | {"batchItemFailures":[{"itemIdentifier":""}]}         | m1 m2 m3
            a wrong key name fails the whole batch              | {"batchItemFailures":[{"id":"m1"}]}                   | m1 m2 m3
            an answer that is not JSON fails the whole batch    | oops                                                 | m1 m2 m3
            """)
    void keepsOnTheQueueWhatAwsWouldKeep(String rule, String answer, String kept) {
        List<Message> batch = List.of(message("m1"), message("m2"), message("m3"));
        byte[] body = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);

        Set<String> failed = SqsEventSource.failedIds(batch, new InvocationResult.Response(body, 1));

        assertThat(failed).as(rule).containsExactlyInAnyOrderElementsOf(
                kept == null ? List.of() : Arrays.asList(kept.trim().split(" ")));
    }

    @Test
    void keepsTheWholeBatchWhenTheInvocationFailed() {
        List<Message> batch = List.of(message("m1"), message("m2"));

        Set<String> failed = SqsEventSource.failedIds(batch, new InvocationResult.Failure(
                InvocationResult.Kind.RUNTIME_EXITED, "killed", 1));

        assertThat(failed).containsExactlyInAnyOrder("m1", "m2");
    }

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("r-" + id).body("{}").build();
    }
}
