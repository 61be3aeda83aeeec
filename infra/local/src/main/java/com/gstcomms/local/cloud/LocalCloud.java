package com.gstcomms.local.cloud;

import com.gstcomms.local.console.Console;
import com.gstcomms.local.events.HttpApiGateway;
import com.gstcomms.local.events.LambdaInvokeApi;
import com.gstcomms.local.events.ProviderCallbacks;
import com.gstcomms.local.events.S3EventSource;
import com.gstcomms.local.events.ScheduleEventSource;
import com.gstcomms.local.events.SqsEventSource;
import com.gstcomms.local.lambda.Artifacts;
import com.gstcomms.local.lambda.FunctionSpec;
import com.gstcomms.local.lambda.LocalFunction;
import com.gstcomms.local.template.EventDefinition;
import com.gstcomms.local.template.FunctionDefinition;
import com.gstcomms.local.template.QueueDefinition;
import com.gstcomms.local.template.Resolver;
import com.gstcomms.local.template.SamTemplate;
import com.gstcomms.local.template.ScheduleExpression;
import com.gstcomms.local.template.TemplateCheck;
import com.gstcomms.local.template.TemplateException;
import com.gstcomms.testing.LocalAws;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.PostgresServer;
import com.gstcomms.testing.S3Server;
import com.gstcomms.testing.SecretsManagerStandIn;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.SmtpServer;
import com.gstcomms.testing.SqsServer;
import com.gstcomms.testing.TwilioStandIn;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Everything of GST Comms on one machine, from template.yaml: the local servers (PostgreSQL, ElasticMQ,
 * s3proxy, GreenMail, the SendGrid and Twilio stand-ins), the template's queues with their redrive
 * policies and its bucket, each function as its own process behind a local Lambda Runtime API, and the
 * template's event sources (HTTP API, SQS, S3 uploads, schedules) wired to them; plus what the providers
 * do after sending (signed webhooks back to the API) and the local shop. See infra/local/README.md.
 */
public final class LocalCloud implements AutoCloseable {

    public static final String REGION = LocalAws.REGION;
    static final String DATABASE = "gstcomms";
    private static final String PLATFORM_SECRET_PREFIX = "GSTCOMMS_PLATFORM_SECRETS_";
    /** The platform WhatsApp sender when the template gives none (Twilio's sandbox number). */
    static final String LOCAL_WHATSAPP_SENDER = "whatsapp:+14155238886";

    private final LocalCloudOptions options;
    private final Consumer<String> log;
    private final SamTemplate template;
    private final List<String> templateProblems;
    private final Vertx vertx;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, LocalQueue> queues = new LinkedHashMap<>();
    private final List<SqsEventSource> sqsSources = new ArrayList<>();
    private final List<S3EventSource> s3Sources = new ArrayList<>();
    private final List<ScheduleEventSource> schedules = new ArrayList<>();
    private final Map<String, Long> startupMillis = new LinkedHashMap<>();

    private PostgresServer postgres;
    private SqsServer sqs;
    private S3Server s3;
    private SmtpServer smtp;
    private SendGridStandIn sendGrid;
    private TwilioStandIn twilio;
    private SecretsManagerStandIn secretsManager;
    private LocalDatabase database;
    private String bucket;
    private HttpApiGateway gateway;
    private LambdaInvokeApi lambdaApi;
    private ProviderCallbacks callbacks;
    private LocalShop.Created shop;
    private Console console;

    /** A queue of the template as created locally. */
    public record LocalQueue(String logicalId, String name, String url, String arn, String deadLetterQueueId,
                             Integer maxReceiveCount, int templateVisibilityTimeout, int localVisibilityTimeout,
                             boolean isDeadLetterQueue) {
    }

    private LocalCloud(LocalCloudOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.template = SamTemplate.read(options.projectRoot().resolve("template.yaml"));
        this.templateProblems = new TemplateCheck(template).problems();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
    }

