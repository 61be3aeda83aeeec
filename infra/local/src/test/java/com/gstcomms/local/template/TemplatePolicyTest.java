package com.gstcomms.local.template;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege (issue 15, item 8): every function of template.yaml holds exactly the permissions in
 * {@link #NEEDS} — each one's reason is written next to it in template.yaml and in infra/deploy/README.md
 * ("Why each permission remains") — and the rules a reviewer reads the policies for hold: no wildcard
 * action, no object permission on the whole bucket, KMS only where provider secrets are sealed or opened,
 * Secrets Manager only on the named secrets a function reads, deletes only where files are removed, and no
 * provider secret resolved into an environment at deploy time.
 *
 * <p>The template checked is the project's, or {@code -Dgstcomms.template=FILE} (e.g. the template of
 * main before this change, which fails: S3CrudPolicy on the whole bucket for the API and csv, secrets
 * resolved into the environment).
 */
class TemplatePolicyTest {

    static final Path PROJECT = Path.of(System.getProperty("gstcomms.root", "../.."));
    static final String SEND = "sqs:SendMessage*";
    static final String RETRY = "sqs:ChangeMessageVisibility";
    static final String QUEUE_URL = "sqs:GetQueueUrl";
    static final String GET = "s3:GetObject";
    static final String PUT = "s3:PutObject";
    static final String DELETE = "s3:DeleteObject";
    static final String LIST = "s3:ListBucket";
    static final String DECRYPT = "kms:Decrypt";
    static final String SEAL = "kms:GenerateDataKey";
    static final String READ_SECRET = "secretsmanager:GetSecretValue";

    /** What each function does with the queues, the bucket (per prefix), the KMS key and the secrets. */
    static final Map<String, Set<String>> NEEDS = new LinkedHashMap<>();

    static {
        NEEDS.put("ApiFunction", grants(
                on(SEND, "queue:RenderQueue", "queue:EmailQueue", "queue:EmailBulkQueue", "queue:WhatsAppQueue",
                        "queue:WhatsAppBulkQueue"),
                on("lambda:InvokeFunction", "function:CsvJobFunction"),
                on(PUT, "bucket/imports/*", "bucket/logos/*", "bucket/bulk/*", "bucket/exports/*"),
                on(GET, "bucket/invoices/*", "bucket/labels/*", "bucket/exports/*", "bucket/imports/*", "bucket/bulk/*"),
                on(DELETE, "bucket/invoices/*", "bucket/labels/*", "bucket/exports/*", "bucket/imports/*",
                        "bucket/logos/*", "bucket/bulk/*"),
                on(LIST, "bucket"),
                on(SEAL, "kms:ProviderSecretsKey"), on(DECRYPT, "kms:ProviderSecretsKey"),
                on(READ_SECRET, "secret:shopify-api-secret", "secret:unsubscribe-secret", "secret:twilio-auth-token")));
        NEEDS.put("InvoicePdfFunction", grants(
                on(SEND, "queue:EmailQueue", "queue:EmailBulkQueue", "queue:WhatsAppQueue", "queue:WhatsAppBulkQueue"),
                on(PUT, "bucket/invoices/*", "bucket/labels/*"),
                on(GET, "bucket/logos/*"),
                on(LIST, "bucket"),
                on(RETRY, "queue:RenderQueue"), on(QUEUE_URL, "queue:RenderQueue")));
        NEEDS.put("EmailFunction", grants(
                on(GET, "bucket/invoices/*"),
                on(LIST, "bucket"),
                on(DECRYPT, "kms:ProviderSecretsKey"),
                on(READ_SECRET, "secret:sendgrid-api-key", "secret:unsubscribe-secret"),
                on(RETRY, "queue:EmailQueue", "queue:EmailBulkQueue"),
                on(QUEUE_URL, "queue:EmailQueue", "queue:EmailBulkQueue")));
        NEEDS.put("WhatsAppFunction", grants(
                on(SEND, "queue:EmailQueue", "queue:EmailBulkQueue"),
                on(GET, "bucket/invoices/*"),
                on(LIST, "bucket"),
                on(DECRYPT, "kms:ProviderSecretsKey"),
                on(READ_SECRET, "secret:twilio-auth-token"),
                on(RETRY, "queue:WhatsAppQueue", "queue:WhatsAppBulkQueue"),
                on(QUEUE_URL, "queue:WhatsAppQueue", "queue:WhatsAppBulkQueue")));
        NEEDS.put("CsvSplitFunction", grants(
                on(SEND, "queue:CsvChunkQueue"),
                on(GET, "bucket/imports/*"), on(PUT, "bucket/imports/*"), on(DELETE, "bucket/imports/*")));
        NEEDS.put("CsvChunkFunction", grants(
                on(SEND, "queue:RenderQueue"),
                on(GET, "bucket/imports/*"), on(PUT, "bucket/imports/*"),
                on(RETRY, "queue:CsvChunkQueue"), on(QUEUE_URL, "queue:CsvChunkQueue")));
        NEEDS.put("CsvJobFunction", grants(
                on(PUT, "bucket/exports/*"), on(GET, "bucket/exports/*")));
        NEEDS.put("SchedulerDailyFunction", grants(
                on(SEND, "queue:RemindersQueue")));
        NEEDS.put("SchedulerShopFunction", grants(
                on(SEND, "queue:RemindersQueue", "queue:EmailQueue", "queue:WhatsAppQueue"),
                on(GET, "bucket/invoices/*")));
        NEEDS.put("SchedulerDueFunction", grants(
                on(SEND, "queue:EmailQueue", "queue:EmailBulkQueue", "queue:WhatsAppQueue", "queue:WhatsAppBulkQueue")));
    }

