package com.gstcomms.local.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template check, on the project's own template.yaml and on a small stack broken one rule at a time
 * (the rules of issue 9: every function has a module, every queue a DLQ with maxReceiveCount 5 and a
 * visibility timeout of at least 6x its consumers' timeout, every SQS event reports batch item failures,
 * no policy grants * actions).
 */
class TemplateCheckTest {

    static final Path PROJECT = Path.of(System.getProperty("gstcomms.root", "../.."));

    @TempDir
    Path stack;

    @Test
    void theProjectTemplateKeepsEveryRule() {
        SamTemplate template = SamTemplate.read(PROJECT.resolve("template.yaml"));

        assertThat(new TemplateCheck(template).problems()).isEmpty();
        assertThat(template.functions()).extracting(FunctionDefinition::modulePath)
                .contains("functions/api", "functions/invoice-pdf", "functions/email", "functions/whatsapp",
                        "functions/csv", "functions/csv-job", "functions/scheduler", "functions/reminders");
    }

    @Test
    void theSmallStackKeepsEveryRule() throws IOException {
        assertThat(check(original())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a queue without a dead-letter queue  | '      RedrivePolicy: {deadLetterTargetArn: !GetAtt WorkDLQ.Arn, maxReceiveCount: 5}\\n' | ''                                                        | WorkQueue: has no RedrivePolicy
            a DLQ after 3 receives               | 'maxReceiveCount: 5}'                                                              | 'maxReceiveCount: 3}'                                     | WorkQueue: RedrivePolicy.maxReceiveCount must be 5, was 3
            a DLQ that is not in the template    | '!GetAtt WorkDLQ.Arn, maxReceiveCount'                                              | '!GetAtt ElsewhereDLQ.Arn, maxReceiveCount'                | WorkQueue: RedrivePolicy.deadLetterTargetArn must be
            a visibility under 6x the timeout    | 'VisibilityTimeout: 540'                                                           | 'VisibilityTimeout: 300'                                  | WorkQueue: VisibilityTimeout 300 s is less than 6 x the Timeout of its consumer WorkerFunction (90 s)
            an SQS event without partial failure | '            FunctionResponseTypes: [ReportBatchItemFailures]\\n'                      | ''                                                        | WorkerFunction.Work (SQS): lacks FunctionResponseTypes: [ReportBatchItemFailures]
            a function without a module          | 'functions/worker/target'                                                          | 'functions/gone/target'                                   | WorkerFunction: CodeUri functions/gone/target/function.zip names no Maven module
            a module the reactor does not build  | '<module>worker</module>'                                                          | ''                                                        | WorkerFunction: functions/worker is not a <module> of functions/pom.xml
            a handler name the module lacks      | 'QUARKUS_LAMBDA_HANDLER: work'                                                     | 'QUARKUS_LAMBDA_HANDLER: chunk'                           | WorkerFunction: QUARKUS_LAMBDA_HANDLER 'chunk' is not a @Named handler in functions/worker/src/main/java
            a policy granting every S3 action    | '[s3:GetObject, s3:PutObject]'                                                     | '[s3:*]'                                                  | WorkerFunction: a policy statement grants 's3:*' actions
            a policy granting every action       | '[s3:GetObject, s3:PutObject]'                                                     | '''*'''                                                   | WorkerFunction: a policy statement grants '*' actions
            an administrator managed policy      | '        - SQSSendMessagePolicy'                                                    | '        - AdministratorAccess\\n        - SQSSendMessagePolicy' | WebFunction: managed policy AdministratorAccess grants far more
            an SQS event on a missing queue      | 'Queue: !GetAtt WorkQueue.Arn'                                                     | 'Queue: !GetAtt OtherQueue.Arn'                           | WorkerFunction.Work (SQS): Queue must be !GetAtt <a queue of this template>.Arn
            an S3 event on a missing bucket      | 'Bucket: !Ref Files'                                                               | 'Bucket: !Ref Elsewhere'                                  | WorkerFunction.Upload (S3): Bucket must be !Ref <a bucket of this template>
            a schedule that cannot fire          | 'cron(30 3 * * ? *)'                                                               | 'cron(30 3 * * *)'                                        | WorkerFunction.Nightly (Schedule): cron needs 6 fields
            a batch of 20 without a window       | 'BatchSize: 10'                                                                    | 'BatchSize: 20'                                           | WorkerFunction.Work (SQS): BatchSize over 10 needs MaximumBatchingWindowInSeconds
            a Funqy function on Quarkus' handler | '      Handler: io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest\\n'     | ''                                                        | TickFunction: Handler (java21) must be io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest for functions/clock (a Funqy module)
            a RequestHandler on Funqy's handler  | 'QUARKUS_LAMBDA_HANDLER: work'                                                     | 'QUARKUS_LAMBDA_HANDLER: work\\n      Handler: io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest' | WorkerFunction: Handler (java21) must be io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest for functions/worker, was io.quarkus.funqy
            an export the module lacks           | 'QUARKUS_FUNQY_EXPORT: tick'                                                       | 'QUARKUS_FUNQY_EXPORT: tock'                              | TickFunction: QUARKUS_FUNQY_EXPORT 'tock' is not a @Funq function in functions/clock/src/main/java
            a Funqy function without an export   | 'QUARKUS_FUNQY_EXPORT: tick'                                                       | 'QUARKUS_PROFILE: prod'                                   | TickFunction: a function of the Funqy module functions/clock names its @Funq function in QUARKUS_FUNQY_EXPORT
            """)
    void findsABrokenRule(String rule, String replace, String with, String expected) throws IOException {
        String broken = original().replace(unescape(replace), unescape(with));
        boolean inPom = replace.contains("<module>");
        if (inPom) {
            broken = original();
        }
        List<String> problems = check(broken, inPom ? unescape(replace) : null);

        assertThat(problems).as(rule).anyMatch(p -> p.startsWith(expected));
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }

    private String original() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/templates/small-stack.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void findsAModuleWithBothLambdaExtensions() throws IOException {
        assertThat(check(original(), null, "<dependency><artifactId>quarkus-amazon-lambda</artifactId></dependency>"))
                .anyMatch(p -> p.startsWith("TickFunction: functions/clock has both quarkus-amazon-lambda and "
                        + "quarkus-funqy-amazon-lambda"));
    }

    private List<String> check(String template) throws IOException {
        return check(template, null);
    }

    private List<String> check(String template, String dropFromReactor) throws IOException {
        return check(template, dropFromReactor, "");
    }

    /** Lays the stack out on disk (modules, reactor pom, a @Named handler, a Funqy module) and checks it. */
    private List<String> check(String template, String dropFromReactor, String clockDependencies) throws IOException {
        Path file = stack.resolve("template.yaml");
        Files.writeString(file, template);
        String modules = "<module>web</module><module>worker</module><module>clock</module>";
        if (dropFromReactor != null) {
            modules = modules.replace(dropFromReactor, "");
        }
        Files.createDirectories(stack.resolve("functions"));
        Files.writeString(stack.resolve("functions/pom.xml"), "<project><modules>" + modules + "</modules></project>");
        for (String module : List.of("web", "worker")) {
            Path dir = Files.createDirectories(stack.resolve("functions/" + module + "/src/main/java/x"));
            Files.writeString(stack.resolve("functions/" + module + "/pom.xml"), "<project/>");
            Files.writeString(dir.resolve("Handler.java"), "@Named(\"work\") class Handler {}");
        }
        Path clock = Files.createDirectories(stack.resolve("functions/clock/src/main/java/x"));
        Files.writeString(stack.resolve("functions/clock/pom.xml"),
                "<project><dependencies><dependency><artifactId>quarkus-funqy-amazon-lambda</artifactId></dependency>"
                        + clockDependencies + "</dependencies></project>");
        Files.writeString(clock.resolve("Clock.java"), "class Clock { @Funq(\"tick\") public void tick() {} }");
        return new TemplateCheck(SamTemplate.read(file)).problems();
    }
}
