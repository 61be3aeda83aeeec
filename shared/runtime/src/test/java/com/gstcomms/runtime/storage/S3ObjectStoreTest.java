package com.gstcomms.runtime.storage;

import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The object store against a real S3-compatible server (s3proxy, started by the test resource). */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class S3ObjectStoreTest {

    @Inject
    ObjectStore store;

    private final HttpClient http = HttpClient.newHttpClient();

    private static String key(String name) {
        return "invoices/test/" + UUID.randomUUID() + "/" + name;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void downloadsThroughAPresignedLinkExactlyTheBytesThatWereStored() throws Exception {
        byte[] pdf = randomBytes(300_000);
        String key = key("INV-2627-000001.pdf");
        store.put(key, pdf, "application/pdf");

        var link = store.presignGet(key, Duration.ofMinutes(5), Optional.of("INV-2627-000001.pdf"));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(link).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(pdf);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("INV-2627-000001.pdf"));
    }

    @Test
    void refusesAPresignedLinkWhoseSignatureWasTamperedWith() throws Exception {
        String key = key("a.pdf");
        store.put(key, new byte[] {1}, "application/pdf");
        String link = store.presignGet(key, Duration.ofMinutes(5), Optional.empty()).toString();
        String forged = link.replace(key, key.replace("a.pdf", "b.pdf"));
        var response = http.send(HttpRequest.newBuilder(java.net.URI.create(forged)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void streamsALargeFileInPartsAndReadsItBackIdentically() throws Exception {
        byte[] csv = randomBytes(19 * 1024 * 1024 + 123);
        String key = key("source.csv");

        long stored = store.put(key, new ByteArrayInputStream(csv), "text/csv");

        assertThat(stored).isEqualTo(csv.length);
        assertThat(store.head(key)).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(csv.length));
        try (InputStream in = store.get(key)) {
            assertThat(sha256(in)).isEqualTo(sha256(new ByteArrayInputStream(csv)));
        }
    }

    @Test
    void leavesNoObjectBehindWhenTheUploadStreamBreaks() {
        String key = key("broken.csv");
        InputStream breaking = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 9 * 1024 * 1024) {
                    throw new IOException("connection reset by uploader");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put(key, breaking, "text/csv")).hasMessageContaining(key);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void acceptsAnUploadThroughAPresignedPutWithTheSignedContentType() throws Exception {
        String key = key("upload.csv");
        var upload = store.presignPut(key, "text/csv", Duration.ofMinutes(5));
        byte[] body = "Customer ID,Email\n'7000000000000,a@example.in\n".getBytes(StandardCharsets.UTF_8);

        var request = HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.headers().forEach(request::header);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upload.headers()).containsEntry("content-type", "text/csv");
        assertThat(store.getBytes(key)).isEqualTo(body);
    }

    @Test
    void saysWhichKeyIsMissing() {
        String key = key("nothing-here.pdf");
        assertThatThrownBy(() -> store.getBytes(key))
                .isInstanceOf(ObjectStore.ObjectNotFoundException.class)
                .hasMessageContaining(key);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void deletesAnObject() {
        String key = key("gone.pdf");
        store.put(key, new byte[] {1, 2}, "application/pdf");
        store.delete(key);
        assertThat(store.head(key)).isEmpty();
    }

    private static byte[] sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
