package com.gstcomms.runtime.data;

import com.gstcomms.core.message.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.OffsetDateTime;

/** An address the shop must not message on a channel (unsubscribed, bounced, complained, STOP). */
@Entity
public class Suppression extends PanacheEntity {
    public enum Reason { UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT, OPTED_OUT, INVALID, MANUAL }

    public long shopId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    /** Lower-case email, or E.164 phone number. */
    public String address;
    @Enumerated(EnumType.STRING)
    public Reason reason;
    public String source;
    public OffsetDateTime createdAt = OffsetDateTime.now();

    public static Uni<Suppression> findFor(long shopId, Channel channel, String address) {
        return find("shopId = ?1 and channel = ?2 and address = ?3", shopId, channel, address).firstResult();
    }
}
