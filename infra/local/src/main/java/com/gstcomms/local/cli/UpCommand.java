package com.gstcomms.local.cli;

import com.gstcomms.local.cloud.LocalCloud;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code gstcomms up}: start the local cloud and keep it running until Ctrl-C. */
@Command(name = "up", description = "Start the local cloud (servers, queues, functions, console) and keep it running.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    CloudOptions cloudOptions;

    @Override
    public Integer call() throws Exception {
        LocalCloud cloud = CloudRun.start(cloudOptions.toOptions(GstComms.projectRoot()));
        CloudRun.printWhereToLook(cloud);
        CloudRun.waitForCtrlC(cloud);
        return 0;
    }
}
