package com.gstcomms.testing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SqsServerTest {

    private final SqsServer sqs = LocalServers.sqs();
    private final SqsClient client = sqs.client();

    @Test
    void deliversASentMessageOnce() {
        String url = sqs.createQueue("send-receive");
        assertThat(url).startsWith("http://127.0.0.1:" + sqs.port() + "/");

        client.sendMessage(b -> b.queueUrl(url).messageBody("{\"invoiceId\":42}"));
        List<Message> received = client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();

        assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("{\"invoiceId\":42}"));
        client.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.getFirst().receiptHandle()));
        assertThat(client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void movesAMessageReceivedFiveTimesWithoutDeleteToTheDeadLetterQueue() {
        SqsServer.QueueWithDeadLetterQueue queues = sqs.createQueueWithDlq("redrive", 5,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        assertThat(sqs.queueArn(queues.deadLetterQueueUrl())).endsWith(":redrive-dlq");

        client.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("poison"));
        for (int receive = 1; receive <= 5; receive++) {
            List<Message> messages = client.receiveMessage(b -> b.queueUrl(queues.queueUrl())
                    .visibilityTimeout(0).waitTimeSeconds(2)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(messages).as("receive %d", receive).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
        }
        assertThat(client.receiveMessage(b -> b.queueUrl(queues.queueUrl()).waitTimeSeconds(1)).messages())
                .as("the sixth receive finds it gone").isEmpty();

        List<Message> dead = client.receiveMessage(b -> b.queueUrl(queues.deadLetterQueueUrl()).waitTimeSeconds(2))
                .messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
    }

    @Test
    void createsFifoQueuesWithAFifoDeadLetterQueue() {
        SqsServer.QueueWithDeadLetterQueue queues = sqs.createQueueWithDlq("bulk-chunks.fifo", 3);
        assertThat(queues.deadLetterQueueUrl()).endsWith("/bulk-chunks-dlq.fifo");

        client.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("chunk-1")
                .messageGroupId("merchant-7").messageDeduplicationId("chunk-1"));
        client.sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody("chunk-1")
                .messageGroupId("merchant-7").messageDeduplicationId("chunk-1"));

        List<Message> messages = client.receiveMessage(b -> b.queueUrl(queues.queueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertThat(messages).as("deduplicated").hasSize(1);
    }
}
