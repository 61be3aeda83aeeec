package com.gstcomms.core.message;

/**
 * A message body that is not a command this build can run: not JSON, an unknown {@code type},
 * an unsupported {@code version}, or a required field missing or wrong. Retrying cannot fix it,
 * so an SQS worker should report it as a failure once and let the message reach the DLQ.
 */
public class InvalidCommandException extends IllegalArgumentException {

    public InvalidCommandException(String message) {
        super(message);
    }

    public InvalidCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
