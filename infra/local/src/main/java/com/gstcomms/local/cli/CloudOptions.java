package com.gstcomms.local.cli;

import com.gstcomms.local.cloud.LocalCloudOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The options {@code up} and {@code demo} share. */
final class CloudOptions {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP API port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--console-port", defaultValue = "-1",
            description = "Console port (default: the API port + 1).")
    int consolePort;

    @Option(names = "--api-key", description = "OWNER API key of the local shop (default: a random one, printed).")
    String apiKey;

    @Option(names = "--fast-schedules", arity = "0..1", fallbackValue = "PT30S",
            description = "Fire every schedule this often (ISO-8601 duration, default PT30S when given) instead of "
                    + "at its cron/rate times.")
    Duration fastSchedules;

    @Option(names = "--warm", split = ",", description = "Functions to start at once (names, or * for all); "
            + "the others start on their first event, as Lambda does.")
    java.util.Set<String> warm = java.util.Set.of();

    LocalCloudOptions toOptions(Path root) {
        return LocalCloudOptions.defaults(root)
                .withPorts(port, consolePort < 0 ? (port == 0 ? 0 : port + 1) : consolePort)
                .withApiKey(apiKey)
                .withFastSchedules(fastSchedules)
                .withWarmFunctions(warm);
    }
}
