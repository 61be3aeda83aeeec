package com.gstcomms.email;

import com.gstcomms.runtime.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files a notification attaches (invoice and label PDFs), read from S3 by their keys.
 *
 * <p>Checked before anything is downloaded or sent: each key must be the shop's own (its second path
 * segment is the shop id, as every S3 key of docs/ARCHITECTURE.md "S3 keys" is: {@code invoices/{shop}/…}), and the whole
 * message must stay under SendGrid's 30 MB limit once base64-encoded.
 */
@ApplicationScoped
class AttachmentFiles {

    private final ObjectStore store;

    AttachmentFiles(ObjectStore store) {
        this.store = store;
    }

    sealed interface Loaded {
    }

    record Files(List<OutgoingEmail.Attachment> attachments) implements Loaded {
    }

    /** Not there (yet): the PDF may still be rendering. */
    record Missing(String key) implements Loaded {
    }

    /** Never sendable as it is. */
    record Refused(String code, String reason) implements Loaded {
    }

    /**
     * @param budgetBytes what the attachments may take of the message, base64-encoded
     */
    Loaded load(long shopId, String[] keys, long budgetBytes) {
        if (keys == null || keys.length == 0) {
            return new Files(List.of());
        }
        long encoded = 0;
        List<ObjectStore.ObjectInfo> infos = new ArrayList<>();
        for (String key : keys) {
            if (!ownedBy(shopId, key)) {
                return new Refused("ATTACHMENT_NOT_OWNED", "Attachment '" + key + "' is not a file of shop " + shopId);
            }
            Optional<ObjectStore.ObjectInfo> info = store.head(key);
            if (info.isEmpty()) {
                return new Missing(key);
            }
            infos.add(info.get());
            encoded += (info.get().size() + 2) / 3 * 4;
        }
        if (encoded > budgetBytes) {
            return new Refused("MESSAGE_TOO_LARGE", String.format(Locale.ROOT,
                    "The attachments make the message %.1f MB once encoded; SendGrid accepts at most %.1f MB per message",
                    encoded / 1_048_576.0, budgetBytes / 1_048_576.0));
        }
        List<OutgoingEmail.Attachment> files = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : infos) {
            byte[] content;
            try {
                content = store.getBytes(info.key());
            } catch (ObjectStore.ObjectNotFoundException e) {
                return new Missing(info.key());
            }
            files.add(new OutgoingEmail.Attachment(fileName(info.key()), contentType(info), content));
        }
        return new Files(files);
    }

    static boolean ownedBy(long shopId, String key) {
        return com.gstcomms.runtime.storage.ShopKeys.ownedBy(shopId, key);
    }

    static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String contentType(ObjectStore.ObjectInfo info) {
        String name = info.key().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (info.contentType() != null && !info.contentType().isBlank()) {
            return info.contentType();
        }
        return name.endsWith(".csv") ? "text/csv" : "application/octet-stream";
    }
}
