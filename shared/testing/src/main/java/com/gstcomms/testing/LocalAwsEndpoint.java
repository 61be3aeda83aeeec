package com.gstcomms.testing;

import java.net.URI;

/**
 * What a client needs to reach a local AWS stand-in (s3proxy, ElasticMQ): its loopback endpoint and
 * the one region and key pair every stand-in accepts ({@link LocalAws}).
 */
public interface LocalAwsEndpoint {

    int port();

    default URI endpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + port());
    }

    default String region() {
        return LocalAws.REGION;
    }

    default String accessKeyId() {
        return LocalAws.ACCESS_KEY_ID;
    }

    default String secretAccessKey() {
        return LocalAws.SECRET_ACCESS_KEY;
    }
}
