package com.gstcomms.runtime.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the functions may connect on a merchant's behalf (see {@link com.gstcomms.core.net.PublicAddress}).
 */
@ConfigMapping(prefix = "gstcomms.outbound")
public interface OutboundConfig {

    /**
     * Lets a merchant's SMTP server be on 127.0.0.1 / ::1 (on any port): only the tests' and the local
     * cloud's profiles set it, where the mail servers run on this machine. Never set in production
     * (template.yaml does not pass it).
     */
    @WithDefault("false")
    boolean allowLoopback();
}
