package com.gstcomms.local.lambda;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A function process behind the local Lambda Runtime API, with a real handler run by the AWS Runtime
 * Interface Client (the echo function: a plain RequestStreamHandler, so each start takes well under
 * a second instead of a Quarkus start).
 */
class LocalFunctionTest {

    static Vertx vertx;
    static final Path RIC = Path.of(System.getProperty("gstcomms.lambda-ric.dir", "target/lambda-ric"));

    @TempDir
    Path root;
    final TestFunctions.Lines log = new TestFunctions.Lines();
    final List<LocalFunction> started = new ArrayList<>();

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close();
    }

    @AfterEach
    void stop() {
        started.forEach(LocalFunction::stop);
    }

    LocalFunction function(String name, int timeoutSeconds, Map<String, String> env) throws Exception {
        TestFunctions.packageEcho(root, "functions/" + name);
        LocalFunction function = new LocalFunction(TestFunctions.echoSpec(root, name, "functions/" + name,
                timeoutSeconds, env), vertx, new Artifacts(root.resolve("artifacts")), RIC, root.resolve("logs"),
                "ap-south-1", "000000000000", log);
        started.add(function);
        return function;
    }

    static InvocationResult invoke(LocalFunction function, String event) throws Exception {
        return function.invoke("test", event.getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void answersAnEventThroughTheRuntimeApiAndMeasuresTheColdStart() throws Exception {
        LocalFunction echo = function("echo", 10, Map.of());

        InvocationResult result = invoke(echo, "{\"hello\":\"नमस्ते\"}");

        assertThat(result).isInstanceOfSatisfying(InvocationResult.Response.class,
                r -> assertThat(r.bodyText()).isEqualTo("{\"hello\":\"नमस्ते\"}"));
        LocalFunction.Statistics stats = echo.statistics();
        assertThat(stats.coldStarts()).singleElement().satisfies(c -> {
            assertThat(c.initMillis()).isPositive();
            assertThat(c.firstResponseMillis()).isGreaterThanOrEqualTo(c.initMillis());
        });
        assertThat(stats.recent()).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.coldStart()).isTrue();
        });
        assertThat(log.all()).anyMatch(line -> line.startsWith("echo: JVM start to first response"));
    }

    @Test
    void reportsAnExceptionOfTheHandlerAsAFunctionErrorAndStaysWarm() throws Exception {
        LocalFunction echo = function("failing", 10, Map.of());

        InvocationResult failed = invoke(echo, "{\"fail\":\"GSTIN 27AAPFU0939F1ZX is not valid\"}");
        InvocationResult next = invoke(echo, "{\"n\":2}");

        assertThat(failed).isInstanceOfSatisfying(InvocationResult.FunctionError.class, e -> {
            assertThat(e.errorType()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(e.errorMessage()).isEqualTo("GSTIN 27AAPFU0939F1ZX is not valid");
        });
        assertThat(next.ok()).isTrue();
        assertThat(echo.statistics().restarts()).isZero();
        assertThat(echo.statistics().coldStarts()).hasSize(1);
    }

    @Test
    void killsAnInvocationPastTheTimeoutAndAnswersTheNextFromAFreshEnvironment() throws Exception {
        LocalFunction echo = function("slow", 2, Map.of());
        invoke(echo, "{\"warm\":true}");

        InvocationResult slow = invoke(echo, "{\"sleepMillis\":30000}");
        InvocationResult next = invoke(echo, "{\"after\":true}");

        assertThat(slow).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(InvocationResult.Kind.TIMED_OUT);
            assertThat(f.message()).isEqualTo("Task timed out after 2 seconds");
        });
        assertThat(next.ok()).isTrue();
        assertThat(echo.statistics().coldStarts()).hasSize(2);
    }

    @Test
    void failsTheRunningInvocationWhenTheProcessIsKilledAndStartsItAgain() throws Exception {
        LocalFunction echo = function("killed", 30, Map.of());
        invoke(echo, "{\"warm\":true}");
        long firstPid = echo.pid().orElseThrow();

        CompletableFuture<InvocationResult> running = echo.invoke("test",
                "{\"sleepMillis\":20000}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(echo::busy);
        new ProcessBuilder("kill", "-9", Long.toString(firstPid)).start().waitFor();

        assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(InvocationResult.Kind.RUNTIME_EXITED);
            assertThat(f.message()).contains("signal 9 (killed)");
        });
        // Restarted by itself (it was warm), before any new event.
        await().atMost(Duration.ofSeconds(30)).until(() -> echo.pid().filter(pid -> pid != firstPid).isPresent());
        assertThat(invoke(echo, "{\"after\":\"kill\"}").ok()).isTrue();
        assertThat(echo.statistics().restarts()).isEqualTo(1);
    }

    @Test
    void reportsAnInitErrorAsAFailureWithItsReasonInsteadOfCrashing() throws Exception {
        LocalFunction broken = function("broken", 10, Map.of("ECHO_FAIL_INIT", "1"));

        InvocationResult result = invoke(broken, "{}");

        // The runtime reports the init error (POST /runtime/init/error) and exits; the reason is in its log.
        assertThat(result).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(InvocationResult.Kind.INIT_FAILED);
            assertThat(f.message()).contains("Error loading class " + TestFunctions.ECHO_HANDLER.split("::")[0])
                    .contains(broken.logFile().toString());
        });
        assertThat(Files.readString(broken.logFile())).contains("init refused on purpose (ECHO_FAIL_INIT=1)");
        assertThat(broken.state()).isEqualTo("init failed");
    }

    @Test
    void answersNotBuiltUntilTheArtifactExistsAndThenRunsIt() throws Exception {
        LocalFunction later = function("later", 10, Map.of());
        Files.delete(TestFunctions.zipOf(root, "functions/later"));

        InvocationResult before = invoke(later, "{}");
        TestFunctions.packageEcho(root, "functions/later");
        InvocationResult after = invoke(later, "{\"built\":true}");

        assertThat(before).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(InvocationResult.Kind.NOT_BUILT);
            assertThat(f.message()).contains("functions/later/target/function.zip does not exist");
        });
        assertThat(after.ok()).isTrue();
    }

    @Test
    void runsOneInvocationAtATimeLikeOneExecutionEnvironment() throws Exception {
        LocalFunction echo = function("serial", 10, Map.of());
        invoke(echo, "{\"warm\":true}");

        CompletableFuture<InvocationResult> first = echo.invoke("a", "{\"sleepMillis\":700}".getBytes());
        CompletableFuture<InvocationResult> second = echo.invoke("b", "{\"sleepMillis\":700}".getBytes());
        CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);

        assertThat(first.get().ok()).isTrue();
        assertThat(second.get().ok()).isTrue();
        var recent = echo.statistics().recent();
        var a = recent.stream().filter(r -> r.source().equals("a")).findFirst().orElseThrow();
        var b = recent.stream().filter(r -> r.source().equals("b")).findFirst().orElseThrow();
        // b waited for a: it finished at least a's run time after a did.
        assertThat(b.durationMs()).isGreaterThanOrEqualTo(650);
        assertThat(a.durationMs()).isGreaterThanOrEqualTo(650);
        assertThat(echo.statistics().coldStarts()).hasSize(1);
    }
}
