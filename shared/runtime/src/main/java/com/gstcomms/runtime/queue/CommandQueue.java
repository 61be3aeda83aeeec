package com.gstcomms.runtime.queue;

import com.gstcomms.core.message.Command;

import java.time.Duration;
import java.util.List;

/**
 * Sends commands (small JSON messages with a type and version) to the queues that chain the functions.
 * One implementation over SQS ({@link SqsCommandQueue}), used in tests against a real local server.
 */
public interface CommandQueue {

    /** @return the queue's message id */
    String send(String queueUrl, Command command);

    /** Sends with a delivery delay (SQS allows at most 15 minutes). */
    String send(String queueUrl, Command command, Duration delay);

    /**
     * Sends many commands in batches of ten (the SQS limit), retrying entries the queue refused once;
     * throws if any still fail, naming how many. Batches already accepted stay queued: every consumer is
     * idempotent (docs/ARCHITECTURE.md "Idempotency and batches"), so the caller may simply send the whole list again.
     *
     * @return the message ids, in the order of the commands
     */
    List<String> sendAll(String queueUrl, List<? extends Command> commands);
}
