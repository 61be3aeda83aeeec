package com.gstcomms.local.events;

import com.gstcomms.local.lambda.Artifacts;
import com.gstcomms.local.lambda.LocalFunction;
import com.gstcomms.local.lambda.TestFunctions;
import com.gstcomms.testing.LocalAws;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The local Invoke API, called by the AWS SDK's LambdaClient exactly as the api function calls csv-job. */
class LambdaInvokeApiTest {

    static final Path RIC = Path.of(System.getProperty("gstcomms.lambda-ric.dir", "target/lambda-ric"));

    @TempDir
    Path root;
    Vertx vertx;
    LocalFunction echo;
    LambdaInvokeApi api;
    LambdaClient lambda;
    final TestFunctions.Lines log = new TestFunctions.Lines();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        TestFunctions.packageEcho(root, "functions/echo");
        echo = new LocalFunction(TestFunctions.echoSpec(root, "EchoFunction", "functions/echo", 10, Map.of()), vertx,
                new Artifacts(root.resolve("artifacts")), RIC, root.resolve("logs"), "ap-south-1", "000000000000", log);
        api = new LambdaInvokeApi(vertx, "127.0.0.1", 0,
                name -> name.equals("EchoFunction") ? Optional.of(echo) : Optional.empty(), Duration.ofMillis(200), log);
        lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.AP_SOUTH_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY_ID,
                        LocalAws.SECRET_ACCESS_KEY)))
                .endpointOverride(URI.create("http://127.0.0.1:" + api.port())).build();
    }

    @AfterEach
    void stop() {
        lambda.close();
        api.close();
        echo.stop();
        vertx.close();
    }

    @Test
    void answersARequestResponseInvocationWithTheHandlersResult() {
        InvokeResponse answer = lambda.invoke(r -> r.functionName("EchoFunction")
                .payload(SdkBytes.fromUtf8String("{\"shopId\":7,\"bulkOperationId\":42}")));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.functionError()).isNull();
        assertThat(answer.payload().asUtf8String()).isEqualTo("{\"shopId\":7,\"bulkOperationId\":42}");
    }

    @Test
    void acceptsAnEventInvocationAtOnceAndRunsItInTheFunction() {
        InvokeResponse answer = lambda.invoke(r -> r.functionName("arn:aws:lambda:ap-south-1:000000000000:function:EchoFunction")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"sleepMillis\":10}")));

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> echo.statistics().invocations() == 1);
        assertThat(echo.statistics().recent()).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.source()).isEqualTo("Invoke (Event)");
        });
        assertThat(api.asyncFailures()).isZero();
    }

    @Test
    void retriesAFailedEventInvocationTwiceAsLambdaDoes() {
        lambda.invoke(r -> r.functionName("EchoFunction").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"fail\":\"export broke\"}")));

        await().atMost(Duration.ofSeconds(60)).until(() -> api.asyncFailures() == 1);
        assertThat(echo.statistics().invocations()).isEqualTo(3);
        assertThat(log.all()).filteredOn(l -> l.startsWith("Invoke EchoFunction (Event)")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("export broke"));
    }

    @Test
    void reportsAFunctionErrorTheWayLambdaDoes() {
        InvokeResponse answer = lambda.invoke(r -> r.functionName("EchoFunction")
                .payload(SdkBytes.fromUtf8String("{\"fail\":\"no such bulk operation\"}")));

        assertThat(answer.functionError()).isEqualTo("Unhandled");
        assertThat(answer.payload().asUtf8String()).contains("no such bulk operation");
    }

    @Test
    void refusesAnUnknownFunctionWithResourceNotFound() {
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("NoSuchFunction")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("NoSuchFunction");
    }
}
