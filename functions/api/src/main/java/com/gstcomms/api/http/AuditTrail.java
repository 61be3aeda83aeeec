package com.gstcomms.api.http;

import com.gstcomms.api.auth.Caller;
import com.gstcomms.runtime.data.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Writes the audit row of a state-changing call (who, what, target, when) inside the transaction of the
 * change itself, so there is never a change without its row or a row without its change. Details name
 * what changed, never a secret.
 */
@ApplicationScoped
public class AuditTrail {

    public Uni<Void> record(Caller caller, String action, String targetType, Object targetId, Map<String, ?> details) {
        return record(caller.shopId(), caller.actorType(), caller.actor(), action, targetType, targetId, details);
    }

    public Uni<Void> record(long shopId, String actorType, String actor, String action, String targetType,
                            Object targetId, Map<String, ?> details) {
        AuditLog row = new AuditLog();
        row.shopId = shopId;
        row.actorType = actorType;
        row.actor = actor;
        row.action = action;
        row.targetType = targetType;
        row.targetId = targetId == null ? null : targetId.toString();
        row.details = details == null ? "{}" : Json.write(details);
        return row.persist().replaceWithVoid();
    }
}
