package com.gstcomms.runtime.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "gstcomms.secrets")
public interface SecretsConfig {
    enum MasterKeyKind { LOCAL, KMS }

    /** KMS in AWS; a key file on the local cloud and in tests. */
    @WithDefault("local")
    MasterKeyKind masterKey();

    /** The KMS key (id, ARN or alias) that wraps data keys, when {@code master-key=kms}. */
    Optional<String> kmsKeyId();

    /** A file holding a 256-bit AES key (Base64), created on first use when absent. */
    @WithDefault(".local-cloud/master.key")
    Path localKeyFile();
}
