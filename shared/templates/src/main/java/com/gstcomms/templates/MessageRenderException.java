package com.gstcomms.templates;

/**
 * A message could not be rendered. The message says what and where (template, line, variable) and is
 * safe to show to the merchant; {@link #reason()} is a short code for the notification log.
 */
public class MessageRenderException extends RuntimeException {

    public enum Reason {
        /** No template of the shop, the platform or the built-ins for this channel, kind and locale. */
        NO_TEMPLATE,
        /** The template references a variable the message does not have. */
        MISSING_VARIABLE,
        /** The template cannot be parsed or failed while rendering. */
        TEMPLATE_ERROR,
        /** The rendered subject line contains CR or LF (header injection) or is empty. */
        UNSAFE_SUBJECT
    }

    private final Reason reason;

    public MessageRenderException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MessageRenderException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
