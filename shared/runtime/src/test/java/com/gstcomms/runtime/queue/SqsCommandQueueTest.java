package com.gstcomms.runtime.queue;

import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.ProcessCsvChunk;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command queue against a real SQS-compatible server (ElasticMQ, started by the test resource). */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class SqsCommandQueueTest {

    @Inject
    CommandQueue queue;

    @Inject
    SqsClient sqs;

    private static String name() {
        return "test-" + UUID.randomUUID();
    }

    private List<Message> receive(String url, int max, int visibilitySeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max)
                .visibilityTimeout(visibilitySeconds).waitTimeSeconds(1)).messages();
    }

    @Test
    void aSentCommandArrivesAsTheSameCommand() {
        String url = LocalServers.sqs().createQueue(name());
        var command = new ProcessCsvChunk(7L, 42L, 9L, "imports/7/42/chunks/3.csv", 3, "SHOPIFY_CUSTOMERS", "trace-7");

        queue.send(url, command);

        List<Message> messages = receive(url, 1, 30);
        assertThat(messages).hasSize(1);
        Command back = Commands.fromJson(messages.get(0).body());
        assertThat(back).isEqualTo(command);
    }

    @Test
    void sendsManyCommandsInBatchesOfTenAndLosesNone() {
        String url = LocalServers.sqs().createQueue(name());
        List<SendEmail> commands = LongStream.rangeClosed(1, 25).mapToObj(id -> new SendEmail(3L, id, null)).toList();

        List<String> ids = queue.sendAll(url, commands);

        assertThat(ids).hasSize(25).doesNotContainNull().doesNotHaveDuplicates();
        List<Long> received = new ArrayList<>();
        for (int i = 0; i < 10 && received.size() < 25; i++) {
            for (Message m : receive(url, 10, 60)) {
                received.add(((SendEmail) Commands.fromJson(m.body())).notificationId());
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void holdsADelayedCommandBackUntilItsTime() {
        String url = LocalServers.sqs().createQueue(name());
        queue.send(url, new SendWhatsApp(3L, 11L, "trace-1"), Duration.ofSeconds(2));
        assertThat(receive(url, 1, 30)).isEmpty();
        List<Message> later = new ArrayList<>();
        for (int i = 0; i < 5 && later.isEmpty(); i++) {
            later = receive(url, 1, 30);
        }
        assertThat(later).hasSize(1);
    }

    @Test
    void refusesADelayLongerThanSqsAllows() {
        String url = LocalServers.sqs().createQueue(name());
        assertThatThrownBy(() -> queue.send(url, new SendEmail(1L, 1L, null), Duration.ofMinutes(16)))
                .hasMessageContaining("15 minutes");
    }

    @Test
    void movesACommandThatFailsFiveTimesToTheDeadLetterQueue() throws Exception {
        var queues = LocalServers.sqs().createQueueWithDlq(name(), 5);
        queue.send(queues.queueUrl(), new SendEmail(5L, 99L, null));

        // A consumer that keeps failing: receives it, never deletes it, lets it become visible again.
        int receives = 0;
        for (int attempt = 0; attempt < 30 && receives < 5; attempt++) {
            List<Message> got = receive(queues.queueUrl(), 1, 1);
            if (!got.isEmpty()) {
                receives++;
            }
            Thread.sleep(1100);
        }
        assertThat(receives).isEqualTo(5);

        List<Message> sixth = receive(queues.queueUrl(), 1, 1);
        assertThat(sixth).as("the sixth receive finds the queue empty").isEmpty();
        List<Message> dead = receive(queues.deadLetterQueueUrl(), 1, 30);
        assertThat(dead).hasSize(1);
        assertThat(((SendEmail) Commands.fromJson(dead.get(0).body())).notificationId()).isEqualTo(99L);
    }
}
