package com.gstcomms.runtime.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients, built once per Lambda instance on the URL-connection HTTP client (small and
 * native-image friendly; no Apache or Netty client on the classpath).
 */
@ApplicationScoped
public class AwsClients {

    private final AwsConfig aws;
    private final SqsConfig sqs;
    private final S3Config s3;
    private final SecretsManagerConfig secretsManager;

    AwsClients(AwsConfig aws, SqsConfig sqs, S3Config s3, SecretsManagerConfig secretsManager) {
        this.aws = aws;
        this.sqs = sqs;
        this.s3 = s3;
        this.secretsManager = secretsManager;
    }

    AwsCredentialsProvider credentials() {
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(aws.accessKeyId().get(), aws.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Produces
    @Singleton
    SqsClient sqsClient() {
        var builder = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials());
        sqs.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    S3Client s3Client() {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials())
                .forcePathStyle(s3.pathStyle());
        s3.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    S3Presigner s3Presigner() {
        var builder = S3Presigner.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
        s3.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @Singleton
    KmsClient kmsClient() {
        return KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials())
                .build();
    }

    /** Reads the platform secrets (PlatformSecrets); built only when a secret id is configured. */
    @Produces
    @Singleton
    SecretsManagerClient secretsManagerClient() {
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials());
        secretsManager.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes SqsClient client) {
        client.close();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    void close(@Disposes S3Presigner presigner) {
        presigner.close();
    }

    void close(@Disposes KmsClient client) {
        client.close();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }
}
