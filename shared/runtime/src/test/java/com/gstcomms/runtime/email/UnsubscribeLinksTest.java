package com.gstcomms.runtime.email;

import com.gstcomms.core.message.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnsubscribeLinksTest {

    static final String SECRET = "a-test-secret-that-is-at-least-32-characters";
    final UnsubscribeLinks links = new UnsubscribeLinks("https://api.example.in/", Optional.of(SECRET));

    @Test
    void aLinkNamesExactlyOneAddressOfOneShop() {
        String link = links.linkFor(42, Channel.EMAIL, " Asha.Verma@Example.IN ").toString();

        assertThat(link).startsWith("https://api.example.in/v1/unsubscribe/");
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(links.verify(token)).contains(new UnsubscribeLinks.Unsubscribe(42, Channel.EMAIL, "asha.verma@example.in"));
    }

    @Test
    void anotherSecretsLinkIsRefused() {
        String token = new UnsubscribeLinks("https://x", Optional.of("another-secret-that-is-also-32-characters-long"))
                .tokenFor(42, Channel.EMAIL, "asha@example.in");

        assertThat(links.verify(token)).isEmpty();
    }

    @Test
    void changingTheAddressOrShopInsideATokenBreaksIt() {
        String token = links.tokenFor(42, Channel.EMAIL, "asha@example.in");
        String signature = token.substring(token.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("1|43|EMAIL|asha@example.in".getBytes())
                + signature;

        assertThat(links.verify(forged)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "abc.def", "a.b.c", "!!!.???"})
    void malformedTokensAreRefusedNotThrown(String token) {
        assertThat(links.verify(token)).isEmpty();
    }

    @Test
    void withoutASecretNoLinkCanBeMade() {
        UnsubscribeLinks unconfigured = new UnsubscribeLinks("https://x", Optional.empty());

        assertThat(unconfigured.configured()).isFalse();
        assertThatThrownBy(() -> unconfigured.tokenFor(1, Channel.EMAIL, "a@b.in"))
                .hasMessageContaining("gstcomms.unsubscribe.secret");
        assertThat(new UnsubscribeLinks("https://x", Optional.of("short")).configured()).isFalse();
    }
}
