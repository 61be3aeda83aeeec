package com.gstcomms.local.lambda;

import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A function of the template as the local cloud runs it: its deployed artifact
 * ({@code functions/x/target/function.zip}) started on demand as its own process behind a local Lambda
 * Runtime API, one execution environment at a time. Invocations wait in line while it starts (a cold
 * start) or is busy. A process that dies (crash, kill -9) fails what it was running and is started again;
 * one that runs past the function's Timeout is killed, as Lambda does. A function whose zip does not
 * exist yet answers every invocation with "not built" until the zip appears.
 */
public final class LocalFunction {

    /** How many invocations the console keeps per function. */
    static final int RECENT = 100;
    private static final Duration MAX_INIT_BACKOFF = Duration.ofSeconds(30);

    private final FunctionSpec spec;
    private final Vertx vertx;
    private final Artifacts artifacts;
    private final Path ricDirectory;
    private final Path logFile;
    private final String functionArn;
    private final Consumer<String> log;

    // guarded by this
    private final Deque<Invocation> pending = new ArrayDeque<>();
    private FunctionInstance instance;
    private boolean starting;
    private boolean warm;
    private boolean stopped;
    private long instanceIds;
    private int consecutiveInitFailures;
    private Instant noStartBefore = Instant.EPOCH;
    private String lastInitFailure;

    // guarded by stats
    private final Object stats = new Object();
    private final Deque<InvocationRecord> recent = new ArrayDeque<>();
    private final List<ColdStart> coldStarts = new ArrayList<>();
    private long invocations;
    private long failures;
    private long restarts;

    public LocalFunction(FunctionSpec spec, Vertx vertx, Artifacts artifacts, Path ricDirectory, Path logDirectory,
                         String region, String accountId, Consumer<String> log) {
        this.spec = spec;
        this.vertx = vertx;
        this.artifacts = artifacts;
        this.ricDirectory = ricDirectory;
        this.logFile = logDirectory.resolve(spec.name() + ".log");
        this.functionArn = "arn:aws:lambda:" + region + ":" + accountId + ":function:" + spec.name();
        this.log = log;
    }

    public FunctionSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether the deployed artifact exists (checked each time: a build may land while the cloud runs). */
    public boolean built() {
        return Files.isRegularFile(spec.codeFile());
    }

    /** Hands an event to the function; the future completes with its answer or the reason there is none. */
    public CompletableFuture<InvocationResult> invoke(String source, byte[] payload) {
        Invocation invocation = new Invocation(spec.name(), source, payload);
        // Callers get a stage that completes after the invocation is recorded (console, statistics).
        CompletableFuture<InvocationResult> recorded = invocation.result()
                .whenComplete((result, error) -> record(invocation, result));
        if (!built()) {
            invocation.complete(new InvocationResult.Failure(InvocationResult.Kind.NOT_BUILT,
                    spec.modulePath() + "/target/function.zip does not exist: build it with ./mvnw -pl "
                            + spec.modulePath() + " -am package -DskipTests", 0));
            return recorded;
        }
        boolean start;
        Runnable send;
        synchronized (this) {
            if (stopped) {
                invocation.complete(new InvocationResult.Failure(InvocationResult.Kind.SHUT_DOWN,
                        "the local cloud is stopping", 0));
                return recorded;
            }
            if (instance == null && !starting && Instant.now().isBefore(noStartBefore)) {
                invocation.complete(new InvocationResult.Failure(InvocationResult.Kind.INIT_FAILED,
                        "not started again before " + noStartBefore + " after init failures: " + lastInitFailure, 0));
                return recorded;
            }
            pending.add(invocation);
            send = dispatch();
            start = claimStart();
        }
        if (send != null) {
            send.run();
        }
        if (start) {
            startInstance();
        }
        return recorded;
    }

    /** Starts an execution environment now (the api function at {@code up}), if built and none runs. */
    public void startEagerly() {
        boolean start;
        synchronized (this) {
            warm = true;
            start = built() && claimStart();
        }
        if (start) {
            startInstance();
        }
    }

    /** The pid of the running function process, for the console and the fault test. */
    public synchronized Optional<Long> pid() {
        return instance == null ? Optional.empty() : instance.pid();
    }

    /** Whether an invocation is running right now. */
    public synchronized boolean busy() {
        return instance != null && instance.current() != null;
    }

