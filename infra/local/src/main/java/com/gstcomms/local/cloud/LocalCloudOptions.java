package com.gstcomms.local.cloud;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How to run the local cloud.
 *
 * @param projectRoot         the clone (template.yaml, functions/*)
 * @param host                where the servers listen (127.0.0.1)
 * @param apiPort             the HTTP API (0 = any free port)
 * @param consolePort         the console page (0 = any free port)
 * @param apiKey              the OWNER key of the local shop; null = a random one
 * @param stateDirectory      logs, unpacked artifacts, the local master key ({@code .local-cloud})
 * @param ricDirectory        the Runtime Interface Client jars (infra/local/target/lambda-ric)
 * @param fastSchedules       fire every schedule this often instead of at its times; null = real times
 * @param visibilityTimeoutCap local queues' visibility timeout is min(template, this), so a failed message
 *                            comes back in seconds rather than minutes
 * @param retryDelay          after a failed invocation its records are visible again after this
 * @param callbackStep        the pause between a provider's successive statuses (processed, delivered, ...)
 * @param warmFunctions       functions started at once (besides those with HTTP routes); "*" = all
 * @param integrationTimeout  the HTTP API's wait for the function (API Gateway: 30 s)
 * @param extraEnvironment    variables set on every function over the template's (e.g. a short claim lease
 *                            for the fault test)
 */
public record LocalCloudOptions(Path projectRoot, String host, int apiPort, int consolePort, String apiKey,
                                Path stateDirectory, Path ricDirectory, Duration fastSchedules,
                                Duration visibilityTimeoutCap, Duration retryDelay, Duration callbackStep,
                                Set<String> warmFunctions, Duration integrationTimeout,
                                java.util.Map<String, String> extraEnvironment) {

    public static LocalCloudOptions defaults(Path projectRoot) {
        return new LocalCloudOptions(projectRoot, "127.0.0.1", 8080, 8081, null,
                projectRoot.resolve(".local-cloud"), projectRoot.resolve("infra/local/target/lambda-ric"), null,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Set.of(),
                Duration.ofSeconds(30), java.util.Map.of());
    }

    public LocalCloudOptions withPorts(int api, int console) {
        return new LocalCloudOptions(projectRoot, host, api, console, apiKey, stateDirectory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withApiKey(String key) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, key, stateDirectory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withStateDirectory(Path directory) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, directory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withRicDirectory(Path directory) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, directory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withFastSchedules(Duration period) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, ricDirectory,
                period, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withVisibilityTimeoutCap(Duration cap) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, ricDirectory,
                fastSchedules, cap, retryDelay, callbackStep, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withCallbackStep(Duration step) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, step, warmFunctions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withWarmFunctions(Set<String> functions) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, functions, integrationTimeout, extraEnvironment);
    }

    public LocalCloudOptions withIntegrationTimeout(Duration timeout) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, timeout, extraEnvironment);
    }

    public LocalCloudOptions withExtraEnvironment(java.util.Map<String, String> environment) {
        return new LocalCloudOptions(projectRoot, host, apiPort, consolePort, apiKey, stateDirectory, ricDirectory,
                fastSchedules, visibilityTimeoutCap, retryDelay, callbackStep, warmFunctions, integrationTimeout,
                java.util.Map.copyOf(environment));
    }

    @Override
    public String toString() {
        // Never the API key.
        return "LocalCloudOptions[" + projectRoot + ", api " + host + ":" + apiPort + ", console " + consolePort + "]";
    }
}
