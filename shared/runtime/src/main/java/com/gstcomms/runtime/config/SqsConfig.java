package com.gstcomms.runtime.config;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.Optional;

@ConfigMapping(prefix = "gstcomms.sqs")
public interface SqsConfig {
    /** Endpoint override (a local SQS-compatible server); absent in AWS. */
    Optional<URI> endpoint();
}
