package com.gstcomms.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ServerTest {

    private static final String BUCKET = "s3-server-test";
    private static S3Server s3;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void bucket() {
        s3 = LocalServers.s3();
        s3.createBucket(BUCKET);
        s3.createBucket(BUCKET);   // a second call is fine: test classes share the server
    }

    @Test
    void presignedGetDownloadsExactlyWhatWasPut() throws Exception {
        byte[] pdf = randomBytes(150_000, 1);
        s3.client().putObject(b -> b.bucket(BUCKET).key("invoices/INV-1.pdf").contentType("application/pdf"),
                RequestBody.fromBytes(pdf));

        HttpResponse<byte[]> download = get(presignedGet("invoices/INV-1.pdf"));

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.body()).isEqualTo(pdf);
    }

    @Test
    void multipartUploadOfSixMegabytesDownloadsByteIdentical() throws Exception {
        byte[] big = randomBytes(6 * 1024 * 1024 + 123, 2);
        String key = "bulk/large.csv";
        String uploadId = s3.client().createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int partSize = 5 * 1024 * 1024;   // S3's minimum for all but the last part
        for (int offset = 0, number = 1; offset < big.length; offset += partSize, number++) {
            byte[] part = Arrays.copyOfRange(big, offset, Math.min(big.length, offset + partSize));
            int partNumber = number;
            String etag = s3.client().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .partNumber(partNumber), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        s3.client().completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        HttpResponse<byte[]> download = get(presignedGet(key));

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).hasSize(big.length).isEqualTo(big);
    }

    @Test
    void presignedPutWithContentTypeNeedsTheSameHeader() throws Exception {
        PresignedPutObjectRequest put = s3.presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(BUCKET).key("uploads/bulk.csv").contentType("text/csv")));
        byte[] csv = "gstin,amount\n29ABCDE1234F1Z5,100.00\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> withHeader = http.send(HttpRequest.newBuilder(put.url().toURI())
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofByteArray(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withoutHeader = http.send(HttpRequest.newBuilder(put.url().toURI())
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(csv)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withHeader.statusCode()).isEqualTo(200);
        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key("uploads/bulk.csv")).asByteArray())
                .isEqualTo(csv);
    }

    @Test
    void rejectsAWrongSecretKey() {
        try (S3Client wrong = S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(LocalAws.region())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKeyId(), "not-the-secret")))
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket(BUCKET)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void writesItsOutputToALogFile() throws IOException {
        assertThat(s3.logFile()).exists();
        assertThat(java.nio.file.Files.readString(s3.logFile())).contains("s3proxy");
    }

    private URI presignedGet(String key) throws Exception {
        PresignedGetObjectRequest presigned = s3.presigner().presignGetObject(p -> p
                .signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(BUCKET).key(key)));
        assertThat(presigned.url().toString()).startsWith(s3.endpoint() + "/" + BUCKET + "/");
        return presigned.url().toURI();
    }

    private HttpResponse<byte[]> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
