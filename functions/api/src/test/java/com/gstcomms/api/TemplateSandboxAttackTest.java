package com.gstcomms.api;

import com.gstcomms.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.gstcomms.api.Api.asKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Security issue, item 1: a merchant's template must not read the platform's secrets. On main d03d9b2 a
 * VIEWER previewing the draft {@code {config:['gstcomms.shopify.api-secret']}} got the Shopify app secret
 * back, because shop templates were compiled by the application's own Qute engine. Here every escape
 * attempt of a corpus goes through the HTTP API (draft preview and save, by every role), and no configured
 * secret may appear in any answer or log line.
 */
@QuarkusTest
class TemplateSandboxAttackTest {

    /** Escape attempts that worked against the app's engine, and their relatives. */
    static final List<String> ATTACKS = List.of(
            "{config:['gstcomms.shopify.api-secret']}",
            "{config:['gstcomms.unsubscribe.secret']}",
            "{config:['quarkus.datasource.password']}",
            "{config:['quarkus.datasource.reactive.url']}",
            "{config:['gstcomms.aws.secret-access-key']}",
            "{config:gstcomms.shopify.api-secret}",
            "{config:property('gstcomms.shopify.api-secret')}",
            "{config:boolean('x')}",
            "{inject:messageTemplates}",
            "{inject:sessionTokens.toString()}",
            "{cdi:shopifyConfig.apiSecret()}",
            "{cdi:providersConfig}",
            "{#include gstcomms/email/layout}{#title}x{/title}{/include}",
            "{#insert title}{/insert}",
            "{#eval \"{config:['gstcomms.shopify.api-secret']}\" /}",
            "{#let s=config:['gstcomms.shopify.api-secret']}{s}{/let}",
            "{#with config:properties}{it}{/with}",
            "{#for i in 100000000}{i}{/for}",
            "{customerName.getClass().getClassLoader()}",
            "{customerName.class.forName('java.lang.System')}",
            "{customerName.raw}",
            "{shopName.or(config:['gstcomms.shopify.api-secret'])}",
            "{shopName ?: config:['gstcomms.unsubscribe.secret']}",
            "{#if config:['gstcomms.shopify.api-secret'].startsWith('t')}leak{/if}",
            "{uri:Foo.bar}",
            "{msg:hello}",
            "{global:x}",
            "{@java.lang.System sys}{sys}",
            "{#for a in items}{#for b in a_count}{#for c in a_count}x{/for}{/for}{/for}");

