package com.gstcomms.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalizedGroupsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain                | plain",
            "<b>                  | &lt;b&gt;",
            "O'Brien & \"Sons\"   | O&#39;Brien &amp; &quot;Sons&quot;",
            "सुनीता               | सुनीता"})
    void escapesLikeQute(String raw, String escaped) {
        assertThat(PersonalizedGroups.escapeHtml(raw)).isEqualTo(escaped);
    }

    @Test
    void substitutesInOnePassSoAValueThatLooksLikeAMarkerStaysAsItIs() {
        Map<String, String> subs = new LinkedHashMap<>();
        subs.put("[%a%]", "[%b%]");
        subs.put("[%b%]", "B");

        assertThat(Substitutions.apply("x [%a%] y [%b%]", subs)).isEqualTo("x [%b%] y B");
    }

    @Test
    void estimatesTheRequestSizeWithBase64Attachments() {
        var mail = new OutgoingEmail(1, "INVOICE_DELIVERY", null, new OutgoingEmail.Sender("a@b.in", "A", null),
                "<p>x</p>", "x", java.util.List.of(new OutgoingEmail.Attachment("a.pdf", "application/pdf", new byte[3_000_000])),
                Map.of(), java.util.List.of(new OutgoingEmail.Recipient(1, "c@d.in", "s", Map.of(), Map.of())));

        assertThat(mail.estimatedBytes()).isBetween(4_000_000L, 4_010_000L);
    }
}
