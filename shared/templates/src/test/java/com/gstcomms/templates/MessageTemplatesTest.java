package com.gstcomms.templates;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.templates.MessageRenderException.Reason;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres"))
class MessageTemplatesTest {

    @Inject
    MessageTemplates templates;

    long shopId;

    @BeforeEach
    void newShop() {
        Shop shop = new Shop();
        shop.shopDomain = "t-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        shopId = shop.id;
    }

    static Stream<Arguments> everyBuiltIn() {
        return MessageKinds.BUILT_IN.stream().flatMap(kind -> MessageKinds.BUILT_IN_LOCALES.stream()
                .flatMap(locale -> Stream.of(Arguments.of(Channel.EMAIL, kind, locale),
                        Arguments.of(Channel.WHATSAPP, kind, locale))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyBuiltIn")
    void everyBuiltInTemplateRendersItsSampleVariables(Channel channel, String kind, String locale) {
        RenderedMessage message = inSession(() -> templates.render(shopId, channel, kind, locale,
                MessageTemplates.sampleVariables(kind)));

        assertThat(message.source().builtIn()).isTrue();
        assertThat(message.source().locale()).isEqualTo(locale);
        assertThat(message.text()).isNotBlank().doesNotContain("{")
                .contains(kind.equals(MessageKinds.CAMPAIGN) ? "DIWALI20" : "Asha Verma");
        if (channel == Channel.EMAIL) {
            assertThat(message.subject()).isNotBlank().doesNotContain("{").doesNotContain("\n");
            assertThat(message.html()).contains("<html lang=\"" + locale + "\"").contains("Kala Handlooms")
                    .doesNotContain("{");
        } else {
            assertThat(message.subject()).isNull();
            assertThat(message.html()).isNull();
        }
    }

    @Test
    void rendersTheHindiInvoiceEmailForAHindiSpeakingCustomer() {
        RenderedMessage message = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.INVOICE_DELIVERY, "hi-IN", MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY)));

        assertThat(message.subject()).isEqualTo("Kala Handlooms की ओर से टैक्स इनवॉइस INV/2025-26/0042");
        assertThat(message.html()).contains("प्रिय Asha Verma").contains("जीएसटी टैक्स इनवॉइस");
        assertThat(message.text()).contains("कृपया 26-05-2025 तक भुगतान करें।");
    }

