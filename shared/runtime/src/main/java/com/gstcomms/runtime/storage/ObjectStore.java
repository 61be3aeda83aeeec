package com.gstcomms.runtime.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where PDFs and CSVs are staged (docs/ARCHITECTURE.md "S3 keys"). One implementation talks to S3 or an
 * S3-compatible server ({@link S3ObjectStore}); tests use it against a real local server.
 * Calls block: Lambda handlers run them on their own thread, reactive code wraps them.
 */
public interface ObjectStore {

    /** Stores small content in one request. */
    void put(String key, byte[] content, String contentType);

    /**
     * Stores content of unknown length from a stream without holding it all in memory: one request
     * when it fits in a part, a multipart upload otherwise (aborted if the stream fails).
     *
     * @return the number of bytes stored
     */
    long put(String key, InputStream content, String contentType);

    /** Opens the object as a stream; the caller closes it. */
    InputStream get(String key) throws ObjectNotFoundException;

    /** Reads a small object whole. */
    byte[] getBytes(String key) throws ObjectNotFoundException;

    Optional<ObjectInfo> head(String key);

    void delete(String key);

    /** A link that downloads the object, optionally as an attachment with the given file name. */
    URI presignGet(String key, Duration ttl, Optional<String> downloadFileName);

    /** A link to upload one object with PUT; the uploader must send {@link PresignedUpload#headers()}. */
    PresignedUpload presignPut(String key, String contentType, Duration ttl);

    /**
     * A link to upload exactly {@code contentLength} bytes: Content-Length is a signed header, so S3 refuses
     * any other size (a presigned PUT has no size range; this is how a cap is enforced on it).
     */
    PresignedUpload presignPut(String key, String contentType, long contentLength, Duration ttl);

    record ObjectInfo(String key, long size, String contentType) {
    }

    record PresignedUpload(URI url, String method, Map<String, String> headers, java.time.Instant expiresAt) {
    }

    final class ObjectNotFoundException extends RuntimeException {
        public ObjectNotFoundException(String key) {
            super("No object at key '" + key + "'");
        }
    }
}
