package com.gstcomms.local.lambda;

import java.nio.charset.StandardCharsets;

/**
 * How an invocation ended. {@code Response} is what the handler returned; {@code FunctionError} is an
 * error the runtime reported (POST .../error, e.g. an exception of the handler); {@code Failure} is the
 * local cloud's: the function is not built, its process died or timed out, or it could not start.
 */
public sealed interface InvocationResult {

    long durationMs();

    default boolean ok() {
        return this instanceof Response;
    }

    /** A one-line summary for the console and the log. */
    String summary();

    record Response(byte[] body, long durationMs) implements InvocationResult {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String summary() {
            return "ok";
        }
    }

    record FunctionError(String errorType, String errorMessage, long durationMs) implements InvocationResult {
        @Override
        public String summary() {
            return "error " + errorType + ": " + errorMessage;
        }
    }

    record Failure(Kind kind, String message, long durationMs) implements InvocationResult {
        @Override
        public String summary() {
            return kind.name().toLowerCase().replace('_', ' ') + ": " + message;
        }
    }

    enum Kind {
        /** functions/x/target/function.zip does not exist yet. */
        NOT_BUILT,
        /** The runtime reported an init error, or its process exited before asking for work. */
        INIT_FAILED,
        /** The process exited (crash, kill -9) while the invocation was running. */
        RUNTIME_EXITED,
        /** Longer than the function's Timeout: the process was killed, as Lambda does. */
        TIMED_OUT,
        /** The local cloud is stopping. */
        SHUT_DOWN
    }
}
