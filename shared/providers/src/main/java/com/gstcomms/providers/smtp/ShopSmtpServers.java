package com.gstcomms.providers.smtp;

import com.gstcomms.core.net.PublicAddress;
import com.gstcomms.runtime.outbound.OutboundConfig;
import com.gstcomms.runtime.outbound.SmtpSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;

/**
 * The one way to a shop's own SMTP server: the email function's fallback, the API's test message, status
 * probe and settings check all come here, so the outbound rules are applied in one place — public
 * addresses and SMTP ports only ({@link PublicAddress}, resolved by DNS when connecting), loopback only
 * where {@code gstcomms.outbound.allow-loopback} says so (tests, the local cloud) — and the dialogue is
 * {@link SmtpSession}'s (TLS on the configured name, no CR/LF, no banners).
 */
@ApplicationScoped
public class ShopSmtpServers {

    private final OutboundConfig outbound;

    public ShopSmtpServers(OutboundConfig outbound) {
        this.outbound = outbound;
    }

    /** Connects to the checked address, greets, starts TLS as configured and logs in: ready to send. */
    public SmtpSession open(SmtpSession.Server server, Duration timeout) throws IOException {
        return SmtpSession.open(server, outbound.allowLoopback(), PublicAddress.DNS, timeout);
    }

    /** Connects, reads the greeting and says QUIT; sends nothing. */
    public void probe(SmtpSession.Server server, Duration timeout) throws IOException {
        SmtpSession.probe(server, outbound.allowLoopback(), PublicAddress.DNS, timeout);
    }

    /**
     * Whether settings may be saved with this host and port (the same rule, checked again when connecting:
     * a DNS answer may change in between).
     */
    public void check(String host, int port) throws PublicAddress.Refused {
        PublicAddress.resolveSmtp(host, port, outbound.allowLoopback(), PublicAddress.DNS);
    }
}
