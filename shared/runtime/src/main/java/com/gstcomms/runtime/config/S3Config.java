package com.gstcomms.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "gstcomms.s3")
public interface S3Config {
    /** Endpoint override (a local S3-compatible server); absent in AWS. */
    Optional<URI> endpoint();

    /** The one bucket that holds imports, invoices, labels and exports (docs/ARCHITECTURE.md "S3 keys"). */
    @WithDefault("gst-comms-local")
    String bucket();

    /** Path-style addressing: needed by local servers, harmless in AWS. */
    @WithDefault("true")
    boolean pathStyle();

    /** How long a presigned GET or PUT stays valid. */
    @WithDefault("15M")
    Duration presignTtl();

    /** Objects larger than this are uploaded in parts. S3's minimum part size is 5 MiB. */
    @WithDefault("8388608")
    long multipartThreshold();
}
