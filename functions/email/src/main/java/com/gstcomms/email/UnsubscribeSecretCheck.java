package com.gstcomms.email;

import com.gstcomms.runtime.email.UnsubscribeLinks;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Bulk mail cannot go out without its unsubscribe link (RFC 8058, and the law of most inboxes), so a
 * function started without {@code gstcomms.unsubscribe.secret} fails at start — its messages wait in
 * the queue, visibly — instead of failing every campaign message one by one.
 */
@ApplicationScoped
class UnsubscribeSecretCheck {

    void check(@Observes StartupEvent event, UnsubscribeLinks links) {
        if (!links.configured()) {
            throw new IllegalStateException("gstcomms.unsubscribe.secret (GSTCOMMS_UNSUBSCRIBE_SECRET) must be set to "
                    + "at least 32 characters, the same value as the API's: bulk emails carry unsubscribe links signed with it");
        }
    }
}
