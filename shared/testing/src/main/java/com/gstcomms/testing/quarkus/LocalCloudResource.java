package com.gstcomms.testing.quarkus;

import com.gstcomms.testing.LocalAws;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.PostgresServer;
import com.gstcomms.testing.S3Server;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.SmtpServer;
import com.gstcomms.testing.SqsServer;
import com.gstcomms.testing.TwilioStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the local servers (see {@link LocalServers}) for a {@code @QuarkusTest} and hands Quarkus
 * their addresses as configuration.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(LocalCloudResource.class)
 * class SendsInvoiceEmailTest { ... }
 *
 * // only what the function needs, a named bucket, the shared database:
 * @QuarkusTestResource(value = LocalCloudResource.class, initArgs = {
 *     @ResourceArg(name = "only", value = "postgres,sqs"),
 *     @ResourceArg(name = "database", value = "shared")})
 * }</pre>
 *
 * <p>Init args: {@code only} (comma-separated: postgres, sqs, s3, smtp, sendgrid, twilio; default all),
 * {@code bucket} (default {@value #DEFAULT_BUCKET}), {@code database} ({@code fresh} — default, a new
 * empty database for each start of the Quarkus app — or {@code shared}, the server's default database).
 *
 * <p>With sqs, the chain's queues ({@link #QUEUES}, each with a dead-letter queue after 5 receives) are
 * created under fresh names and passed as {@code gstcomms.queues.<name>}.
 *
 * <p>{@link #stop()} leaves the servers running: they are shared by the whole test JVM and stopped
 * when it exits.
 */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

    public static final String DEFAULT_BUCKET = "gst-comms-test";
    public static final String MAIL_FROM = "noreply@gstcomms.test";
    static final List<String> SERVERS = List.of("postgres", "sqs", "s3", "smtp", "sendgrid", "twilio");

    /** The queues of the chain (config keys {@code gstcomms.queues.<name>}), created when sqs starts. */
    public static final List<String> QUEUES = List.of("render", "email", "email-bulk", "whatsapp", "whatsapp-bulk",
            "csv-chunk", "reminders");
    static final int MAX_RECEIVE_COUNT = 5;

    /** Where {@link #start()} also leaves each key it hands the app (system properties: one per JVM). */
    static final String APP_CONFIG_PREFIX = "gst-comms-testing.app.";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicInteger QUEUE_SETS = new AtomicInteger();

    private Set<String> only = new LinkedHashSet<>(SERVERS);
    private String bucket = DEFAULT_BUCKET;
    private boolean freshDatabase = true;

    @Override
    public void init(Map<String, String> initArgs) {
        String onlyArg = initArgs.get("only");
        if (onlyArg != null && !onlyArg.isBlank()) {
            only = new LinkedHashSet<>();
            for (String name : Arrays.stream(onlyArg.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
                if (!SERVERS.contains(name)) {
                    throw new IllegalArgumentException("LocalCloudResource: unknown server '" + name
                            + "' in only=" + onlyArg + "; known: " + SERVERS);
                }
                only.add(name);
            }
        }
        bucket = initArgs.getOrDefault("bucket", DEFAULT_BUCKET);
        String database = initArgs.getOrDefault("database", "fresh");
        if (!database.equals("fresh") && !database.equals("shared")) {
            throw new IllegalArgumentException("LocalCloudResource: database must be 'fresh' or 'shared', not "
                    + database);
        }
        freshDatabase = database.equals("fresh");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        if (only.contains("postgres")) {
            PostgresServer postgres = LocalServers.postgres();
            String jdbcUrl = postgres.jdbcUrl();
            String reactiveUrl = postgres.reactiveUrl();
            if (freshDatabase) {
                PostgresServer.Database database = postgres.newDatabase(
                        "quarkus_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
                jdbcUrl = database.jdbcUrl();
                reactiveUrl = database.reactiveUrl();
            }
            config.put("quarkus.datasource.username", postgres.username());
            config.put("quarkus.datasource.password", postgres.password());
            config.put("quarkus.datasource.jdbc.url", jdbcUrl);
            config.put("quarkus.datasource.reactive.url", reactiveUrl);
        }
        if (only.contains("sqs") || only.contains("s3")) {
            config.put("gstcomms.aws.region", LocalAws.REGION);
            config.put("gstcomms.aws.access-key-id", LocalAws.ACCESS_KEY_ID);
            config.put("gstcomms.aws.secret-access-key", LocalAws.SECRET_ACCESS_KEY);
        }
        if (only.contains("sqs")) {
            SqsServer sqs = LocalServers.sqs();
            config.put("gstcomms.sqs.endpoint", sqs.endpoint().toString());
            // The chain's queues, each with its DLQ as template.yaml declares them; fresh names per start.
            String suffix = ProcessHandle.current().pid() + "-" + QUEUE_SETS.incrementAndGet();
            for (String queue : QUEUES) {
                config.put("gstcomms.queues." + queue,
                        sqs.createQueueWithDlq(queue + "-" + suffix, MAX_RECEIVE_COUNT).queueUrl());
            }
        }
        if (only.contains("s3")) {
            S3Server s3 = LocalServers.s3();
            s3.createBucket(bucket);
            config.put("gstcomms.s3.endpoint", s3.endpoint().toString());
            config.put("gstcomms.s3.bucket", bucket);
        }
        if (only.contains("smtp")) {
            SmtpServer smtp = LocalServers.smtp();
            config.put("quarkus.mailer.host", smtp.host());
            config.put("quarkus.mailer.port", Integer.toString(smtp.port()));
            config.put("quarkus.mailer.mock", "false");
            config.put("quarkus.mailer.from", MAIL_FROM);
        }
        if (only.contains("sendgrid")) {
            SendGridStandIn sendGrid = LocalServers.sendGrid();
            config.put("gstcomms.sendgrid.base-url", sendGrid.baseUrl());
            config.put("gstcomms.sendgrid.api-key", sendGrid.validApiKey());
        }
        if (only.contains("twilio")) {
            TwilioStandIn twilio = LocalServers.twilio();
            config.put("gstcomms.twilio.base-url", twilio.baseUrl());
            config.put("gstcomms.twilio.account-sid", twilio.accountSid());
            config.put("gstcomms.twilio.auth-token", twilio.authToken());
        }
        config.forEach((key, value) -> System.setProperty(APP_CONFIG_PREFIX + key, value));
        return config;
    }

    /**
     * A key the last start handed the app ({@code gstcomms.queues.render}, {@code quarkus.datasource.jdbc.url},
     * ...). For tests that cannot inject the app's config: an {@code @QuarkusIntegrationTest} runs the app
     * as its own process. Kept in system properties, so any class loader of the test JVM sees the same.
     */
    public static String appConfig(String key) {
        String value = System.getProperty(APP_CONFIG_PREFIX + key);
        if (value == null) {
            throw new IllegalStateException("LocalCloudResource has not handed the app '" + key
                    + "': is the test annotated with it, with that server in 'only'?");
        }
        return value;
    }

    @Override
    public void stop() {
        // The servers belong to the JVM, not to one Quarkus app: other test classes still use them.
    }
}
