package com.gstcomms.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The READMEs name the SendGrid custom_args as the code sends them (issue 16: the email README once said
 * {@code notification_id}, {@code shop_id} and {@code campaign_id} while the code sent lowerCamelCase):
 * whoever sets up a shop's own SendGrid account, or reads its Event Webhook, goes by the README.
 */
class ReadmeCustomArgsTest {

    static final Path README = Path.of("README.md");
    static final Path API_README = Path.of("../api/README.md");

    static final Set<String> SENT = Set.of(SendGridMail.NOTIFICATION_ARG, SendGridMail.SHOP_ARG,
            SendGridMail.CAMPAIGN_ARG);

    /** "`custom_args` `a` (per personalization), `b`, `c`" in the README's "Effects". */
    static final Pattern EFFECTS = Pattern.compile(
            "`custom_args` `(\\w+)` \\(per personalization\\),\\s+`(\\w+)`,\\s+`(\\w+)`");

    @Test
    void theEmailReadmeNamesTheCustomArgsTheRequestCarries() throws IOException {
        String readme = Files.readString(README);
        Matcher m = EFFECTS.matcher(readme);
        assertThat(m.find()).as("README.md names the custom_args as `custom_args` `…` (per personalization), `…`, `…`")
                .isTrue();

        ObjectNode request = SendGridMail.toJson(new OutgoingEmail(7, "CAMPAIGN", 3L,
                new OutgoingEmail.Sender("shop@example.com", "Shop", null), "<p>Hi</p>", "Hi", List.of(), Map.of(),
                List.of(new OutgoingEmail.Recipient(42, "buyer@example.com", "Hello", Map.of(), Map.of()))));
        assertThat(names(request.path("personalizations").path(0).path("custom_args")))
                .as("per personalization").containsExactly(m.group(1));
        assertThat(names(request.path("custom_args"))).as("message level")
                .containsExactlyInAnyOrder(m.group(2), m.group(3));
        assertThat(Set.of(m.group(1), m.group(2), m.group(3))).isEqualTo(SENT);
        assertThat(m.group(1)).isEqualTo(SendGridMail.NOTIFICATION_ARG);
    }

    @Test
    void everyCustomArgTheReadmesMentionIsOneTheCodeSends() throws IOException {
        List<String> named = new ArrayList<>();
        Matcher dotted = Pattern.compile("custom_args\\.(\\w+)").matcher(Files.readString(README));
        while (dotted.find()) {
            named.add(dotted.group(1));
        }
        // functions/api reads them back: "custom_args `notificationId`/`shopId`".
        Matcher api = Pattern.compile("custom_args `(\\w+)`(?:/`(\\w+)`)?").matcher(Files.readString(API_README));
        while (api.find()) {
            named.add(api.group(1));
            if (api.group(2) != null) {
                named.add(api.group(2));
            }
        }
        assertThat(named).as("custom_args named in functions/email and functions/api READMEs").isNotEmpty()
                .allSatisfy(name -> assertThat(SENT).contains(name));
        assertThat(Files.readString(README)).doesNotContain("`notification_id`", "`shop_id`");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