    static SamTemplate template;
    static Map<String, Set<String>> granted;

    @BeforeAll
    static void read() {
        String other = System.getProperty("gstcomms.template");
        template = SamTemplate.read(other != null && !other.isBlank() ? Path.of(other) : PROJECT.resolve("template.yaml"));
        granted = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            granted.put(function.logicalId(), grantsOf(function));
        }
    }

    @Test
    void everyFunctionHoldsExactlyThePermissionsItsCodeUses() {
        assertThat(granted.keySet()).containsExactlyInAnyOrderElementsOf(NEEDS.keySet());
        NEEDS.forEach((function, needs) ->
                assertThat(granted.get(function)).as(function).containsExactlyInAnyOrderElementsOf(needs));
    }

    @Test
    void noFunctionIsGrantedAWildcardActionOrAnyObjectOfTheWholeBucket() {
        granted.forEach((function, grants) -> assertThat(grants).as(function).noneMatch(g ->
                action(g).contains("*") && !action(g).equals(SEND)
                        || resource(g).equals("*") || resource(g).equals("bucket/*")
                        || resource(g).startsWith("unknown:")));
    }

    @Test
    void onlyTheApiAndTheCsvSplitDeleteFiles() {
        granted.forEach((function, grants) -> {
            Set<String> deletes = resourcesOf(grants, DELETE);
            switch (function) {
                // Shopify shop/redact: every file of the shop goes
                case "ApiFunction" -> assertThat(deletes).as(function).isNotEmpty();
                // a refused upload is removed, nothing outside imports/
                case "CsvSplitFunction" -> assertThat(deletes).as(function).containsExactly("bucket/imports/*");
                default -> assertThat(deletes).as(function).isEmpty();
            }
        });
    }

    @Test
    void onlyTheFunctionsThatOpenProviderSecretsMayDecryptAndOnlyTheApiSealsThem() {
        for (FunctionDefinition function : template.functions()) {
            Set<String> grants = granted.get(function.logicalId());
            boolean opens = moduleUses(function, "ProviderCredentials") || moduleUses(function, "SecretSealer");
            assertThat(resourcesOf(grants, DECRYPT)).as(function + " kms:Decrypt")
                    .isEqualTo(opens ? Set.of("kms:ProviderSecretsKey") : Set.of());
            assertThat(resourcesOf(grants, SEAL)).as(function + " kms:GenerateDataKey")
                    .isEqualTo(function.logicalId().equals("ApiFunction") ? Set.of("kms:ProviderSecretsKey") : Set.of());
            assertThat(grants).as(function.logicalId()).noneMatch(g -> action(g).startsWith("kms:")
                    && !action(g).equals(DECRYPT) && !action(g).equals(SEAL));
        }
    }

    @Test
    void eachFunctionReadsExactlyTheSecretsItsEnvironmentNamesAndNoSecretValueIsInAnEnvironment() {
        for (FunctionDefinition function : template.functions()) {
            Set<String> named = new TreeSet<>();
            for (Map.Entry<String, Object> variable : ownEnvironment(function).entrySet()) {
                assertThat(text(variable.getValue())).as(function + " " + variable.getKey())
                        .doesNotContain("{{resolve:");
                if (variable.getKey().startsWith("GSTCOMMS_PLATFORM_SECRETS_")) {
                    Matcher m = Pattern.compile("gst-comms/\\$\\{Stage}/([a-z-]+)").matcher(text(variable.getValue()));
                    assertThat(m.matches()).as(function + " " + variable.getKey() + " names a secret").isTrue();
                    assertThat(m.group(1)).isEqualTo(variable.getKey().substring("GSTCOMMS_PLATFORM_SECRETS_".length())
                            .toLowerCase(Locale.ROOT).replace('_', '-'));
                    named.add("secret:" + m.group(1));
                }
            }
            assertThat(resourcesOf(granted.get(function.logicalId()), READ_SECRET)).as(function + " " + READ_SECRET)
                    .containsExactlyInAnyOrderElementsOf(named);
        }
        // Only the database credentials are still resolved at deploy time (Quarkus opens its pool at start).
        SamTemplate.map(SamTemplate.map(template.functionGlobals().get("Environment")).get("Variables"))
                .forEach((name, value) -> {
                    if (text(value).contains("{{resolve:")) {
                        assertThat(name).isIn("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
                    }
                });
    }

    // ---- what the policies grant, as "action resource" -----------------------------------------------

    private static Set<String> grantsOf(FunctionDefinition function) {
        Set<String> grants = new TreeSet<>();
        for (Object policy : function.policies()) {
            if (policy instanceof String managed) {
                grants.add("managed:" + managed + " *");
                continue;
            }
            Map<String, Object> body = SamTemplate.map(policy);
            if (body.containsKey("Statement")) {
                for (Object statement : SamTemplate.list(body.get("Statement"))) {
                    Map<String, Object> s = SamTemplate.map(statement);
                    if (!"Allow".equals(s.get("Effect"))) {
                        continue;
                    }
                    for (Object action : SamTemplate.list(s.get("Action"))) {
                        for (Object resource : SamTemplate.list(s.get("Resource"))) {
                            grants.add(action + " " + resourceName(resource));
                        }
                    }
                }
                continue;
            }
            // SAM policy templates (AWS SAM "policy templates" list), expanded to what they grant
            body.forEach((name, args) -> {
                Map<String, Object> a = SamTemplate.map(args);
                switch (name) {
                    case "SQSSendMessagePolicy" -> grants.add(SEND + " queue:" + SamTemplate.referencedId(a.get("QueueName")));
                    case "LambdaInvokePolicy" -> grants.add("lambda:InvokeFunction function:"
                            + SamTemplate.referencedId(a.get("FunctionName")));
                    case "S3ReadPolicy" -> {
                        for (String action : List.of(GET, "s3:GetObjectVersion", "s3:GetLifecycleConfiguration")) {
                            grants.add(action + " bucket/*");
                        }
                        grants.add(LIST + " bucket");
                        grants.add("s3:GetBucketLocation bucket");
                    }
                    case "S3CrudPolicy" -> {
                        for (String action : List.of(GET, PUT, DELETE, "s3:GetObjectVersion", "s3:PutObjectAcl",
                                "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration")) {
                            grants.add(action + " bucket/*");
                        }
                        grants.add(LIST + " bucket");
                        grants.add("s3:GetBucketLocation bucket");
                    }
                    default -> grants.add("template:" + name + " unknown:" + name);
                }
            });
        }
        return grants;
    }

    private static final Pattern BUCKET_ARN = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:s3:::gst-comms-\\$\\{Stage}-files-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}(/.*)?");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:secretsmanager:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:secret:"
                    + "gst-comms/\\$\\{Stage}/([a-z-]+)-\\?{6}");

    /** {@code bucket/imports/*}, {@code bucket}, {@code queue:X}, {@code kms:X}, {@code secret:name}, or {@code *}. */
    private static String resourceName(Object resource) {
        if (resource instanceof Intrinsic(String name, Object argument)) {
            if (name.equals("GetAtt")) {
                String id = SamTemplate.referencedId(resource);
                String type = template.typeOf(id);
                return SamTemplate.QUEUE.equals(type) ? "queue:" + id
                        : "AWS::KMS::Key".equals(type) ? "kms:" + id : "resource:" + id;
            }
            if (name.equals("Sub")) {
                String text = argument instanceof List<?> l ? String.valueOf(l.getFirst()) : String.valueOf(argument);
                Matcher bucket = BUCKET_ARN.matcher(text);
                if (bucket.matches()) {
                    return bucket.group(1) == null ? "bucket" : "bucket" + bucket.group(1);
                }
                Matcher secret = SECRET_ARN.matcher(text);
                if (secret.matches()) {
                    return "secret:" + secret.group(1);
                }
            }
            return "unknown:" + resource;
        }
        return "*".equals(resource) ? "*" : "unknown:" + resource;
    }

    private static Map<String, Object> ownEnvironment(FunctionDefinition function) {
        return SamTemplate.map(SamTemplate.map(function.properties().get("Environment")).get("Variables"));
    }

    private static boolean moduleUses(FunctionDefinition function, String word) {
        // the module of this checkout, also when the template checked is a copy elsewhere
        Path sources = PROJECT.resolve(function.modulePath()).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).anyMatch(p -> {
                try {
                    return Files.readString(p).contains(word);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        if (value instanceof Intrinsic(String name, Object argument)) {
            return argument instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.getFirst()) : String.valueOf(argument);
        }
        return String.valueOf(value);
    }

    private static Set<String> resourcesOf(Set<String> grants, String action) {
        Set<String> out = new TreeSet<>();
        for (String g : grants) {
            if (action(g).equals(action)) {
                out.add(resource(g));
            }
        }
        return out;
    }

    private static String action(String grant) {
        return grant.substring(0, grant.indexOf(' '));
    }

    private static String resource(String grant) {
        return grant.substring(grant.indexOf(' ') + 1);
    }

    private static List<String> on(String action, String... resources) {
        List<String> out = new ArrayList<>();
        for (String r : resources) {
            out.add(action + " " + r);
        }
        return out;
    }

    @SafeVarargs
    private static Set<String> grants(List<String>... groups) {
        Set<String> out = new TreeSet<>();
        for (List<String> g : groups) {
            out.addAll(g);
        }
        return out;
    }
}
