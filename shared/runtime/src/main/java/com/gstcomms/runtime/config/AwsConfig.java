package com.gstcomms.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS services are. In AWS the endpoints are empty (the SDK finds them) and credentials come
 * from the Lambda role; locally and in tests the endpoints point at the local SQS and S3 servers and a
 * static key pair is given. Environment variables map the Quarkus way
 * ({@code GSTCOMMS_SQS_ENDPOINT} → {@code gstcomms.sqs.endpoint}).
 */
@ConfigMapping(prefix = "gstcomms.aws")
public interface AwsConfig {
    @WithDefault("ap-south-1")
    String region();

    /** Static credentials for local servers; absent in AWS (the default provider chain is used). */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();
}
