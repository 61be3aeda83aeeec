package com.gstcomms.local.lambda;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution environment of a function: its process (the JVM build through the Runtime Interface
 * Client, or the native bootstrap) and the Runtime API it polls. It runs one invocation at a time, as a
 * Lambda execution environment does.
 */
final class FunctionInstance implements RuntimeApiServer.Runtime {

    enum State { STARTING, IDLE, BUSY, EXITED }

    private final LocalFunction function;
    private final long id;
    private final Vertx vertx;
    private final RuntimeApiServer api;
    private final long spawnedNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private Process process;
    private String executable;

    // guarded by function (LocalFunction's monitor)
    private State state = State.STARTING;
    private HttpServerResponse parked;
    private Invocation current;
    private long timeoutTimer = -1;
    private Long initMillis;
    private Long firstResponseMillis;
    private String initError;

    FunctionInstance(LocalFunction function, long id, Vertx vertx) {
        this.function = function;
        this.id = id;
        this.vertx = vertx;
        this.api = RuntimeApiServer.start(vertx, this);
    }

    /** Starts the process; its exit is reported to the function. */
    void launch(List<String> command, Path workingDirectory, Map<String, String> environment, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.port());
        executable = command.stream().filter(c -> c.endsWith("/java") || c.endsWith("/bootstrap")).findFirst()
                .orElse(command.getLast());
        process = builder.start();
        process.onExit().thenAccept(p -> function.exited(this, p.exitValue()));
    }

    long id() {
        return id;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The pid of the function's own process (the JVM or native runner), not of the watchdog shell. */
    Optional<Long> pid() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return Optional.empty();
        }
        // Under the watchdog shell: the function is the descendant running the executable we launched.
        return p.descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.equals(executable)).orElse(false))
                .findFirst().map(ProcessHandle::pid)
                .or(() -> Optional.of(p.pid()));
    }

    State state() {
        return state;
    }

    Invocation current() {
        return current;
    }

    Long initMillis() {
        return initMillis;
    }

    Long firstResponseMillis() {
        return firstResponseMillis;
    }

    String initError() {
        return initError;
    }

    boolean waiting() {
        return parked != null && state == State.IDLE;
    }

    // ---- Runtime API calls (Vert.x event loop) ----

    @Override
    public void next(HttpServerResponse response) {
        Runnable send;
        synchronized (function) {
            if (initMillis == null) {
                initMillis = elapsedMillis();
            }
            if (state == State.EXITED) {
                send = () -> response.setStatusCode(500).end();
            } else {
                state = State.IDLE;
                parked = response;
                response.closeHandler(v -> {
                    synchronized (function) {
                        if (parked == response) {
                            parked = null;
                        }
                    }
                });
                send = function.instanceWaiting(this);
            }
        }
        // Vert.x calls happen outside the function's monitor: a response write can wait for the
        // connection's event loop, which may itself be waiting for that monitor.
        if (send != null) {
            send.run();
        }
    }

    /**
     * Gives an invocation to the parked {@code /next}; the caller holds the function's monitor and runs
     * the returned action (the HTTP answer) after releasing it.
     */
    Runnable assign(Invocation invocation, String functionArn) {
        HttpServerResponse response = parked;
        parked = null;
        state = State.BUSY;
        current = invocation;
        long timeoutMs = function.spec().timeoutSeconds() * 1000L;
        long deadline = System.currentTimeMillis() + timeoutMs;
        invocation.dispatched(id, deadline, firstResponseMillis == null);
        timeoutTimer = vertx.setTimer(timeoutMs, t -> timedOut(invocation));
        return () -> response.putHeader("Content-Type", "application/json")
                .putHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestId())
                .putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(deadline))
                .putHeader("Lambda-Runtime-Invoked-Function-Arn", functionArn)
                .putHeader("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                        + "-" + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0")
                .end(io.vertx.core.buffer.Buffer.buffer(invocation.payload()));
    }

    @Override
    public void response(String requestId, byte[] body) {
        finish(requestId, invocation -> new InvocationResult.Response(body, durationOf(invocation)));
    }

    @Override
    public void error(String requestId, String errorType, String errorMessage) {
        finish(requestId, invocation -> new InvocationResult.FunctionError(errorType, errorMessage,
                durationOf(invocation)));
    }

    @Override
    public void initError(String errorType, String errorMessage) {
        synchronized (function) {
            initError = errorType + ": " + errorMessage;
        }
    }

    private void finish(String requestId, java.util.function.Function<Invocation, InvocationResult> outcome) {
        Invocation done;
        boolean firstResponse = false;
        synchronized (function) {
            if (current == null || !current.requestId().equals(requestId)) {
                return;   // late answer for an invocation already timed out
            }
            done = current;
            current = null;
            state = State.IDLE;
            if (timeoutTimer >= 0) {
                vertx.cancelTimer(timeoutTimer);
                timeoutTimer = -1;
            }
            if (firstResponseMillis == null) {
                firstResponseMillis = initMillis + durationOf(done);
                firstResponse = true;
            }
        }
        // Outside the monitor: the log callback is someone else's code.
        if (firstResponse) {
            function.coldStartMeasured(this);
        }
        done.complete(outcome.apply(done));
    }

    private void timedOut(Invocation invocation) {
        synchronized (function) {
            if (current != invocation) {
                return;
            }
        }
        // Lambda: "Task timed out after N seconds" — the execution environment is reset.
        invocation.complete(new InvocationResult.Failure(InvocationResult.Kind.TIMED_OUT,
                "Task timed out after " + function.spec().timeoutSeconds() + " seconds", durationOf(invocation)));
        kill();
    }

    /** Ends the process at once (SIGKILL), with its children. */
    void kill() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Called by the function (holding its monitor) when the process has exited; returns the invocation it
     * was running, if any. The Runtime API server is closed asynchronously.
     */
    Invocation exited() {
        state = State.EXITED;
        Invocation running = current;
        current = null;
        if (timeoutTimer >= 0) {
            vertx.cancelTimer(timeoutTimer);
        }
        parked = null;
        vertx.runOnContext(v -> api.close());
        return running;
    }

    boolean everAskedForWork() {
        return initMillis != null;
    }

    private long elapsedMillis() {
        return (System.nanoTime() - spawnedNanos) / 1_000_000;
    }

    private static long durationOf(Invocation invocation) {
        Instant from = invocation.dispatchedAt() == null ? invocation.createdAt() : invocation.dispatchedAt();
        return java.time.Duration.between(from, Instant.now()).toMillis();
    }
}
