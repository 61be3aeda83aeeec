package com.gstcomms.local.lambda;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One event handed to a function, and the future its result completes. */
public final class Invocation {

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final String source;
    private final byte[] payload;
    private final Instant createdAt = Instant.now();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private volatile Instant dispatchedAt;
    private volatile long deadlineMs;
    private volatile boolean coldStart;
    private volatile long instanceId;

    Invocation(String functionName, String source, byte[] payload) {
        this.functionName = functionName;
        this.source = source;
        this.payload = payload;
    }

    public String requestId() {
        return requestId;
    }

    public String functionName() {
        return functionName;
    }

    /** What caused it, for the console: "SQS RenderQueue (5 records)", "GET /v1/invoices", ... */
    public String source() {
        return source;
    }

    public byte[] payload() {
        return payload;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    public long deadlineMs() {
        return deadlineMs;
    }

    public boolean coldStart() {
        return coldStart;
    }

    public long instanceId() {
        return instanceId;
    }

    public CompletableFuture<InvocationResult> result() {
        return result;
    }

    void dispatched(long instanceId, long deadlineMs, boolean coldStart) {
        this.instanceId = instanceId;
        this.dispatchedAt = Instant.now();
        this.deadlineMs = deadlineMs;
        this.coldStart = coldStart;
    }

    /** Completes once; later outcomes (a response after a timeout) are ignored. */
    boolean complete(InvocationResult outcome) {
        return result.complete(outcome);
    }
}
