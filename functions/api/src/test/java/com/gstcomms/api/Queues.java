package com.gstcomms.api;

import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import com.gstcomms.testing.LocalServers;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

/** Reads what the API queued, from the real local SQS queues the app was configured with. */
public final class Queues {

    private Queues() {
    }

    public static String url(String name) {
        return ConfigProvider.getConfig().getValue("gstcomms.queues." + name, String.class);
    }

    /** Every command now waiting in the queue (received and deleted). */
    public static List<Command> drain(String name) {
        List<Command> commands = new ArrayList<>();
        String url = url(name);
        while (true) {
            List<Message> batch = LocalServers.sqs().client()
                    .receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return commands;
            }
            for (Message m : batch) {
                commands.add(Commands.fromJson(m.body()));
                LocalServers.sqs().client().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