    static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOG.add(record.getMessage() + " " + record.getParameters() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    TestShops.TestShop shop;

    @BeforeAll
    static void captureLogs() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapturing() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @BeforeEach
    void setUp() {
        shop = TestShops.create();
    }

    /** Every value of this function's configuration that is a secret (by its name), as configured here. */
    static Map<String, String> configuredSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean ours = lower.startsWith("gstcomms.") || lower.startsWith("quarkus.datasource.")
                    || lower.startsWith("quarkus.mailer.");
            if (ours && (lower.contains("secret") || lower.contains("password") || lower.contains("api-key")
                    || lower.contains("token") || lower.contains("access-key"))) {
                ConfigProvider.getConfig().getOptionalValue(name, String.class)
                        .filter(v -> v.length() >= 8 && !v.contains("/") && !v.equals("true") && !v.equals("false"))
                        .ifPresent(v -> secrets.put(name, v));
            }
        }
        return secrets;
    }

    @Test
    void theTestKnowsTheSecretsItLooksFor() {
        assertThat(configuredSecrets()).containsKeys("gstcomms.shopify.api-secret", "gstcomms.unsubscribe.secret");
    }

    @Test
    void aViewerCannotPreviewADraftOrAShopTemplate() {
        String draft = "{\"draft\":{\"subject\":\"Hi\",\"bodyHtml\":\"<p>{config:['gstcomms.shopify.api-secret']}</p>\"}}";
        asKey(shop.viewer()).body(draft).when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview")
                .then().statusCode(403).body(containsString("STAFF"));

        String id = asKey(shop.owner()).body("{\"subject\":\"Invoice {invoiceNumber}\",\"bodyText\":\"Dear {customerName}\"}")
                .when().put("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en").then().statusCode(200)
                .extract().jsonPath().getString("id");
        asKey(shop.viewer()).body("{}").when().post("/v1/templates/" + id + "/preview").then().statusCode(403);
        asKey(shop.staff()).body("{}").when().post("/v1/templates/" + id + "/preview").then().statusCode(200)
                .body("subject", equalTo("Invoice INV/2025-26/0042"));
        // What a VIEWER may still do: preview the built-ins, rendered.
        asKey(shop.viewer()).body("{}").when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview")
                .then().statusCode(200).body("html", containsString("Kala Handlooms"));
    }

    @Test
    void theEditorsUntouchedBuiltInTextPreviewsAsTheBuiltInButAnEditIsADraft() {
        // The pages' editor posts what it shows; a built-in's own source (with its {#include} layout) is the
        // built-in, a form's CRLF line ends notwithstanding.
        var builtIn = asKey(shop.viewer()).when().get("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en")
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> same = Map.of("subject", builtIn.getString("subject"),
                "bodyHtml", builtIn.getString("bodyHtml").replace("\n", "\r\n"), "bodyText", builtIn.getString("bodyText"));
        asKey(shop.viewer()).body(json(Map.of("draft", same)))
                .when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview")
                .then().statusCode(200).body("html", containsString("Kala Handlooms"));
        Map<String, String> edited = new LinkedHashMap<>(same);
        edited.put("bodyText", same.get("bodyText") + " {shopName}");
        asKey(shop.viewer()).body(json(Map.of("draft", edited)))
                .when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview").then().statusCode(403);
        asKey(shop.staff()).body(json(Map.of("draft", edited)))
                .when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview")
                .then().statusCode(422).body("detail", containsString("include"));
    }

    @Test
    void noEscapeAttemptReadsAConfiguredSecretThroughPreviewOrSave() {
        Map<String, String> secrets = configuredSecrets();
        List<String> answers = new ArrayList<>();
        for (String attack : ATTACKS) {
            for (String part : List.of("subject", "bodyHtml", "bodyText")) {
                String edit = json(Map.of("subject", part.equals("subject") ? "Hi " + attack : "Invoice {invoiceNumber}",
                        "bodyHtml", part.equals("bodyHtml") ? "<p>Dear {customerName}</p>\n<p>" + attack + "</p>" : "<p>x</p>",
                        "bodyText", part.equals("bodyText") ? "Dear {customerName}\n" + attack : "x"));
                for (String key : List.of(shop.owner(), shop.staff(), shop.viewer())) {
                    Response preview = asKey(key).body("{\"draft\":" + edit + "}")
                            .when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview");
                    answers.add(preview.asString());
                    assertThat(preview.statusCode()).as(attack + " in " + part + " previewed").isIn(400, 403, 422);
                }
                Response saved = asKey(shop.owner()).body(edit).when().put("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en");
                answers.add(saved.asString());
                assertThat(saved.statusCode()).as(attack + " in " + part + " saved").isEqualTo(400);
                assertThat(saved.jsonPath().getList("errors.field")).as(attack).contains(part);
            }
        }
        List<String> logLines = new ArrayList<>(LOG);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertThat(answers).as("answers carrying " + secret.getKey()).noneMatch(a -> a.contains(secret.getValue()));
            assertThat(logLines).as("log lines carrying " + secret.getKey()).noneMatch(l -> l.contains(secret.getValue()));
        }
    }

    @Test
    void aRefusedTemplateIsNamedByPartLineAndExpression() {
        asKey(shop.owner()).body(json(Map.of("subject", "Invoice {invoiceNumber}",
                        "bodyHtml", "<p>Dear {customerName}</p>\n<p>{config:['gstcomms.shopify.api-secret']}</p>")))
                .when().put("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en")
                .then().statusCode(400)
                .body("errors.field", hasItem("bodyHtml"),
                        "errors[0].message", containsString("line 2"),
                        "errors[0].message", containsString("config:gstcomms.shopify.api-secret"));
        asKey(shop.owner()).body(json(Map.of("subject", "Invoice {invoiceNumber}", "bodyText", "Hi {gstin}")))
                .when().put("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en")
                .then().statusCode(400).body("errors[0].message", containsString("'gstin' is not a variable"));
    }

    @Test
    void aHostileTemplateStoredBeforeTheSandboxFailsItsPreviewWithoutTheSecret() {
        // A row saved before this fix (the save path refuses it now): straight into the database.
        long id = Sql.ofApp().insert("template", "shop_id", shop.id(), "channel", "EMAIL", "kind", "INVOICE_DELIVERY",
                "locale", "en", "version", 1, "subject", "Invoice {invoiceNumber}",
                "body_html", "<p>{config:['gstcomms.shopify.api-secret']}</p>", "created_by", "test");
        String answer = asKey(shop.staff()).body("{}").when().post("/v1/templates/" + id + "/preview")
                .then().statusCode(422).body("detail", containsString("namespaces")).extract().asString();
        assertThat(answer).doesNotContain(configuredSecrets().get("gstcomms.shopify.api-secret"));
    }

    @Test
    void aLoopBombOrHugeOutputIsStoppedAtItsLimit() {
        String many = "{#for a in items}{#for b in items}{#for c in items}" + "x".repeat(100) + "{/for}{/for}{/for}";
        List<Integer> items = Collections.nCopies(1_000, 1);
        long started = System.nanoTime();
        asKey(shop.staff()).body(json(Map.of("variables", Map.of("items", items),
                        "draft", Map.of("subject", "Hi", "bodyText", many, "variables", List.of("items")))))
                .when().post("/v1/templates/builtin:EMAIL:INVOICE_DELIVERY:en/preview")
                .then().statusCode(422).body("detail", containsString("1000 iterations"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms to refuse the loop bomb").isLessThan(5_000);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
