package com.gstcomms.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules template.yaml must keep as functions land (issue 9), checked without AWS (the SAM CLI
 * cannot be installed here):
 * <ul>
 *   <li>every function's CodeUri is {@code <module>/target/function.zip} of a Maven module that the
 *       reactor builds, and a {@code QUARKUS_LAMBDA_HANDLER} names a {@code @Named} handler of that module;</li>
 *   <li>a function of a Funqy module (its pom has {@code quarkus-funqy-amazon-lambda}) runs Funqy's handler on
 *       java21 and names its {@code @Funq} function in {@code QUARKUS_FUNQY_EXPORT}; every other function runs
 *       {@code QuarkusStreamHandler} (one Lambda extension per artifact: each starts its own poll loop);</li>
 *   <li>every queue that is not itself a dead-letter queue has a RedrivePolicy to a queue of the template
 *       with maxReceiveCount 5;</li>
 *   <li>a queue's VisibilityTimeout is at least 6 times the Timeout of each function that consumes it
 *       (AWS: "set the source queue's visibility timeout to at least six times the timeout that you
 *       configure on your function");</li>
 *   <li>every SQS event reports partial batch failures ({@code FunctionResponseTypes:
 *       [ReportBatchItemFailures]}) and names a queue of the template;</li>
 *   <li>S3 events name a bucket of the template, HttpApi events an HttpApi, schedules parse;</li>
 *   <li>no function policy grants {@code *} actions ({@code "*"} or {@code "service:*"}) or an
 *       administrator/full-access managed policy. (A KMS key policy giving the account root
 *       {@code kms:*} is the key's resource policy, not a function's permission, and is not checked.)</li>
 * </ul>
 */
public final class TemplateCheck {

    public static final int MAX_RECEIVE_COUNT = 5;
    public static final int VISIBILITY_FACTOR = 6;
    /** SAM's default Timeout when neither the function nor Globals gives one. */
    static final int SAM_DEFAULT_TIMEOUT = 3;
    private static final Pattern WILDCARD_ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:\\*");

    static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String FUNQY_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

    private final SamTemplate template;
    private final Resolver resolver;
    /** The template as the java21 runtime sees it (FunctionRuntime=jvm), where Handler matters. */
    private final Resolver jvm;

    public TemplateCheck(SamTemplate template) {
        this.template = template;
        this.resolver = new Resolver(template, new DefaultsEnvironment(template, Map.of()));
        this.jvm = new Resolver(template, new DefaultsEnvironment(template, Map.of("FunctionRuntime", "jvm")));
    }

    /** Every problem found, each naming the resource and what is wrong; empty when the template is good. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            checkCode(function, problems);
            timeouts.put(function.logicalId(), timeoutOf(function));
            checkPolicies(function, problems);
            for (EventDefinition event : function.events()) {
                checkEvent(event, problems);
            }
        }
        checkQueues(timeouts, problems);
        return problems;
    }

    public int timeoutOf(FunctionDefinition function) {
        Object timeout = function.property("Timeout");
        return timeout == null ? SAM_DEFAULT_TIMEOUT : resolver.resolveInt(timeout);
    }

    private void checkCode(FunctionDefinition function, List<String> problems) {
        String id = function.logicalId();
        String codeUri = function.codeUri();
        if (codeUri == null || !codeUri.endsWith("/target/function.zip")) {
            problems.add(id + ": CodeUri must be <module>/target/function.zip (the Quarkus Lambda build), was "
                    + codeUri);
            return;
        }
        Path module = function.moduleDirectory();
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            problems.add(id + ": CodeUri " + codeUri + " names no Maven module (" + function.modulePath()
                    + "/pom.xml does not exist)");
            return;
        }
        if (!reactorBuilds(module)) {
            problems.add(id + ": " + function.modulePath() + " is not a <module> of "
                    + template.baseDirectory().relativize(module.getParent().resolve("pom.xml"))
                    + ", so the build never makes its function.zip");
        }
        Object handler = function.environment().get("QUARKUS_LAMBDA_HANDLER");
        if (handler != null) {
            String name = resolver.resolveString(handler);
            if (!declaresHandler(module, name)) {
                problems.add(id + ": QUARKUS_LAMBDA_HANDLER '" + name + "' is not a @Named handler in "
                        + function.modulePath() + "/src/main/java");
            }
        }
        checkLambdaKind(function, module, problems);
    }

    /** Funqy module → Funqy's handler and an exported @Funq; any other module → QuarkusStreamHandler. */
    private void checkLambdaKind(FunctionDefinition function, Path module, List<String> problems) {
        String id = function.logicalId();
        boolean funqy = isFunqyModule(module);
        if (funqy && pomNames(module, "quarkus-amazon-lambda")) {
            problems.add(id + ": " + function.modulePath() + " has both quarkus-amazon-lambda and "
                    + "quarkus-funqy-amazon-lambda (each starts its own poll loop: one Lambda extension per artifact)");
        }
        Object declared = function.property("Handler");
        String handler = declared == null ? null : jvm.resolveString(declared);
        String expected = funqy ? FUNQY_HANDLER : QUARKUS_HANDLER;
        if (!expected.equals(handler)) {
            problems.add(id + ": Handler (java21) must be " + expected + " for " + function.modulePath()
                    + (funqy ? " (a Funqy module)" : "") + ", was " + handler);
        }
        Object export = function.environment().get("QUARKUS_FUNQY_EXPORT");
        if (funqy && export == null) {
            problems.add(id + ": a function of the Funqy module " + function.modulePath()
                    + " names its @Funq function in QUARKUS_FUNQY_EXPORT");
        } else if (!funqy && export != null) {
            problems.add(id + ": QUARKUS_FUNQY_EXPORT is set, but " + function.modulePath() + " is not a Funqy module");
        } else if (export != null) {
            String name = resolver.resolveString(export);
            if (!declares(module, Pattern.compile("@Funq\\(\\s*(value\\s*=\\s*)?\"" + Pattern.quote(name) + "\"\\s*\\)"))) {
                problems.add(id + ": QUARKUS_FUNQY_EXPORT '" + name + "' is not a @Funq function in "
                        + function.modulePath() + "/src/main/java");
            }
        }
    }

    private static boolean isFunqyModule(Path module) {
        return pomNames(module, "quarkus-funqy-amazon-lambda");
    }

    private static boolean pomNames(Path module, String artifactId) {
        try {
            return Files.readString(module.resolve("pom.xml")).contains("<artifactId>" + artifactId + "</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reactorBuilds(Path module) {
        Path parentPom = module.getParent().resolve("pom.xml");
        if (!Files.isRegularFile(parentPom)) {
            return false;
        }
        try {
            String pom = Files.readString(parentPom);
            return pom.contains("<module>" + module.getFileName() + "</module>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean declaresHandler(Path module, String name) {
        return declares(module, Pattern.compile("@Named\\(\\s*(value\\s*=\\s*)?\"" + Pattern.quote(name) + "\"\\s*\\)"));
    }

    /** Whether a Java source of the module's src/main/java matches the pattern. */
    private static boolean declares(Path module, Pattern declaration) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
                try {
                    return declaration.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkEvent(EventDefinition event, List<String> problems) {
        String where = event.id() + " (" + event.type() + ")";
        switch (event.type()) {
            case "SQS" -> {
                String queue = event.queueId();
                if (queue == null || !SamTemplate.QUEUE.equals(template.typeOf(queue))) {
                    problems.add(where + ": Queue must be !GetAtt <a queue of this template>.Arn, was "
                            + event.properties().get("Queue"));
                }
                if (!event.reportsBatchItemFailures()) {
                    problems.add(where + ": lacks FunctionResponseTypes: [ReportBatchItemFailures] (one bad message "
                            + "would re-run its whole batch)");
                }
                Integer batch = resolver.resolveInt(event.batchSize());
                if (batch == null || batch < 1 || batch > 10_000) {
                    problems.add(where + ": BatchSize must be 1-10000, was " + batch);
                } else if (batch > 10 && event.batchingWindowSeconds() == 0) {
                    problems.add(where + ": BatchSize over 10 needs MaximumBatchingWindowInSeconds");
                }
                Object max = event.maximumConcurrency();
                if (max != null && resolver.resolveInt(max) < 2) {
                    problems.add(where + ": ScalingConfig.MaximumConcurrency must be at least 2");
                }
            }
            case "S3" -> {
                String bucket = event.bucketId();
                if (bucket == null || !SamTemplate.BUCKET.equals(template.typeOf(bucket))) {
                    problems.add(where + ": Bucket must be !Ref <a bucket of this template> (SAM requires it), was "
                            + event.properties().get("Bucket"));
                }
            }
            case "Schedule", "ScheduleV2" -> {
                try {
                    ScheduleExpression.parse(event.scheduleExpression());
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
            case "HttpApi" -> {
                Object apiId = event.properties().get("ApiId");
                if (apiId != null) {
                    String api = SamTemplate.referencedId(apiId);
                    if (api == null || !SamTemplate.HTTP_API.equals(template.typeOf(api))) {
                        problems.add(where + ": ApiId must be !Ref <an HttpApi of this template>, was " + apiId);
                    }
                }
            }
            default -> problems.add(where + ": the local cloud does not know event type " + event.type());
        }
    }

    private void checkQueues(Map<String, Integer> timeouts, List<String> problems) {
        Set<String> deadLetterQueues = new java.util.HashSet<>();
        for (QueueDefinition queue : template.queues()) {
            queue.redrive().map(QueueDefinition.Redrive::deadLetterQueueId).ifPresent(deadLetterQueues::add);
        }
        for (QueueDefinition queue : template.queues()) {
            String id = queue.logicalId();
            if (deadLetterQueues.contains(id)) {
                continue;
            }
            var redrive = queue.redrive();
            if (redrive.isEmpty()) {
                problems.add(id + ": has no RedrivePolicy (every queue needs a dead-letter queue)");
            } else {
                String dlq = redrive.get().deadLetterQueueId();
                if (dlq == null || !SamTemplate.QUEUE.equals(template.typeOf(dlq))) {
                    problems.add(id + ": RedrivePolicy.deadLetterTargetArn must be !GetAtt <a queue of this "
                            + "template>.Arn");
                }
                Integer count = redrive.get().maxReceiveCount();
                if (count == null || count != MAX_RECEIVE_COUNT) {
                    problems.add(id + ": RedrivePolicy.maxReceiveCount must be " + MAX_RECEIVE_COUNT + ", was " + count);
                }
            }
            int visibility = queue.visibilityTimeoutOrDefault();
            for (FunctionDefinition function : template.functions()) {
                for (EventDefinition event : function.events()) {
                    if ("SQS".equals(event.type()) && id.equals(event.queueId())) {
                        int timeout = timeouts.get(function.logicalId());
                        if (visibility < VISIBILITY_FACTOR * timeout) {
                            problems.add(id + ": VisibilityTimeout " + visibility + " s is less than "
                                    + VISIBILITY_FACTOR + " x the Timeout of its consumer " + function.logicalId()
                                    + " (" + timeout + " s)");
                        }
                    }
                }
            }
        }
    }

    private void checkPolicies(FunctionDefinition function, List<String> problems) {
        for (Object policy : function.policies()) {
            if (policy instanceof String managed) {
                if (managed.contains("FullAccess") || managed.contains("AdministratorAccess")) {
                    problems.add(function.logicalId() + ": managed policy " + managed + " grants far more than the "
                            + "function needs");
                }
                continue;
            }
            for (Object statement : SamTemplate.list(SamTemplate.map(policy).get("Statement"))) {
                Map<String, Object> body = SamTemplate.map(statement);
                for (Object action : SamTemplate.list(body.get("Action"))) {
                    if (action instanceof String text && WILDCARD_ACTION.matcher(text).matches()) {
                        problems.add(function.logicalId() + ": a policy statement grants '" + text + "' actions");
                    }
                }
                if (body.containsKey("NotAction")) {
                    problems.add(function.logicalId() + ": a policy statement uses NotAction (grants everything else)");
                }
            }
        }
    }

    /** Parameters take their defaults (or the overrides); everything else resolves to a placeholder (only numbers matter here). */
    private record DefaultsEnvironment(SamTemplate template, Map<String, Object> overrides)
            implements Resolver.Environment {
        @Override
        public Object ref(String name) {
            if (overrides.containsKey(name)) {
                return overrides.get(name);
            }
            Object parameter = template.parameters().get(name);
            if (parameter != null) {
                Object value = SamTemplate.map(parameter).get("Default");
                return value == null ? "" : value;
            }
            return name;
        }

        @Override
        public Object attribute(String resource, String attribute) {
            return resource + "." + attribute;
        }

        @Override
        public String dynamicReference(String service, String reference) {
            return "{{" + service + "}}";
        }
    }
}
