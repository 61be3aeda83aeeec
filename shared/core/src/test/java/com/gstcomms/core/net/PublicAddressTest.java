package com.gstcomms.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.8.9.10",
            "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.168.1.1", "198.18.0.1",
            "198.19.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "::", "::1", "fc00::1", "fd00:ec2::254", "192.88.99.1", "64:ff9b:1::a00:1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "100::1", "fe80::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::127.0.0.1", "2001:db8::1"})
    void refusesInnerAndSpecialAddresses(String literal) throws Exception {
        assertThat(PublicAddress.isPublic(InetAddress.getByName(literal))).isFalse();
        assertThatThrownBy(() -> PublicAddress.resolveSmtp(literal, 587, false, PublicAddress.DNS))
                .isInstanceOfSatisfying(PublicAddress.Refused.class, r -> assertThat(r.field()).isEqualTo("host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.0.1", "172.32.0.1", "142.250.1.1",
            "2607:f8b0:4004:c07::6c", "::ffff:8.8.8.8", "2002:0808:0808::1"})
    void acceptsPublicAddresses(String literal) throws Exception {
        assertThat(PublicAddress.isPublic(InetAddress.getByName(literal))).isTrue();
        assertThat(PublicAddress.resolveSmtp(literal, 465, false, PublicAddress.DNS)).isEqualTo(InetAddress.getByName(literal));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 22, 80, 443, 6379, 5432, 8080, 11211})
    void acceptsOnlySmtpPorts(int port) {
        assertThatThrownBy(() -> PublicAddress.resolveSmtp("8.8.8.8", port, false, PublicAddress.DNS))
                .isInstanceOfSatisfying(PublicAddress.Refused.class, r -> assertThat(r.field()).isEqualTo("port"));
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsInner() {
        PublicAddress.Resolver mixed = host -> new InetAddress[]{
                InetAddress.getByAddress(host, new byte[]{8, 8, 8, 8}), InetAddress.getByAddress(host, new byte[]{10, 0, 0, 1})};
        assertThatThrownBy(() -> PublicAddress.resolveSmtp("smtp.example.in", 587, false, mixed))
                .isInstanceOf(PublicAddress.Refused.class).hasMessageContaining("private").hasMessageNotContaining("10.0.0.1");
    }

    @Test
    void refusesLocalhostByNameAndControlCharacters() {
        assertThatThrownBy(() -> PublicAddress.resolveSmtp("localhost", 25, false, PublicAddress.DNS))
                .isInstanceOf(PublicAddress.Refused.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> PublicAddress.resolveSmtp("smtp.example.in\r\nRCPT TO:<x@y>", 25, false, PublicAddress.DNS))
                .isInstanceOf(PublicAddress.Refused.class);
    }

    @Test
    void loopbackOnlyWhenAllowedAndThenOnAnyPort() throws Exception {
        assertThat(PublicAddress.resolveSmtp("127.0.0.1", 3025, true, PublicAddress.DNS).isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> PublicAddress.resolveSmtp("10.0.0.1", 25, true, PublicAddress.DNS))
                .isInstanceOf(PublicAddress.Refused.class);
        assertThatThrownBy(() -> PublicAddress.resolveSmtp("8.8.8.8", 3025, true, PublicAddress.DNS))
                .isInstanceOfSatisfying(PublicAddress.Refused.class, r -> assertThat(r.field()).isEqualTo("port"));
    }
}