    /** Starts everything; {@code progress} gets one line per step (the servers, queues, functions ...). */
    public static LocalCloud start(LocalCloudOptions options, Consumer<String> log) {
        LocalCloud cloud = new LocalCloud(options, log);
        try {
            cloud.startAll();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void startAll() {
        for (String problem : templateProblems) {
            log.accept("template.yaml: " + problem);
        }
        prepareStateDirectory();
        long began = System.nanoTime();
        CompletableFuture<PostgresServer> pg = CompletableFuture.supplyAsync(LocalServers::postgres);
        CompletableFuture<SqsServer> mq = CompletableFuture.supplyAsync(LocalServers::sqs);
        CompletableFuture<S3Server> files = CompletableFuture.supplyAsync(LocalServers::s3);
        smtp = LocalServers.smtp();
        sendGrid = LocalServers.sendGrid();
        twilio = LocalServers.twilio();
        secretsManager = SecretsManagerStandIn.start();
        closeables.add(secretsManager);
        postgres = pg.join();
        sqs = mq.join();
        s3 = files.join();
        step("servers", began);

        began = System.nanoTime();
        database = LocalDatabase.createAndMigrate(postgres, DATABASE);
        step("database", began);

        gateway = new HttpApiGateway(vertx, options.host(), options.apiPort(), options.integrationTimeout(), log);
        closeables.add(gateway);
        lambdaApi = new LambdaInvokeApi(vertx, options.host(), 0, this::function, Duration.ofSeconds(2), log);
        closeables.add(lambdaApi);

        began = System.nanoTime();
        Resolver early = new Resolver(template, environment(Map.of(), Map.of()));
        createQueues();
        createBucket(early);
        step("queues and bucket", began);

        Map<String, Object> refs = new HashMap<>();
        Map<String, Map<String, Object>> attributes = new HashMap<>();
        queues.values().forEach(q -> {
            refs.put(q.logicalId(), q.url());
            attributes.put(q.logicalId(), Map.of("Arn", q.arn(), "QueueName", q.name(), "QueueUrl", q.url()));
        });
        template.resourcesOfType(SamTemplate.BUCKET).forEach(id -> {
            refs.put(id, bucket);
            attributes.put(id, Map.of("Arn", "arn:aws:s3:::" + bucket, "DomainName", bucket + ".s3.amazonaws.com"));
        });
        template.resourcesOfType(SamTemplate.HTTP_API).forEach(id -> {
            refs.put(id, "local");
            attributes.put(id, Map.of("ApiEndpoint", apiUrl()));
        });
        Resolver resolver = new Resolver(template, environment(refs, attributes));

        Artifacts artifacts = new Artifacts(options.stateDirectory().resolve("artifacts"));
        artifacts.clear();
        for (FunctionDefinition definition : template.functions()) {
            FunctionSpec spec = spec(definition, resolver);
            functions.put(spec.name(), new LocalFunction(spec, vertx, artifacts, options.ricDirectory(),
                    options.stateDirectory().resolve("logs"), REGION, LocalEnvironment.ACCOUNT_ID, log));
        }
        wireEvents(resolver);

        callbacks = new ProviderCallbacks(sendGrid, twilio, apiUrl(), options.callbackStep(), log);
        closeables.add(callbacks);
        shop = LocalShop.create(database, options.apiKey());
        console = startConsole();

        for (LocalFunction function : functions.values()) {
            boolean routed = gateway.routes().stream().anyMatch(r -> r.function() == function);
            if (routed || options.warmFunctions().contains("*") || options.warmFunctions().contains(function.name())) {
                function.startEagerly();
            }
        }
    }

    private void step(String what, long beganNanos) {
        long ms = (System.nanoTime() - beganNanos) / 1_000_000;
        startupMillis.put(what, ms);
        log.accept(String.format("%s ready in %,d ms", what, ms));
    }

    private void prepareStateDirectory() {
        try {
            Files.createDirectories(options.stateDirectory().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.stateDirectory(), e);
        }
        if (!Files.isDirectory(options.ricDirectory())) {
            throw new IllegalStateException("the Lambda Runtime Interface Client jars are not in "
                    + options.ricDirectory() + ": build infra/local first (./mvnw -pl infra/local -am package "
                    + "-DskipTests), or run infra/gstcomms, which does");
        }
    }

    // ---- resources ----

    private void createQueues() {
        List<QueueDefinition> all = template.queues();
        // Dead-letter queues first: a redrive policy needs its target's ARN.
        List<QueueDefinition> ordered = new ArrayList<>(all.stream().filter(q -> q.redrive().isEmpty()).toList());
        ordered.addAll(all.stream().filter(q -> q.redrive().isPresent()).toList());
        List<String> targets = all.stream().flatMap(q -> q.redrive().stream())
                .map(QueueDefinition.Redrive::deadLetterQueueId).toList();
        for (QueueDefinition queue : ordered) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            int visibility = Math.min(queue.visibilityTimeoutOrDefault(), (int) options.visibilityTimeoutCap().toSeconds());
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibility));
            queue.redrive().ifPresent(redrive -> {
                LocalQueue dlq = queues.get(redrive.deadLetterQueueId());
                if (dlq == null) {
                    throw new TemplateException(queue.logicalId() + ": its dead-letter queue "
                            + redrive.deadLetterQueueId() + " is not a queue of the template");
                }
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlq.arn()
                        + "\",\"maxReceiveCount\":\"" + redrive.maxReceiveCount() + "\"}");
            });
            String url = sqs.createQueue(queue.localName(), attributes);
            String arn = sqs.queueArn(url);
            var redrive = queue.redrive();
            queues.put(queue.logicalId(), new LocalQueue(queue.logicalId(), queue.localName(), url, arn,
                    redrive.map(QueueDefinition.Redrive::deadLetterQueueId).orElse(null),
                    redrive.map(QueueDefinition.Redrive::maxReceiveCount).orElse(null),
                    queue.visibilityTimeoutOrDefault(), visibility, targets.contains(queue.logicalId())));
        }
    }

    private void createBucket(Resolver resolver) {
        List<String> buckets = template.resourcesOfType(SamTemplate.BUCKET);
        if (buckets.isEmpty()) {
            bucket = "gst-comms-local";
        } else {
            Object name = template.propertiesOf(buckets.getFirst()).get("BucketName");
            bucket = name == null ? buckets.getFirst().toLowerCase() : resolver.resolveString(name);
        }
        s3.createBucket(bucket);
    }

    private LocalEnvironment environment(Map<String, Object> refs, Map<String, Map<String, Object>> attributes) {
        return new LocalEnvironment(template, REGION, localParameters(), localSecrets(), refs, attributes);
    }

    /** Local values of template.yaml's parameters (the others take their Default). */
    private Map<String, Object> localParameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("Stage", "dev");
        parameters.put("FunctionRuntime", "jvm");
        if (database != null) {
            parameters.put("DatabaseReactiveUrl", database.reactiveUrl());
            parameters.put("DatabaseJdbcUrl", database.jdbcUrl());
        }
        parameters.put("DatabaseSecretArn", "arn:aws:secretsmanager:" + REGION + ":" + LocalEnvironment.ACCOUNT_ID
                + ":secret:gst-comms-local-database");
        // The API's own local app key (functions/api application.properties); the stand-ins' public key and SID.
        parameters.put("ShopifyApiKey", "local-app-key");
        if (sendGrid != null) {
            parameters.put("SendGridWebhookPublicKey", sendGrid.verificationPublicKeyBase64());
        }
        if (twilio != null) {
            parameters.put("PlatformTwilioAccountSid", twilio.accountSid());
        }
        parameters.put("ApiBaseUrl", gateway == null ? "" : apiUrl());
        parameters.put("SubnetIds", List.of());
        parameters.put("SecurityGroupIds", List.of());
        return parameters;
    }

    /** What the template's deploy-time Secrets Manager references give locally: the database's login. */
    private Map<String, String> localSecrets() {
        Map<String, String> secrets = new HashMap<>();
        if (postgres != null) {
            secrets.put("username", postgres.username());
            secrets.put("password", postgres.password());
        }
        return secrets;
    }

    /**
     * The platform secrets the functions read at run time (GSTCOMMS_PLATFORM_SECRETS_X names the secret):
     * the stand-ins' keys and local values for the Shopify app and the unsubscribe links.
     */
    private Map<String, String> platformSecrets() {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("SHOPIFY_API_SECRET", "local-app-secret-not-for-production");
        secrets.put("UNSUBSCRIBE_SECRET", "local-unsubscribe-secret-not-for-production");
        secrets.put("SENDGRID_API_KEY", sendGrid.validApiKey());
        secrets.put("TWILIO_AUTH_TOKEN", twilio.authToken());
        return secrets;
    }

    private FunctionSpec spec(FunctionDefinition definition, Resolver resolver) {
        String name = definition.logicalId();
        String handler = resolver.resolveString(definition.property("Handler"));
        Object timeout = definition.property("Timeout");
        Object memory = definition.property("MemorySize");
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> declared = definition.environment();
        declared.forEach((key, value) -> {
            String resolved = resolver.resolveString(value);
            if (resolved != null) {
                env.put(key, resolved);
            }
        });
        // Platform secrets: the template names them, a local Secrets Manager stand-in holds them, and the
        // functions read them at run time as in AWS (PlatformSecrets). A name without a local value stays
        // missing there, which the functions take as "not configured".
        Map<String, String> localValues = platformSecrets();
        env.forEach((key, secretName) -> {
            if (key.startsWith(PLATFORM_SECRET_PREFIX) && !secretName.isBlank()) {
                String value = localValues.get(key.substring(PLATFORM_SECRET_PREFIX.length()));
                if (value != null) {
                    secretsManager.put(secretName, value);
                }
            }
        });
        env.putIfAbsent("GSTCOMMS_SECRETSMANAGER_ENDPOINT", secretsManager.baseUrl());
        // Where the local servers are (in AWS the SDK finds the services and the role gives credentials).
        env.putIfAbsent("GSTCOMMS_AWS_REGION", REGION);
        env.putIfAbsent("GSTCOMMS_AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY_ID);
        env.putIfAbsent("GSTCOMMS_AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_ACCESS_KEY);
        env.putIfAbsent("AWS_REGION", REGION);
        env.putIfAbsent("AWS_DEFAULT_REGION", REGION);
        env.putIfAbsent("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY_ID);
        env.putIfAbsent("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_ACCESS_KEY);
        env.putIfAbsent("GSTCOMMS_SQS_ENDPOINT", sqs.endpoint().toString());
        env.putIfAbsent("GSTCOMMS_S3_ENDPOINT", s3.endpoint().toString());
        env.putIfAbsent("GSTCOMMS_S3_BUCKET", bucket);
        env.putIfAbsent("QUARKUS_MAILER_HOST", smtp.host());
        env.putIfAbsent("QUARKUS_MAILER_PORT", Integer.toString(smtp.port()));
        env.putIfAbsent("QUARKUS_MAILER_FROM", "invoices@demo-kirana.example.in");
        env.putIfAbsent("QUARKUS_MAILER_MOCK", "false");
        env.putIfAbsent("GSTCOMMS_SENDGRID_BASE_URL", sendGrid.baseUrl());
        env.putIfAbsent("GSTCOMMS_TWILIO_BASE_URL", twilio.baseUrl());
        // The API invokes csv-job (exports, bulk status) through Lambda's Invoke API: here, the local one.
        env.putIfAbsent("GSTCOMMS_CSV_LAMBDA_ENDPOINT", lambdaInvokeUrl());
        if (env.getOrDefault("GSTCOMMS_TWILIO_SENDER", "").isBlank()) {
            env.put("GSTCOMMS_TWILIO_SENDER", LOCAL_WHATSAPP_SENDER);
        }
        // The local SMTP server is on 127.0.0.1: a shop's own SMTP settings may point there, here only
        // (issue 15 §4; template.yaml never sets it, so in AWS loopback and private addresses are refused).
        env.put("GSTCOMMS_OUTBOUND_ALLOW_LOOPBACK", "true");
        // No KMS here: provider secrets are sealed with a local master key shared by every function.
        env.put("GSTCOMMS_SECRETS_MASTER_KEY", "local");
        env.remove("GSTCOMMS_SECRETS_KMS_KEY_ID");
        env.put("GSTCOMMS_SECRETS_LOCAL_KEY_FILE",
                options.stateDirectory().resolve("master.key").toAbsolutePath().toString());
        if (env.getOrDefault("GSTCOMMS_API_BASE_URL", "").isBlank()) {
            env.put("GSTCOMMS_API_BASE_URL", apiUrl());
        }
        env.putAll(options.extraEnvironment());
        // The template's profile, then %local. settings over it (Quarkus applies profiles left to right).
        String profile = env.getOrDefault("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_PROFILE", profile.contains("local") ? profile : profile + ",local");
        return new FunctionSpec(name, definition.modulePath(), definition.codeFile(), handler,
                timeout == null ? 3 : resolver.resolveInt(timeout),
                memory == null ? 128 : resolver.resolveInt(memory), env);
    }

    private void wireEvents(Resolver resolver) {
        List<HttpApiGateway.Route> routes = new ArrayList<>();
        for (FunctionDefinition definition : template.functions()) {
            LocalFunction function = functions.get(definition.logicalId());
            for (EventDefinition event : definition.events()) {
                switch (event.type()) {
                    case "SQS" -> {
                        LocalQueue queue = queues.get(event.queueId());
                        if (queue == null) {
                            log.accept(event.id() + ": queue " + event.queueId() + " is not in the template; skipped");
                            continue;
                        }
                        SqsEventSource source = new SqsEventSource(event.id(), function, sqs.client(), queue.url(),
                                queue.arn(), REGION, resolver.resolveInt(event.batchSize()),
                                Duration.ofSeconds(event.batchingWindowSeconds()), event.reportsBatchItemFailures(),
                                options.retryDelay(), log);
                        sqsSources.add(source);
                        closeables.add(source);
                    }
                    case "S3" -> {
                        S3EventSource source = new S3EventSource(event.id(), function, s3.client(), bucket,
                                event.s3Filter("prefix").orElse(""), event.s3Filter("suffix").orElse(""), REGION,
                                500, log);
                        s3Sources.add(source);
                        closeables.add(source);
                    }
                    case "Schedule", "ScheduleV2" -> {
                        ScheduleEventSource source = new ScheduleEventSource(event.id(), function,
                                ScheduleExpression.parse(resolver.resolveString(event.scheduleExpression())),
                                event.scheduleEnabled(), options.fastSchedules(), REGION, LocalEnvironment.ACCOUNT_ID,
                                log);
                        schedules.add(source);
                        closeables.add(source);
                    }
                    case "HttpApi" -> routes.add(new HttpApiGateway.Route(event.id(), function,
                            event.httpMethod().orElse("ANY"), event.httpPath().orElse(null)));
                    default -> log.accept(event.id() + ": event type " + event.type() + " is not run locally");
                }
            }
        }
        gateway.routes(routes);
    }

    private Console startConsole() {
        Console started = Console.start(this, vertx, options.host(), options.consolePort());
        closeables.add(started);
        return started;
    }

    // ---- what the console, the demo and the tests look at ----

    public LocalCloudOptions options() {
        return options;
    }

    public SamTemplate template() {
        return template;
    }

    public List<String> templateProblems() {
        return templateProblems;
    }

    public String apiUrl() {
        return "http://" + options.host() + ":" + gateway.port();
    }

    /** The local Lambda Invoke API (the endpoint override of the functions' Lambda clients). */
    public String lambdaInvokeUrl() {
        return "http://" + options.host() + ":" + lambdaApi.port();
    }

    public LambdaInvokeApi lambdaApi() {
        return lambdaApi;
    }

    public int consolePort() {
        return console.port();
    }

    public String consoleUrl() {
        return "http://" + options.host() + ":" + consolePort() + "/";
    }

    public Collection<LocalFunction> functions() {
        return functions.values();
    }

    public Optional<LocalFunction> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    public Collection<LocalQueue> queues() {
        return queues.values();
    }

    public Optional<LocalQueue> queue(String logicalId) {
        return Optional.ofNullable(queues.get(logicalId));
    }

    public List<SqsEventSource> sqsSources() {
        return sqsSources;
    }

    public List<S3EventSource> s3Sources() {
        return s3Sources;
    }

    public List<ScheduleEventSource> schedules() {
        return schedules;
    }

    public HttpApiGateway gateway() {
        return gateway;
    }

    public LocalDatabase database() {
        return database;
    }

    public String bucket() {
        return bucket;
    }

    public SqsServer sqs() {
        return sqs;
    }

    public S3Server s3() {
        return s3;
    }

    public SmtpServer smtp() {
        return smtp;
    }

    public SendGridStandIn sendGrid() {
        return sendGrid;
    }

    public TwilioStandIn twilio() {
        return twilio;
    }

    public ProviderCallbacks callbacks() {
        return callbacks;
    }

    public LocalShop.Created shop() {
        return shop;
    }

    public Map<String, Long> startupMillis() {
        return startupMillis;
    }

    public Path logDirectory() {
        return options.stateDirectory().resolve("logs");
    }

    /** Stops the event sources and the function processes; the servers stop with the JVM. */
    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.accept("stopping " + closeables.get(i) + ": " + e.getMessage());
            }
        }
        functions.values().forEach(LocalFunction::stop);
        vertx.close();
    }
}