    public synchronized String state() {
        if (!built()) {
            return "not built";
        }
        if (instance == null) {
            return starting ? "starting" : (lastInitFailure != null && consecutiveInitFailures > 0
                    ? "init failed" : "stopped");
        }
        return switch (instance.state()) {
            case STARTING -> "starting";
            case IDLE -> "idle";
            case BUSY -> "busy";
            case EXITED -> "exited";
        };
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized String lastInitFailure() {
        return lastInitFailure;
    }

    /** Stops the process and fails whatever is waiting. */
    public void stop() {
        List<Invocation> waiting;
        FunctionInstance running;
        synchronized (this) {
            stopped = true;
            waiting = new ArrayList<>(pending);
            pending.clear();
            running = instance;
        }
        for (Invocation invocation : waiting) {
            invocation.complete(new InvocationResult.Failure(InvocationResult.Kind.SHUT_DOWN,
                    "the local cloud is stopping", 0));
        }
        if (running != null) {
            running.kill();
        }
    }

    // ---- instance lifecycle ----

    /** Caller holds the monitor. True when this caller must start an instance. */
    private boolean claimStart() {
        if (instance != null || starting || stopped || pending.isEmpty() && !warm) {
            return false;
        }
        starting = true;
        return true;
    }

    private void startInstance() {
        FunctionInstance created = null;
        try {
            Path task = artifacts.unpacked(spec.codeFile());
            long id;
            synchronized (this) {
                id = ++instanceIds;
            }
            created = new FunctionInstance(this, id, vertx);
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "==== " + Instant.now() + " " + spec.name() + " execution environment " + id
                            + " starting (" + (Artifacts.isNative(task) ? "native" : "JVM") + ", " + task + ")\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            synchronized (this) {
                instance = created;
                starting = false;
            }
            created.launch(command(task), task, environment(task), logFile);
        } catch (IOException | RuntimeException e) {
            List<Invocation> failed;
            synchronized (this) {
                if (instance == created) {
                    instance = null;
                }
                starting = false;
                failed = initFailed("could not start: " + e.getMessage());
            }
            log.accept(spec.name() + ": init failed: could not start: " + e.getMessage());
            failAll(failed, "could not start " + spec.name() + ": " + e.getMessage());
        }
    }

