package com.gstcomms.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsManagerStandInTest {

    final SecretsManagerStandIn standIn = SecretsManagerStandIn.start();
    final SecretsManagerClient client = SecretsManagerClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(SecretsManagerStandIn.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
            .endpointOverride(URI.create(standIn.baseUrl()))
            .build();

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    @Test
    void answersGetSecretValueByNameOrArnToTheSdk() {
        SecretsManagerStandIn.Secret stored = standIn.put("gst-comms/dev/unsubscribe-secret", "v1");

        GetSecretValueResponse byName = client.getSecretValue(b -> b.secretId("gst-comms/dev/unsubscribe-secret"));
        GetSecretValueResponse byArn = client.getSecretValue(b -> b.secretId(stored.arn()));

        assertThat(byName.secretString()).isEqualTo("v1");
        assertThat(byName.name()).isEqualTo("gst-comms/dev/unsubscribe-secret");
        assertThat(byName.arn()).matches("arn:aws:secretsmanager:ap-south-1:000000000000:secret:gst-comms/dev/"
                + "unsubscribe-secret-.{6}");
        assertThat(byArn.versionId()).isEqualTo(byName.versionId());
    }

    @Test
    void aRotationGivesANewVersion() {
        standIn.put("s", "v1");
        String first = client.getSecretValue(b -> b.secretId("s")).versionId();
        standIn.put("s", "v2");

        GetSecretValueResponse second = client.getSecretValue(b -> b.secretId("s"));
        assertThat(second.secretString()).isEqualTo("v2");
        assertThat(second.versionId()).isNotEqualTo(first);
    }

    @Test
    void putSecretValueRotatesTheSecret() {
        standIn.put("s", "v1");

        client.putSecretValue(b -> b.secretId("s").secretString("v2"));

        assertThat(client.getSecretValue(b -> b.secretId("s")).secretString()).isEqualTo("v2");
    }

    @Test
    void anUnknownSecretIsResourceNotFound() {
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("nothing-here")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesARequestWithoutASigV4Signature() throws Exception {
        standIn.put("s", "v1");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/"))
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"s\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"").doesNotContain("v1");
    }
}
