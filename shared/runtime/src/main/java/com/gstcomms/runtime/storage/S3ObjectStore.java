package com.gstcomms.runtime.storage;

import com.gstcomms.runtime.config.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ObjectStore} over S3 (or an S3-compatible server through the endpoint override). */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    private static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final int partSize;

    public S3ObjectStore(S3Client s3, S3Presigner presigner, S3Config config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.bucket();
        this.partSize = (int) Math.max(MIN_PART_SIZE, Math.min(config.multipartThreshold(), 64L * 1024 * 1024));
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public long put(String key, InputStream content, String contentType) {
        try {
            byte[] first = content.readNBytes(partSize);
            if (first.length < partSize) {
                put(key, first, contentType);
                return first.length;
            }
            return putInParts(key, first, content, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the content for '" + key + "'", e);
        }
    }

    private long putInParts(String key, byte[] first, InputStream rest, String contentType) throws IOException {
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(bucket).key(key).contentType(contentType).build()).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        long total = 0;
        try {
            byte[] part = first;
            int number = 1;
            while (part.length > 0) {
                final int partNumber = number;
                String etag = s3.uploadPart(UploadPartRequest.builder()
                                .bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).build(),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                total += part.length;
                number++;
                part = rest.readNBytes(partSize);
            }
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
            return total;
        } catch (RuntimeException | IOException e) {
            // Leave no half-written object (and no billed orphan parts) behind.
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).uploadId(uploadId).build());
            throw e;
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key));
            return in;
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(key);
        }
    }

    @Override
    public byte[] getBytes(String key) {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read '" + key + "'", e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public URI presignGet(String key, Duration ttl, Optional<String> downloadFileName) {
        var request = presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(g -> {
            g.bucket(bucket).key(key);
            downloadFileName.ifPresent(name -> g.responseContentDisposition(
                    "attachment; filename=\"" + name.replaceAll("[\"\\\\\r\n]", "_") + "\""));
        }));
        return toUri(request.url());
    }

    @Override
    public PresignedUpload presignPut(String key, String contentType, Duration ttl) {
        return presigned(presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType))));
    }

    @Override
    public PresignedUpload presignPut(String key, String contentType, long contentLength, Duration ttl) {
        return presigned(presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength))));
    }

    private static PresignedUpload presigned(software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest request) {
        Map<String, String> headers = new HashMap<>();
        // Content-Type is a signed header: the uploader must send exactly this value.
        request.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
            }
        });
        return new PresignedUpload(toUri(request.url()), "PUT", Map.copyOf(headers), request.expiration());
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("The SDK produced an invalid URL: " + e.getMessage(), e);
        }
    }
}
