package com.gstcomms.whatsapp;

import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.runtime.storage.ShopKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Optional;

/**
 * A document (the invoice PDF) to travel with a WhatsApp message. Twilio fetches media from a URL when
 * it sends, so the PDF gets a short-lived presigned S3 GET link that names the file; WhatsApp takes at
 * most 16 MB (Twilio: "16MB for WhatsApp"), so bigger files are refused before anything is sent.
 */
@ApplicationScoped
public class InvoiceDocuments {

    static final String PDF = "application/pdf";

    private final ObjectStore store;
    private final WhatsAppConfig config;

    public InvoiceDocuments(ObjectStore store, WhatsAppConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A document ready to send: its link, the file name it downloads as, its size. */
    public record Document(String key, URI link, String fileName, long size) {

        /**
         * The link without {@code scheme://host/}: the value of a Content template's media variable, whose
         * approved media URL fixes the host ({@code https://s3.ap-south-1.amazonaws.com/{{3}}}, as Twilio
         * requires a static domain for variable media).
         */
        public String pathAndQuery() {
            String path = link.getRawPath().startsWith("/") ? link.getRawPath().substring(1) : link.getRawPath();
            return link.getRawQuery() == null ? path : path + "?" + link.getRawQuery();
        }
    }

    /** The document {@code key} of shop {@code shopId}, checked to be that shop's before it is looked at. */
    public Document prepare(long shopId, String key) {
        if (!ShopKeys.ownedBy(shopId, key)) {
            // Never presigned: a link to another shop's invoice would hand it to this message's recipient.
            throw new Undeliverable("DOCUMENT_NOT_OWNED", "The document to send, S3 key '" + key
                    + "', is not a file of shop " + shopId);
        }
        ObjectStore.ObjectInfo info = store.head(key).orElseThrow(() -> new Undeliverable("DOCUMENT_MISSING",
                "The document to send, S3 key " + key + ", does not exist"));
        if (info.size() > config.maxMediaBytes()) {
            throw new Undeliverable("DOCUMENT_TOO_LARGE", "The document " + key + " is " + info.size()
                    + " bytes; WhatsApp media may be at most " + config.maxMediaBytes() + " bytes (16 MB)");
        }
        String type = info.contentType() == null ? "" : info.contentType().split(";")[0].strip();
        if (!type.equalsIgnoreCase(PDF)) {
            throw new Undeliverable("DOCUMENT_TYPE", "The document " + key + " is stored as '" + info.contentType()
                    + "'; WhatsApp documents are sent as " + PDF);
        }
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        URI link = store.presignGet(key, config.mediaLinkTtl(), Optional.of(fileName));
        return new Document(key, link, fileName, info.size());
    }
}
