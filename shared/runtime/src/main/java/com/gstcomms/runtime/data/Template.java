package com.gstcomms.runtime.data;

import com.gstcomms.core.message.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * A message template. Built-in templates have no shop; a shop's own template of the same channel,
 * kind and locale overrides it. Edits create a new version, so history is kept.
 */
@Entity
public class Template extends PanacheEntity {
    /** Null for the built-in templates. */
    public Long shopId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String kind;
    public String locale;
    public int version;
    public String name;
    public String subject;
    public String bodyHtml;
    public String bodyText;
    /** Twilio Content template (HX…) used for business-initiated WhatsApp messages. */
    public String whatsappContentSid;
    /** Variable names the template uses. */
    @Column(columnDefinition = "text[]")
    public String[] variables = new String[0];
    public boolean active = true;
    public String createdBy;
    public OffsetDateTime createdAt = OffsetDateTime.now();
}
