package com.gstcomms.local.template;

/** template.yaml cannot be read or does not say what the local cloud needs; the message says where. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
