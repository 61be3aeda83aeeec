package com.gstcomms.templates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The sandbox merchant templates render in (plain Java: the sandbox needs no Quarkus). The escape attempts
 * here are the ones that worked against the application's own Qute engine, and their relatives.
 */
class TemplateSandboxTest {

    private static final Set<String> VARS = Set.of("customerName", "shopName", "amount", "daysOverdue", "items");

    private static String render(String source, Map<String, ?> variables) {
        return TemplateSandbox.compile(source, VARS, true, TemplateSandbox.MAX_EMAIL_BODY_CHARS, "HTML body")
                .render(variables, "HTML body");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{config:['gstcomms.shopify.api-secret']}",
            "{config:gstcomms.unsubscribe.secret}",
            "{config:property('quarkus.datasource.password')}",
            "{inject:messageTemplates}",
            "{cdi:sqsClient}",
            "{str:concat('a','b')}",
            "{#include gstcomms/email/layout}{/include}",
            "{#insert title}x{/insert}",
            "{#eval 'config:foo' /}",
            "{#let x=config:foo}{x}{/let}",
            "{#with customerName}{it}{/with}",
            "{#fragment id=x}y{/fragment}",
            "{customerName.getClass()}",
            "{customerName.getClass.getClassLoader}",
            "{customerName.class}",
            "{customerName.bytes}",
            "{customerName.length}",
            "{customerName.raw}",
            "{customerName.safe}",
            "{customerName.toString()}",
            "{data:customerName}",
            "{java.lang.System.getenv()}",
            "{@java.lang.String name}{name}",
            "{#for i in 100000000}{i}{/for}",
            "{#for i in customerName.length}{i}{/for}",
            "{#each 1000}{it}{/each}",
            "{unknownThing}",
            "{#if config:foo}x{/if}",
            "{customerName.or(config:foo)}",
            "{customerName ?: config:['gstcomms.shopify.api-secret']}",
    })
    void refusesWhatReachesBeyondTheMessagesVariables(String attack) {
        List<String> problems = TemplateSandbox.check("<p>Hello</p>\n" + attack, VARS, true, "HTML body");

        assertThat(problems).as(attack).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("HTML body"));
        assertThatThrownBy(() -> render("<p>Hello</p>\n" + attack, Map.of("customerName", "Asha")))
                .isInstanceOf(MessageRenderException.class);
    }

    @Test
    void namesTheLineAndTheExpressionThatIsRefused() {
        assertThat(TemplateSandbox.check("<p>Hi {customerName}</p>\n<p>{config:['gstcomms.shopify.api-secret']}</p>",
                VARS, true, "HTML body"))
                .singleElement().asString()
                .contains("line 2").contains("{config:gstcomms.shopify.api-secret}").contains("namespaces");
    }

    @Test
    void rendersTheDocumentedVariablesWithTheListedHelpers() {
        String out = render("<p>{customerName.upper} / {shopName ?: 'our shop'} / {amount.or('0.00')}</p>"
                        + "{#if daysOverdue > 0}<p>{daysOverdue} days late</p>{#else}<p>on time</p>{/if}"
                        + "{#for item in items}<li>{item_count}. {item.name}</li>{/for}{#if shopName??}[shop given]{/if}",
                Map.of("customerName", "Asha <b>", "daysOverdue", 3,
                        "items", List.of(Map.of("name", "Saree"), Map.of("name", "Dupatta & Stole"))));

        assertThat(out).contains("ASHA &lt;B&gt;").contains("our shop").contains("0.00").contains("3 days late")
                .contains("<li>1. Saree</li>").contains("<li>2. Dupatta &amp; Stole</li>").doesNotContain("[shop given]");
    }

    @Test
    void aMissingVariableIsNamedWithoutPrintingTheOthers() {
        assertThatThrownBy(() -> render("<p>{customerName} {shopName}</p>", Map.of("customerName", "secret-ish")))
                .isInstanceOfSatisfying(MessageRenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(MessageRenderException.Reason.MISSING_VARIABLE))
                .hasMessageContaining("shopName").hasMessageNotContaining("secret-ish");
    }

    @Test
    void stopsLoopsAfterTheIterationLimitEvenWhenNested() {
        List<Integer> thousand = new ArrayList<>(Collections.nCopies(1_000, 1));
        String nested = "{#for a in items}{#for b in items}{#for c in items}x{/for}{/for}{/for}";

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> render(nested, Map.of("items", thousand)))
                        .isInstanceOf(MessageRenderException.class).hasMessageContaining("iterations"));
        assertThat(render("{#for a in items}x{/for}", Map.of("items", thousand))).hasSize(1_000);
    }

    @Test
    void aLoopsCountCannotDriveAnotherLoop() {
        // Review finding: item_count is a Java Integer, which Qute iterates as 1..n — never counted.
        String bomb = "{#for a in items}{#for b in a_count}{#for c in a_count}{#for d in a_count}x{/for}{/for}{/for}{/for}";
        assertThat(TemplateSandbox.check(bomb, VARS, false, "text body")).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("list variable of the message only"));
        assertThat(TemplateSandbox.check("{#for a in items}{#for b in a}x{/for}{/for}", VARS, false, "text body"))
                .isNotEmpty();
        assertThat(render("{#for a in items}{a_count}{/for}", Map.of("items", List.of(1, 2)))).isEqualTo("12");
    }

    @Test
    void copiesMadeWhileRenderingAreBoundedBeforeAnyOutput() {
        // Review finding: upper/lower and escaping copy text; the result tree is built before output is counted.
        String copies = "{#for b in items}" + "{customerName.upper}".repeat(4_000) + "{/for}";
        Map<String, Object> vars = Map.of("customerName", "a".repeat(17_000), "items", Collections.nCopies(999, 1));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> render(copies, vars))
                        .isInstanceOf(MessageRenderException.class).hasMessageContaining("variables read come to"));
        String loopAliases = "{#for a in items}" + "{a}".repeat(20_000) + "{/for}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> render(loopAliases, Map.of("items", Collections.nCopies(999, "x"))))
                        .isInstanceOf(MessageRenderException.class).hasMessageContaining("variables were read"));
    }

    @Test
    void aNumberVariableCannotDriveALoop() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> render("{#for i in daysOverdue}x{/for}", Map.of("daysOverdue", 2_000_000_000)))
                        .isInstanceOf(MessageRenderException.class));
    }

    @Test
    void stopsOutputAtTheLimitOfItsPart() {
        String big = "x".repeat(60_000);
        List<Integer> items = Collections.nCopies(100, 1);
        assertThatThrownBy(() -> TemplateSandbox.compile("{#for i in items}" + big + "{/for}", VARS, false, 512 * 1024,
                "text body").render(Map.of("items", items), "text body"))
                .isInstanceOf(MessageRenderException.class).hasMessageContaining("longer than 524288");
        assertThatThrownBy(() -> TemplateSandbox.compile("{customerName}", VARS, false, 1_024, "variable")
                .render(Map.of("customerName", "y".repeat(1_025)), "variable"))
                .isInstanceOf(MessageRenderException.class).hasMessageContaining("longer than 1024");
    }

    @Test
    void refusesDeepNestingAndOversizedSource() {
        String deep = "{#if customerName}".repeat(9) + "x" + "{/if}".repeat(9);
        assertThat(TemplateSandbox.check(deep, VARS, false, "text body")).singleElement().asString()
                .contains("nested more than 8");
        assertThat(TemplateSandbox.check("{#if customerName}".repeat(8) + "x" + "{/if}".repeat(8), VARS, false,
                "text body")).isEmpty();
        assertThat(TemplateSandbox.check("a".repeat(TemplateSandbox.MAX_SOURCE_CHARS + 1), VARS, false, "text body"))
                .singleElement().asString().contains("more than the 100000");
    }

    @Test
    void lookupsAreBounded() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("items", Collections.nCopies(1_000, 1));
        vars.put("customerName", "a");
        String manyLookups = "{#for i in items}" + "{customerName}".repeat(60) + "{/for}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> TemplateSandbox.compile(manyLookups, VARS, false, 10_000_000, "text body")
                        .render(vars, "text body"))
                        .isInstanceOf(MessageRenderException.class).hasMessageContaining("variables were read"));
    }

    @Test
    void styleHandlingIsLinearInTheLengthOfTheHtml() {
        // 40,000 unclosed <style> tags: the old lazy regular expression rescanned the rest of the text for each.
        String hostile = "<style>".repeat(40_000);
        String closed = "<style>p{color:red}</style><p>{customerName}</p>".repeat(2_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(MessageTemplates.withLiteralStyles(hostile)).isEqualTo(hostile);
            assertThat(MessageTemplates.withLiteralStyles(closed)).contains("<style>{|p{color:red}|}</style>");
        });
        assertThat(render("<style>p{color:red}</style><STYLE type=\"text/css\">a{b:c}</STYLE><p>{customerName}</p>",
                Map.of("customerName", "Asha")))
                .isEqualTo("<style>p{color:red}</style><STYLE type=\"text/css\">a{b:c}</STYLE><p>Asha</p>");
    }
}
