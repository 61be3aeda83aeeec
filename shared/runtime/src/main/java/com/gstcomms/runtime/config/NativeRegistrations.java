package com.gstcomms.runtime.config;

import com.gstcomms.core.message.Channel;
import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.ProcessCsvChunk;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the SQS command records are (de)serialised by Jackson through reflection, and
 * shared/core may not depend on Quarkus, so they are registered here. Keep in step with
 * {@code Commands.REFLECTION_CLASSES} (a test checks it).
 *
 * <p>The AWS SDK clients of {@link AwsClients} (SQS, S3, KMS, Secrets Manager) need nothing here: sdk-core
 * and url-connection-client ship their native-image configuration (the {@code execution.interceptors}
 * resources, {@code --enable-url-protocols=https}), the service models marshal through generated
 * {@code SdkField}s without reflection, and each service's {@code SdkWarmUpProvider} is a plain
 * {@code META-INF/services} entry, which native-image includes by itself.
 */
@RegisterForReflection(targets = {
        Command.class, Channel.class,
        RenderInvoice.class, RenderLabels.class, SendEmail.class, SendWhatsApp.class, ProcessCsvChunk.class,
        RunReminders.class
})
public final class NativeRegistrations {
    private NativeRegistrations() {
    }
}
