package com.gstcomms.templates;

import com.gstcomms.templates.MessageRenderException.Reason;
import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.Results;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The engine for templates that merchants write (a shop's email subject, HTML and text, a WhatsApp text).
 * Such text is untrusted: it must not reach anything but the message's own variables. So it is not compiled
 * by the application's Qute engine — that one has the {@code config:}, {@code inject:} and {@code cdi:}
 * namespaces, reflection-free resolvers for Java objects and a locator for the app's own templates — but by
 * this separate engine, which has:
 * <ul>
 *   <li>no namespaces, no template locator (so no {@code {#include}} / {@code {#insert}} of other files),
 *       no value resolver for Java objects: variables are handed over as plain text, numbers, booleans and
 *       lists of those ({@link #safeValue}), looked up by one resolver that knows only them;</li>
 *   <li>the sections {@code {#if}}/{@code {#else}} and {@code {#for}}/{@code {#each}} only (over a list
 *       variable, never over a number literal);</li>
 *   <li>the formatting helpers {@link #HELPERS}: {@code x ?: 'default'}, {@code x.or('default')},
 *       {@code x??} (empty when missing), {@code x.upper}, {@code x.lower}.</li>
 * </ul>
 * A template is checked when it is compiled — when it is saved, previewed or used — and anything else is
 * refused naming the line and the expression ({@link #check}). Rendering is bounded: {@link #MAX_ITERATIONS}
 * loop iterations and {@link #MAX_EVALUATIONS} variable look-ups in all, {@link #MAX_NESTING} nested
 * sections, {@link #MAX_SOURCE_CHARS} characters of source per part, an output limit per part and
 * {@link #MAX_RENDER_MILLIS} of time. Every failure is a {@link MessageRenderException} of the one message,
 * so a hostile template fails its own messages and never the batch they travel in.
 */
public final class TemplateSandbox {

    /** Longest source of one part (subject, HTML body, text body) a shop may save. */
    public static final int MAX_SOURCE_CHARS = 100_000;
    /** Sections inside sections. */
    public static final int MAX_NESTING = 8;
    /** Loop iterations in one rendering, over all loops together. */
    public static final int MAX_ITERATIONS = 1_000;
    /** Variable look-ups in one rendering. */
    public static final int MAX_EVALUATIONS = 50_000;
    /** Time one rendering of one part may take. */
    public static final long MAX_RENDER_MILLIS = 2_000;
    /** Output limit of an email's HTML or text body. */
    public static final int MAX_EMAIL_BODY_CHARS = 512 * 1024;
    /** Output limit of an email subject: one header line (RFC 5322 §2.1.1: 998 characters). */
    public static final int MAX_SUBJECT_CHARS = 998;
    /** Output limit of a WhatsApp text (Twilio sends at most 1,600; longer ones go as the approved template). */
    public static final int MAX_WHATSAPP_CHARS = 4_096;

    /** Virtual methods a template may call on a variable. {@code x??} is Qute's short form of {@code x.or('')}. */
    public static final Set<String> HELPERS = Set.of("or", "?:", "upper", "lower");
    /** Sections a template may use ({@code else} is a block of {@code if}). */
    public static final Set<String> SECTIONS = Set.of("if", "for", "each");
    /** What a loop tells about the current iteration ({@code {item_index}}, {@code {item_hasNext}}…). */
    private static final Set<String> ITERATION_METADATA = Set.of("index", "count", "hasNext", "isFirst", "isLast",
            "odd", "even", "isOdd", "isEven", "indexParity");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** The instance attribute that carries the rendering's {@link Budget} to the resolvers. */
    private static final String BUDGET = "gstcomms.sandbox.budget";

    private static final Engine ENGINE = Engine.builder()
            .addSectionHelper(new IfSectionHelper.Factory())
            .addSectionHelper(new LoopSectionHelper.Factory(LoopSectionHelper.Factory.ITERATION_METADATA_PREFIX_ALIAS_UNDERSCORE))
            // Every resolver is charged: each look-up counts against the rendering's budget, and so does the
            // length of every text it hands back (a look-up returns a reference, but escaping and upper/lower
            // make copies: memory would grow before any output reached the output check).
            .addValueResolver(new Charged(new VariablesResolver()))
            .addValueResolver(new Charged(new CaseResolver()))
            .addValueResolver(new Charged(ValueResolvers.orResolver()))
            // A loop's iteration (its alias and item_index, item_count…) is a Qute Mapper: the loop's own.
            .addValueResolver(new Charged(ValueResolvers.mapperResolver()))
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .strictRendering(true)
            .removeStandaloneLines(true)
            .build();

    private TemplateSandbox() {
    }

    /** One part of a merchant's template, compiled and checked; immutable and thread-safe. */
    public static final class Part {
        private final Template template;
        private final int maxOutput;
        private final int sourceChars;

        private Part(Template template, int maxOutput, int sourceChars) {
            this.template = template;
            this.maxOutput = maxOutput;
            this.sourceChars = sourceChars;
        }

        /** About how much memory the compiled part holds, for the template cache's byte bound. */
        public int weight() {
            return sourceChars * 8;
        }

        /**
         * Renders with these variables, within the limits of the class comment.
         *
         * @throws MessageRenderException {@code MISSING_VARIABLE} or {@code TEMPLATE_ERROR} (a limit: which one)
         */
        public String render(Map<String, ?> variables, String where) {
            Budget budget = new Budget(where, maxOutput);
            Variables root = new Variables(budget, variables == null ? Map.of() : variables);
            TemplateInstance instance = template.instance().data(root).setAttribute(BUDGET, budget);
            StringBuilder out = new StringBuilder();
            // Every value of the sandbox is at hand, so Qute renders synchronously on this thread: the time
            // limit is the budget's, checked as it goes; the timeout of get() would only catch a wait.
            try {
                instance.consume(chunk -> {
                    budget.check();
                    budget.output(chunk.length());
                    out.append(chunk);
                }).toCompletableFuture().get(MAX_RENDER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw failure(e.getCause(), where);
            } catch (TimeoutException e) {
                throw new MessageRenderException(Reason.TEMPLATE_ERROR, "Rendering the " + where + " took longer than "
                        + MAX_RENDER_MILLIS + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessageRenderException(Reason.TEMPLATE_ERROR, "Rendering the " + where + " was interrupted");
            } catch (RuntimeException e) {
                throw failure(e, where);
            }
            budget.check();
            return out.toString();
        }
    }

    /**
     * Compiles one part of a merchant's template.
     *
     * @param allowed   the variables the template may read (the documented ones of its kind)
     * @param html      true for an HTML body: every variable is then HTML-escaped
     * @param maxOutput the longest output the part may produce
     * @throws MessageRenderException {@code TEMPLATE_ERROR} with the line and the expression that is refused
     */
    public static Part compile(String source, Set<String> allowed, boolean html, int maxOutput, String where) {
        List<String> problems = new ArrayList<>();
        Template template = parse(source, allowed, html, where, problems);
        if (!problems.isEmpty()) {
            throw new MessageRenderException(Reason.TEMPLATE_ERROR, String.join("; ", problems));
        }
        return new Part(template, maxOutput, source.length());
    }

    /** Every problem of one part, each naming the part, the line and the expression; empty when it compiles. */
    public static List<String> check(String source, Set<String> allowed, boolean html, String where) {
        List<String> problems = new ArrayList<>();
        parse(source, allowed, html, where, problems);
        return problems;
    }

    private static Template parse(String source, Set<String> allowed, boolean html, String where, List<String> problems) {
        if (source.length() > MAX_SOURCE_CHARS) {
            problems.add(where + ": " + source.length() + " characters, more than the " + MAX_SOURCE_CHARS
                    + " a template part may have");
            return null;
        }
        Template template;
        try {
            template = ENGINE.parse(html ? MessageTemplates.withLiteralStyles(source) : source,
                    Variant.forContentType(html ? Variant.TEXT_HTML : Variant.TEXT_PLAIN), null);
        } catch (TemplateException e) {
            problems.add(where + (e.getOrigin() != null ? " line " + e.getOrigin().getLine() : "") + ": "
                    + parseProblem(e));
            return null;
        } catch (RuntimeException e) {
            problems.add(where + ": cannot be parsed (" + MessageTemplate.firstLine(e.getMessage()) + ")");
            return null;
        }
        Map<String, Scope> scope = new HashMap<>();
        for (String name : allowed) {
            scope.put(name, Scope.VALUE);
        }
        checkNodes(template.getRootNode().getBlocks().get(0).nodes, scope, 0, where, problems);
        return template;
    }

    /**
     * What a name in a template is: a variable of the message, a loop's item, or a loop's iteration metadata
     * ({@code item_count}: a Java Integer, which Qute would iterate as 1..n — so never a loop's source).
     */
    private enum Scope { VALUE, ITEM, META }

    private static void checkNodes(List<TemplateNode> nodes, Map<String, Scope> scope, int depth, String where,
                                   List<String> problems) {
        for (TemplateNode node : nodes) {
            if (node.isText()) {
                continue;
            }
            if (node.isSection()) {
                checkSection(node.asSection(), scope, depth + 1, where, problems);
            } else if (node.isExpression()) {
                for (Expression e : node.getExpressions()) {
                    checkExpression(e, scope, where, problems);
                }
            } else {
                // Parameter declarations ({@com.example.Type name}) name Java types: not for shop templates.
                problems.add(where + " line " + node.getOrigin().getLine() + ": declarations are not allowed in "
                        + "shop templates");
            }
        }
    }

    private static void checkSection(SectionNode section, Map<String, Scope> scope, int depth, String where,
                                     List<String> problems) {
        int line = section.getOrigin().getLine();
        if (depth > MAX_NESTING) {
            problems.add(where + " line " + line + ": sections are nested more than " + MAX_NESTING + " deep");
            return;
        }
        boolean loop = section.getHelper() instanceof LoopSectionHelper;
        Map<String, Scope> inner = scope;
        for (SectionBlock block : section.getBlocks()) {
            for (Expression e : block.expressions.values()) {
                checkExpression(e, scope, where, problems);
            }
            if (loop && block.expressions.containsKey("iterable")) {
                Expression iterable = block.expressions.get("iterable");
                if (iterable.isLiteral() || iterable.getParts().size() != 1
                        || scope.get(iterable.getParts().get(0).getName()) != Scope.VALUE) {
                    problems.add(where + " line " + line + ": {#" + section.getName() + " " + iterable.toOriginalString()
                            + "} — a loop goes over a list variable of the message only (not a number, a loop's item "
                            + "or its count)");
                }
                String alias = block.parameters.getOrDefault("alias", "it");
                inner = new HashMap<>(scope);
                inner.put(alias, Scope.ITEM);
                for (String meta : ITERATION_METADATA) {
                    inner.put(alias + "_" + meta, Scope.META);
                }
            }
            checkNodes(block.nodes, inner, depth, where, problems);
        }
    }

    private static void checkExpression(Expression e, Map<String, Scope> scope, String where, List<String> problems) {
        String at = where + " line " + e.getOrigin().getLine() + ": {" + e.toOriginalString() + "}";
        if (e.hasNamespace()) {
            problems.add(at + " — namespaces (" + e.getNamespace() + ":) are not available in shop templates");
            return;
        }
        if (e.isLiteral()) {
            return;
        }
        List<Expression.Part> parts = e.getParts();
        Expression.Part first = parts.get(0);
        Scope root = scope.get(first.getName());
        if (first.isVirtualMethod() || root == null) {
            problems.add(at + " — '" + first.getName() + "' is not a variable of this message (it has: "
                    + String.join(", ", new TreeSet<>(scope.keySet().stream().filter(n -> scope.get(n) == Scope.VALUE
                    && !n.contains("_")).toList())) + ")");
            return;
        }
        for (int i = 1; i < parts.size(); i++) {
            Expression.Part part = parts.get(i);
            if (part.isVirtualMethod()) {
                if (!HELPERS.contains(part.getName())) {
                    problems.add(at + " — '" + part.getName() + "(…)' is not a helper of shop templates (helpers: "
                            + String.join(", ", new TreeSet<>(HELPERS)) + ")");
                    return;
                }
                for (Expression parameter : part.asVirtualMethod().getParameters()) {
                    checkExpression(parameter, scope, where, problems);
                }
            } else if (HELPERS.contains(part.getName()) && !part.getName().equals("or")) {
                continue; // x.upper, x.lower
            } else if (!(i == 1 && root == Scope.ITEM && NAME.matcher(part.getName()).matches())) {
                problems.add(at + " — '." + part.getName() + "': shop templates read variables, not their properties "
                        + "or methods (only a loop item's fields, like {item.name})");
                return;
            }
        }
    }

    private static String parseProblem(TemplateException e) {
        String message = MessageTemplate.firstLine(e.getMessage());
        if (message.contains("no section helper") || message.contains("No section helper")) {
            return message + " — shop templates may use the sections #" + String.join(", #", new TreeSet<>(SECTIONS));
        }
        return message;
    }

    private static MessageRenderException failure(Throwable e, String where) {
        if (e instanceof MessageRenderException m) {
            return m;
        }
        if (e instanceof TemplateException t && t.getCause() instanceof MessageRenderException m) {
            return m;
        }
        if (e != null && e.getCause() instanceof MessageRenderException m) {
            return m;
        }
        if (e instanceof TemplateException t) {
            return MessageTemplate.describe(t, where);
        }
        return new MessageRenderException(Reason.TEMPLATE_ERROR, "Cannot render the " + where + ": "
                + MessageTemplate.firstLine(e == null ? null : e.getClass().getSimpleName() + " " + e.getMessage()), e);
    }

    /**
     * What a variable may be inside the sandbox: text, a number (as a {@link BigDecimal}, so a loop cannot run
     * over it), a boolean, or a list or record of those. Anything else is its text.
     */
    static Object safeValue(Object value, Budget budget) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return new Variables(budget, fields);
        }
        if (value instanceof Collection<?> list) {
            return new Items(budget, List.copyOf(list.stream().map(v -> v == null ? "" : v).toList()));
        }
        return value.toString();
    }

    /** The limits of one rendering (class comment), counted as it goes. */
    static final class Budget {
        private final String where;
        private final int maxOutput;
        private final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_RENDER_MILLIS);
        private int iterations;
        private int evaluations;
        private long output;
        private long produced;
        private MessageRenderException exceeded;

        Budget(String where, int maxOutput) {
            this.where = where;
            this.maxOutput = maxOutput;
        }

        void iteration() {
            if (++iterations > MAX_ITERATIONS) {
                throw limit("loops ran more than " + MAX_ITERATIONS + " iterations");
            }
            time();
        }

        void evaluation() {
            if (exceeded != null) {
                throw exceeded;
            }
            if (++evaluations > MAX_EVALUATIONS) {
                throw limit("more than " + MAX_EVALUATIONS + " variables were read");
            }
            if ((evaluations & 63) == 0) {
                time();
            }
        }

        /**
         * Text handed back by a look-up: at most twice the output limit (64K at least) in all. Over it, the
         * next look-up fails (Qute takes an exception thrown after a resolver's answer for "not found" and goes
         * on; one thrown before asking a resolver ends the rendering).
         */
        void produced(int chars) {
            produced += chars;
            if (produced > Math.max(2L * maxOutput, 65_536) && exceeded == null) {
                exceeded = limit("the variables read come to more than " + Math.max(2L * maxOutput, 65_536)
                        + " characters");
            }
        }

        /** Throws the limit a look-up went over, if one did. */
        void check() {
            if (exceeded != null) {
                throw exceeded;
            }
        }

        void output(int chars) {
            output += chars;
            if (output > maxOutput) {
                throw limit("the output is longer than " + maxOutput + " characters");
            }
            time();
        }

        private void time() {
            if (System.nanoTime() > deadline) {
                throw limit("rendering took longer than " + MAX_RENDER_MILLIS + " ms");
            }
        }

        private MessageRenderException limit(String what) {
            return new MessageRenderException(Reason.TEMPLATE_ERROR, "The " + where + " exceeds a limit of shop "
                    + "templates: " + what);
        }
    }

    /** The variables of one rendering (or the fields of one loop item); the only thing templates can look into. */
    static final class Variables {
        private final Budget budget;
        private final Map<String, ?> values;

        Variables(Budget budget, Map<String, ?> values) {
            this.budget = budget;
            this.values = values;
        }

        @Override
        public String toString() {
            return "the message's variables"; // Qute's errors print the base object: never the values
        }
    }

    /** A list variable whose iteration counts against the rendering's budget. */
    static final class Items implements Iterable<Object> {
        private final Budget budget;
        private final List<?> values;

        Items(Budget budget, List<?> values) {
            this.budget = budget;
            this.values = values;
        }

        @Override
        public Iterator<Object> iterator() {
            Iterator<?> it = values.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object next() {
                    budget.iteration();
                    return safeValue(it.next(), budget);
                }
            };
        }

        @Override
        public String toString() {
            return values.size() + " items";
        }
    }

    private static final class VariablesResolver implements ValueResolver {
        @Override
        public boolean appliesTo(EvalContext context) {
            return context.getBase() instanceof Variables;
        }

        @Override
        public CompletionStage<Object> resolve(EvalContext context) {
            Variables variables = (Variables) context.getBase();
            if (!context.getParams().isEmpty() || !variables.values.containsKey(context.getName())) {
                return Results.notFound(context);
            }
            Object value = safeValue(variables.values.get(context.getName()), variables.budget);
            return value == null ? Results.notFound(context) : CompletedStage.of(value);
        }
    }

    /** A resolver whose every look-up, and the text it hands back, is charged to the rendering's budget. */
    private static final class Charged implements ValueResolver {
        private final ValueResolver resolver;

        Charged(ValueResolver resolver) {
            this.resolver = resolver;
        }

        @Override
        public int getPriority() {
            return resolver.getPriority();
        }

        @Override
        public boolean appliesTo(EvalContext context) {
            return resolver.appliesTo(context);
        }

        @Override
        public CompletionStage<Object> resolve(EvalContext context) {
            Budget budget = (Budget) context.getAttribute(BUDGET);
            budget.evaluation();
            CompletionStage<Object> result = resolver.resolve(context);
            // Charged on this thread and thrown from here: a failure inside a stage's function would come
            // back to Qute as a failed stage, which it may take for "not found" and go on.
            if (result instanceof CompletedStage<Object> done && !done.isFailure()
                    && done.get() instanceof CharSequence text) {
                budget.produced(text.length());
            }
            return result;
        }
    }

    private static final class CaseResolver implements ValueResolver {
        @Override
        public boolean appliesTo(EvalContext context) {
            return context.getBase() instanceof String && context.getParams().isEmpty()
                    && (context.getName().equals("upper") || context.getName().equals("lower"));
        }

        @Override
        public CompletionStage<Object> resolve(EvalContext context) {
            String text = (String) context.getBase();
            return CompletedStage.of(context.getName().equals("upper") ? text.toUpperCase(Locale.ROOT)
                    : text.toLowerCase(Locale.ROOT));
        }
    }
}
