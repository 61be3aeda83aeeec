package com.gstcomms.runtime.queue;

import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link CommandQueue} over SQS (or an SQS-compatible server through the endpoint override). */
@ApplicationScoped
public class SqsCommandQueue implements CommandQueue {

    static final int MAX_BATCH = 10;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;

    public SqsCommandQueue(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public String send(String queueUrl, Command command) {
        return send(queueUrl, command, Duration.ZERO);
    }

    @Override
    public String send(String queueUrl, Command command, Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("SQS delay must be between 0 and 15 minutes, was " + delay);
        }
        return sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(Commands.toJson(command))
                .delaySeconds((int) delay.toSeconds())).messageId();
    }

    @Override
    public List<String> sendAll(String queueUrl, List<? extends Command> commands) {
        String[] ids = new String[commands.size()];
        for (int start = 0; start < commands.size(); start += MAX_BATCH) {
            Map<String, SendMessageBatchRequestEntry> pending = new HashMap<>();
            for (int i = start; i < Math.min(start + MAX_BATCH, commands.size()); i++) {
                String entryId = Integer.toString(i);
                pending.put(entryId, SendMessageBatchRequestEntry.builder()
                        .id(entryId).messageBody(Commands.toJson(commands.get(i))).build());
            }
            for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
                SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl)
                        .entries(new ArrayList<>(pending.values())));
                response.successful().forEach(ok -> {
                    ids[Integer.parseInt(ok.id())] = ok.messageId();
                    pending.remove(ok.id());
                });
                // Entries the sender caused (malformed) will not succeed on retry.
                if (response.failed().stream().anyMatch(f -> Boolean.TRUE.equals(f.senderFault()))) {
                    break;
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException(pending.size() + " of " + commands.size()
                        + " commands could not be queued to " + queueUrl);
            }
        }
        return List.of(ids);
    }
}
