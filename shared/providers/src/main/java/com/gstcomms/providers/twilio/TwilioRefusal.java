package com.gstcomms.providers.twilio;

/**
 * Twilio did not take a message: its error code (null when none came back, e.g. a timeout), the HTTP
 * status (null when there was no answer) and Twilio's message. Carries no credentials. What to do about
 * it is the caller's (the WhatsApp function's {@code TwilioErrors}, the API's probe answers).
 */
public class TwilioRefusal extends RuntimeException {

    private final Integer code;
    private final Integer httpStatus;

    public TwilioRefusal(Integer code, Integer httpStatus, String message) {
        super(message == null ? "no message" : message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public Integer code() {
        return code;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    /** What the notification row stores as its error code: Twilio's code, else the HTTP status, else a name. */
    public String errorCode() {
        if (code != null) {
            return code.toString();
        }
        return httpStatus != null ? "HTTP_" + httpStatus : "TWILIO_UNREACHABLE";
    }

}
