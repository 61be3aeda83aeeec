package com.gstcomms.whatsapp;

import com.twilio.exception.RestException;
import com.twilio.rest.api.v2010.account.Message;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: twilio-java reads Twilio's answers with Jackson through reflection — the Message
 * resource on 201, RestException ({code, message, more_info, status}) on errors. Not verified natively
 * here (no GraalVM on the build machines): check a send and an error against the stand-in in the native
 * integration test.
 */
@RegisterForReflection(targets = {
        Message.class, Message.Status.class, Message.Direction.class,
        RestException.class
})
final class TwilioNativeRegistrations {
    private TwilioNativeRegistrations() {
    }
}
