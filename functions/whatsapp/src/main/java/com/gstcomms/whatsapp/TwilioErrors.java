package com.gstcomms.whatsapp;

import com.gstcomms.providers.twilio.TwilioRefusal;

import java.util.Map;

/**
 * What to do about a Twilio error (https://www.twilio.com/docs/api/errors). Codes decide first; the
 * HTTP status decides for codes not listed: 429 and 5xx (and no answer at all) are worth retrying,
 * any other 4xx is a problem with this message that retrying will not fix.
 */
public final class TwilioErrors {

    /** The reaction to one refused message. */
    public enum Reaction {
        /**
         * 63016: free-form text outside the 24-hour customer service window. Meta allows only an approved
         * template then, so the message goes again as its Content template — never again as text.
         */
        RESEND_AS_TEMPLATE,
        /** The number cannot receive this (21211 invalid, 21614 not mobile, 63003 not on WhatsApp …): FAILED. */
        PERMANENT,
        /** Credentials refused (20003): FAILED, and the shop's Twilio settings show the error. */
        AUTHENTICATION,
        /** 21610: the recipient replied STOP; the number is suppressed for WhatsApp. */
        OPTED_OUT,
        /** Throughput or Twilio trouble (63018, 63119, 20429, 429, 5xx, no answer): retry with backoff. */
        RETRY
    }

    private static final Map<Integer, Reaction> BY_CODE = Map.ofEntries(
            Map.entry(63016, Reaction.RESEND_AS_TEMPLATE),
            // 21211 invalid 'To' number, 21614 'To' is not a valid mobile number,
            // 63003 the channel could not find the 'To' address (not a WhatsApp user).
            Map.entry(21211, Reaction.PERMANENT),
            Map.entry(21614, Reaction.PERMANENT),
            Map.entry(63003, Reaction.PERMANENT),
            // 20003 Authenticate: wrong account SID or auth token (401), or another account's resource (403).
            Map.entry(20003, Reaction.AUTHENTICATION),
            // 21610: attempt to send to an unsubscribed recipient (they replied STOP).
            Map.entry(21610, Reaction.OPTED_OUT),
            // 63018 rate limit exceeded for the channel (WhatsApp 429/471), 20429 too many requests:
            // throughput, not the message. 63119 is retried as issue 5 specifies.
            Map.entry(63018, Reaction.RETRY),
            Map.entry(63119, Reaction.RETRY),
            Map.entry(20429, Reaction.RETRY),
            // 20500 internal server error, 20503 service unavailable.
            Map.entry(20500, Reaction.RETRY),
            Map.entry(20503, Reaction.RETRY));

    private TwilioErrors() {
    }

    public static Reaction classify(TwilioRefusal refusal) {
        return classify(refusal.code(), refusal.httpStatus());
    }

    public static Reaction classify(Integer code, Integer httpStatus) {
        if (code != null && BY_CODE.containsKey(code)) {
            return BY_CODE.get(code);
        }
        if (httpStatus == null || httpStatus == 429 || httpStatus >= 500) {
            return Reaction.RETRY;
        }
        if (httpStatus == 401) {
            return Reaction.AUTHENTICATION;
        }
        return Reaction.PERMANENT;
    }
}
