package com.gstcomms.email;

import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.work.NotificationClaims;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/** Sends one notification by email. (Skeleton: claims the row; providers come with issue 4.) */
@ApplicationScoped
public class EmailDelivery {

    private final NotificationClaims claims;

    EmailDelivery(NotificationClaims claims) {
        this.claims = claims;
    }

    public void deliver(SendEmail command, SqsBatch.Delivery delivery) {
        var claimed = inTransaction(() -> claims.claim(command.shopId(), command.notificationId(), Duration.ofMinutes(2)));
        if (claimed.isEmpty()) {
            return;
        }
        inTransaction(() -> claims.markFinal(command.shopId(), command.notificationId(), NotificationStatus.FAILED,
                null, "NOT_BUILT", "email sending is not built yet"));
    }
}
