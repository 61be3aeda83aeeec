package com.gstcomms.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The region and the one static key pair every local AWS stand-in accepts. s3proxy checks them
 * (aws-v2-or-v4 signatures); ElasticMQ accepts any.
 */
public final class LocalAws {

    /** Mumbai, where the merchants are; any region works locally. */
    public static final String REGION = "ap-south-1";
    public static final String ACCESS_KEY_ID = "gst-comms-local-key";
    public static final String SECRET_ACCESS_KEY = "gst-comms-local-secret";

    private LocalAws() {
    }

    public static Region region() {
        return Region.of(REGION);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }
}