    @Test
    void optionalVariablesThatAreAbsentLeaveTheirSentenceOut() {
        Map<String, Object> variables = new HashMap<>(MessageTemplates.sampleVariables(MessageKinds.PAYMENT_REMINDER));
        variables.remove("paymentLink");
        variables.put("daysOverdue", 0);

        RenderedMessage message = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.PAYMENT_REMINDER, "en", variables));

        assertThat(message.subject()).startsWith("payment reminder");
        assertThat(message.text()).contains("is due on 26-05-2025").doesNotContain("UPI");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "built-in template | false",
            "shop template     | true"})
    void escapesHtmlInVariables(String what, boolean shopTemplate) {
        if (shopTemplate) {
            saveShopTemplate(shopId, "en", 1, true, "Order {orderRef}", "<p>Hello {customerName}</p>", null);
        }
        Map<String, Object> variables = new HashMap<>(MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION));
        variables.put("customerName", "<script>alert('x')</script> & \"Sons\"");

        RenderedMessage message = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.ORDER_CONFIRMATION, "en", variables));

        assertThat(message.source().builtIn()).isEqualTo(!shopTemplate);
        assertThat(message.html()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Sons&quot;");
        // the plain-text part is not HTML: the customer sees their name as typed
        assertThat(message.text()).contains("<script>alert('x')</script> & \"Sons\"");
    }

    @Test
    void refusesASubjectThatALineBreakInAVariableWouldSplit() {
        Map<String, Object> variables = new HashMap<>(MessageTemplates.sampleVariables(MessageKinds.CAMPAIGN));
        variables.put("subject", "Sale\r\nBcc: everyone@example.com");

        assertThatThrownBy(() -> inSession(() -> templates.render(shopId, Channel.EMAIL, MessageKinds.CAMPAIGN,
                "en", variables)))
                .isInstanceOfSatisfying(MessageRenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_SUBJECT))
                .hasMessageContaining("line break");
    }

    @Test
    void theShopsLatestActiveVersionOverridesTheBuiltInOne() {
        saveShopTemplate(shopId, "en", 1, true, "v1 {orderRef}", "<p>v1</p>", "v1");
        saveShopTemplate(shopId, "en", 2, true, "v2 {orderRef}", "<p>v2 {customerName}</p>", "v2 {customerName}");
        saveShopTemplate(shopId, "en", 3, false, "v3 draft {orderRef}", "<p>v3</p>", "v3");
        long otherShop = newShopId();
        saveShopTemplate(otherShop, "en", 9, true, "other shop {orderRef}", "<p>other</p>", "other");

        RenderedMessage message = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.ORDER_CONFIRMATION, "en", MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION)));

        assertThat(message.subject()).isEqualTo("v2 #1042");
        assertThat(message.text()).isEqualTo("v2 Asha Verma");
        assertThat(message.source().version()).isEqualTo(2);
        assertThat(message.source().shopId()).isEqualTo(shopId);
    }

    @Test
    void aHindiCustomerGetsTheBuiltInHindiTemplateWhenTheShopCustomisedOnlyEnglish() {
        saveShopTemplate(shopId, "en", 1, true, "custom {orderRef}", "<p>custom</p>", "custom");

        RenderedMessage hindi = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.ORDER_CONFIRMATION, "hi", MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION)));
        RenderedMessage tamil = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.ORDER_CONFIRMATION, "ta-IN", MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION)));

        assertThat(hindi.source().builtIn()).isTrue();
        assertThat(hindi.subject()).contains("पक्का");
        assertThat(tamil.subject()).isEqualTo("custom #1042");   // no Tamil anywhere: English, the shop's
    }

    @Test
    void aShopTemplateWithOnlyHtmlGetsAPlainTextAlternative() {
        saveShopTemplate(shopId, "en", 1, true, "Order {orderRef}",
                "<html><head><style>p{color:red}</style></head><body><p>Hello {customerName},</p>"
                        + "<p>Track <a href=\"https://t.example/{orderRef}\">here</a></p></body></html>", null);

        RenderedMessage message = inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.ORDER_CONFIRMATION, "en", MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION)));

        assertThat(message.text()).isEqualTo("Hello Asha Verma,\nTrack here (https://t.example/#1042)\n");
    }

    @Test
    void aMissingVariableIsNamedWithoutPrintingTheOthers() {
        Map<String, Object> variables = new HashMap<>(MessageTemplates.sampleVariables(MessageKinds.INVOICE_DELIVERY));
        variables.remove("invoiceNumber");

        assertThatThrownBy(() -> inSession(() -> templates.render(shopId, Channel.EMAIL,
                MessageKinds.INVOICE_DELIVERY, "en", variables)))
                .isInstanceOfSatisfying(MessageRenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_VARIABLE))
                .hasMessageContaining("'invoiceNumber'")
                .hasMessageNotContaining("Asha");
    }

    @Test
    void aKindWithoutAnyTemplateIsAClearError() {
        assertThatThrownBy(() -> inSession(() -> templates.render(shopId, Channel.EMAIL, "LOYALTY_POINTS", "en",
                Map.of())))
                .isInstanceOfSatisfying(MessageRenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_TEMPLATE))
                .hasMessageContaining("LOYALTY_POINTS");
    }

    @Test
    void reportsTheLineOfATemplateThatDoesNotParse() {
        assertThat(templates.problems(Channel.EMAIL, "LOYALTY", List.of("name", "x"), "Hi {name",
                "<p>ok</p>\n{#if x}<p>no end</p>", null))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("subject"))
                .anySatisfy(p -> assertThat(p).startsWith("HTML body line"));
        assertThat(templates.problems(Channel.EMAIL, "LOYALTY", List.of("name"), "Hi {name}", "<p>{name}</p>", null))
                .isEmpty();
    }

    private long newShopId() {
        Shop shop = new Shop();
        shop.shopDomain = "t-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        return shop.id;
    }

    private static void saveShopTemplate(long shopId, String locale, int version, boolean active, String subject,
                                         String html, String text) {
        Template t = new Template();
        t.shopId = shopId;
        t.channel = Channel.EMAIL;
        t.kind = MessageKinds.ORDER_CONFIRMATION;
        t.locale = locale;
        t.version = version;
        t.subject = subject;
        t.bodyHtml = html;
        t.bodyText = text;
        t.active = active;
        inTransaction(t::persist);
    }
}
