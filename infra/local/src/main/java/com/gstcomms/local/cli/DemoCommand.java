package com.gstcomms.local.cli;

import com.gstcomms.local.cloud.LocalCloud;
import com.gstcomms.local.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code gstcomms demo}: {@code up}, the demo with a progress bar per stage, a summary, then stay up. */
@Command(name = "demo", description = "Start the local cloud and run the demo: imports, invoices, PDFs, email and "
        + "WhatsApp delivery, receipts back through the webhooks; then stay up until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CloudOptions cloudOptions;

    @Option(names = "--exit", description = "Stop after the summary instead of staying up.")
    boolean exit;

    @Option(names = "--stage-timeout", defaultValue = "PT3M",
            description = "Longest wait for one stage (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration stageTimeout;

    @Override
    public Integer call() throws Exception {
        LocalCloud cloud = CloudRun.start(cloudOptions.toOptions(GstComms.projectRoot()));
        Demo.Summary summary = new Demo(cloud, CloudRun.OUT, System.console() != null, stageTimeout).run();
        if (exit) {
            cloud.close();
            return summary.clean() ? 0 : 1;
        }
        CloudRun.printWhereToLook(cloud);
        CloudRun.waitForCtrlC(cloud);
        return 0;
    }
}