    private List<String> command(Path task) {
        List<String> java;
        if (Artifacts.isNative(task)) {
            java = List.of(task.resolve("bootstrap").toString());
        } else {
            int heap = Math.max(128, Math.min(spec.memoryMb(), 2048) * 3 / 4);
            // What the java21 managed runtime runs: the Runtime Interface Client on the system class path,
            // the function's /var/task (here: the unpacked zip, the working directory) loaded by it.
            List<String> jvm = new ArrayList<>(List.of(javaCommand(),
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx" + heap + "m", "-Xshare:auto"));
            // The runner's manifest asks for these (Quarkus' Add-Opens); a JVM newer than Lambda's java21
            // refuses jboss-threads without them. java -jar would apply them; a class path does not.
            for (String module : Artifacts.addOpens(task)) {
                jvm.add("--add-opens=" + module + "=ALL-UNNAMED");
            }
            jvm.addAll(List.of("-cp", ricDirectory.toAbsolutePath() + "/*",
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    spec.handler()));
            java = jvm;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Its own session: Ctrl-C in the terminal reaches the local cloud, which stops the functions
            // in order, instead of killing every function process at the same moment.
            command.add("/usr/bin/setsid");
        }
        if (Files.isExecutable(Path.of("/bin/sh"))) {
            // A watchdog: if the local cloud dies without its shutdown hooks, the function follows it
            // within a second; `wait` passes the function's exit status (137 for kill -9) on at once.
            command.addAll(List.of("/bin/sh", "-c",
                    "\"$@\" & child=$!; "
                            + "(while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 $child "
                            + "2>/dev/null; do sleep 1; done; kill -9 $child 2>/dev/null) & "
                            + "wait $child",
                    spec.name()));
        }
        command.addAll(java);
        return command;
    }

    private Map<String, String> environment(Path task) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", task.toString());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", Artifacts.isNative(task) ? "AWS_Lambda_provided.al2023" : "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + spec.name());
        env.putAll(spec.environment());
        return env;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Path.of(c)) && c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    // ---- called by instances (monitor rules as noted) ----

    /**
     * The instance's /next is parked: the action that hands it work, if any (caller holds the monitor and
     * runs the action after releasing it).
     */
    Runnable instanceWaiting(FunctionInstance waiting) {
        return instance == waiting ? dispatch() : null;
    }

    /** Caller holds the monitor and runs the returned action (the Runtime API answer) after releasing it. */
    private Runnable dispatch() {
        if (instance != null && instance.waiting() && !pending.isEmpty()) {
            return instance.assign(pending.poll(), functionArn);
        }
        return null;
    }

    void coldStartMeasured(FunctionInstance started) {
        ColdStart coldStart = new ColdStart(started.id(), started.startedAt(), started.initMillis(),
                started.firstResponseMillis());
        synchronized (stats) {
            coldStarts.add(coldStart);
        }
        log.accept(String.format("%s: JVM start to first response %,d ms (init %,d ms + first invocation %,d ms)",
                spec.name(), coldStart.firstResponseMillis(), coldStart.initMillis(),
                coldStart.firstResponseMillis() - coldStart.initMillis()));
    }

    void exited(FunctionInstance gone, int exitCode) {
        Invocation running;
        List<Invocation> failed = List.of();
        boolean initFailure;
        boolean restart;
        synchronized (this) {
            running = gone.exited();
            if (instance == gone) {
                instance = null;
            }
            initFailure = !gone.everAskedForWork() && !stopped;
            if (initFailure) {
                String why = gone.initError() != null ? gone.initError()
                        : "the process exited with status " + exitCode + " before asking for work";
                failed = initFailed(why + " (see " + logFile + ")");
            } else {
                consecutiveInitFailures = 0;
            }
            // A crashed or killed environment is replaced at once, as is a warm one; an idle cold one
            // waits for its next event.
            restart = !stopped && !initFailure && (running != null || warm || !pending.isEmpty());
            if (running != null || !stopped) {
                synchronized (stats) {
                    restarts++;
                }
            }
        }
        if (running != null) {
            running.complete(new InvocationResult.Failure(InvocationResult.Kind.RUNTIME_EXITED,
                    "Runtime exited with error: " + describeExit(exitCode) + " (Runtime.ExitError)",
                    Duration.between(running.dispatchedAt(), Instant.now()).toMillis()));
        }
        failAll(failed, null);
        if (initFailure) {
            log.accept(spec.name() + ": init failed: " + lastInitFailure());
        }
        if (!stopped) {
            log.accept(spec.name() + ": execution environment " + gone.id() + " exited (" + describeExit(exitCode)
                    + (running != null ? ", while running " + running.source() : "") + ")"
                    + (restart ? "; starting a new one" : ""));
        }
        if (restart) {
            boolean start;
            synchronized (this) {
                warm = true;
                start = claimStart();
            }
            if (start) {
                startInstance();
            }
        }
    }

    /** Caller holds the monitor: backs off further starts and returns the invocations to fail. */
    private List<Invocation> initFailed(String why) {
        consecutiveInitFailures++;
        lastInitFailure = why;
        long backoff = Math.min(MAX_INIT_BACKOFF.toMillis(), 1000L << Math.min(consecutiveInitFailures - 1, 5));
        noStartBefore = Instant.now().plusMillis(backoff);
        List<Invocation> failed = new ArrayList<>(pending);
        pending.clear();
        return failed;
    }

    private void failAll(List<Invocation> invocations, String message) {
        for (Invocation invocation : invocations) {
            invocation.complete(new InvocationResult.Failure(InvocationResult.Kind.INIT_FAILED,
                    message != null ? message : lastInitFailure, 0));
        }
    }

    private static String describeExit(int status) {
        return status > 128 ? "signal " + (status - 128) + (status == 137 ? " (killed)" : "") : "exit status " + status;
    }

    // ---- statistics for the console and the summary ----

    private void record(Invocation invocation, InvocationResult result) {
        if (result == null) {
            return;
        }
        InvocationRecord entry = new InvocationRecord(invocation.requestId(), invocation.source(),
                invocation.createdAt(), result.durationMs(), result.ok(), result.summary(), invocation.coldStart(),
                invocation.instanceId());
        synchronized (stats) {
            invocations++;
            if (!result.ok()) {
                failures++;
            }
            recent.addFirst(entry);
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
    }

    public Statistics statistics() {
        synchronized (stats) {
            return new Statistics(invocations, failures, restarts, List.copyOf(coldStarts), List.copyOf(recent));
        }
    }

    /** One invocation as the console lists it. */
    public record InvocationRecord(String requestId, String source, Instant at, long durationMs, boolean ok,
                                   String outcome, boolean coldStart, long instanceId) {
    }

    /**
     * A cold start: process start to the runtime's first /next (init), and init plus the first invocation's
     * own time (what an event arriving at process start would wait; idle time before it is not counted).
     */
    public record ColdStart(long instanceId, Instant at, long initMillis, long firstResponseMillis) {
    }

    public record Statistics(long invocations, long failures, long restarts, List<ColdStart> coldStarts,
                             List<InvocationRecord> recent) {
    }
}
