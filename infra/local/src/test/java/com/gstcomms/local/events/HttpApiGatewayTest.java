package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.local.lambda.Artifacts;
import com.gstcomms.local.lambda.LocalFunction;
import com.gstcomms.local.lambda.TestFunctions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API on a local port, in front of a real function process (the echo function answers 201
 * with the API Gateway payload 2.0 event it received as its body), so what is checked is exactly what a
 * function sees and what a client gets back.
 */
class HttpApiGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path RIC = Path.of(System.getProperty("gstcomms.lambda-ric.dir", "target/lambda-ric"));

    @TempDir
    static Path root;
    static Vertx vertx;
    static LocalFunction echo;
    static LocalFunction missing;
    static HttpApiGateway gateway;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        TestFunctions.Lines log = new TestFunctions.Lines();
        TestFunctions.packageEcho(root, "functions/echo");
        Artifacts artifacts = new Artifacts(root.resolve("artifacts"));
        echo = new LocalFunction(TestFunctions.echoSpec(root, "EchoFunction", "functions/echo", 10, Map.of()), vertx,
                artifacts, RIC, root.resolve("logs"), "ap-south-1", "000000000000", log);
        missing = new LocalFunction(TestFunctions.echoSpec(root, "ReportsFunction", "functions/reports", 10, Map.of()),
                vertx, artifacts, RIC, root.resolve("logs"), "ap-south-1", "000000000000", log);
        gateway = new HttpApiGateway(vertx, "127.0.0.1", 0, Duration.ofSeconds(30), log);
        gateway.routes(List.of(
                new HttpApiGateway.Route("EchoFunction.All", echo, "ANY", null),
                new HttpApiGateway.Route("ReportsFunction.Get", missing, "GET", "/v1/reports/{id}")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        echo.stop();
        vertx.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    @Test
    void handsTheFunctionAPayloadTwoEventAndReturnsItsAnswer() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/v1/notifications?channel=EMAIL&channel=WHATSAPP&q=a%20b")))
                .header("X-Api-Key", "gc_live_example")
                .header("Content-Type", "application/json")
                .header("Cookie", "a=1; b=2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"INVOICE\",\"note\":\"₹ 1,234.50\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Echo")).contains("yes");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("session=abc; Path=/");
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/v1/notifications");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("channel=EMAIL&channel=WHATSAPP&q=a%20b");
        assertThat(event.path("queryStringParameters").path("channel").asText()).isEqualTo("EMAIL,WHATSAPP");
        assertThat(event.path("queryStringParameters").path("q").asText()).isEqualTo("a b");
        assertThat(event.path("headers").path("x-api-key").asText()).isEqualTo("gc_live_example");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
        assertThat(event.path("requestContext").path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("$default");
        assertThat(event.path("requestContext").path("timeEpoch").asLong()).isPositive();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("body").asText()).isEqualTo("{\"kind\":\"INVOICE\",\"note\":\"₹ 1,234.50\"}");
    }

    @Test
    void passesABinaryBodyBase64EncodedAsApiGatewayDoes() throws Exception {
        byte[] pdfStart = {0x25, 0x50, 0x44, 0x46, 0x2D, (byte) 0xE2, (byte) 0xE3, 0x00};

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/upload")))
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(pdfStart)));

        JsonNode event = JSON.readTree(response.body());
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(pdfStart);
    }

    @Test
    void answersServiceUnavailableNamingTheBuildForAFunctionNotBuiltYet() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/v1/reports/42"))).GET());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).path("message").asText())
                .contains("functions/reports/target/function.zip does not exist")
                .contains("./mvnw -pl functions/reports -am package -DskipTests");
    }

    @Test
    void answersInternalServerErrorWhenTheFunctionFails() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/v1/anything")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(201);   // the echo answers API events; errors next

        // A route to a function whose artifact breaks at init: API Gateway answers 500 with its own body.
        Path broken = root.resolve("functions/broken/target/function.zip");
        Files.createDirectories(broken.getParent());
        Files.write(broken, new byte[]{'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        LocalFunction brokenFunction = new LocalFunction(TestFunctions.echoSpec(root, "BrokenFunction",
                "functions/broken", 10, Map.of()), vertx, new Artifacts(root.resolve("artifacts")), RIC,
                root.resolve("logs"), "ap-south-1", "000000000000", s -> { });
        HttpApiGateway second = new HttpApiGateway(vertx, "127.0.0.1", 0, Duration.ofSeconds(30), s -> { });
        try {
            second.routes(List.of(new HttpApiGateway.Route("BrokenFunction.All", brokenFunction, "ANY", null)));
            HttpResponse<String> failed = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + second.port() + "/v1/x")).GET());
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        } finally {
            second.close();
            brokenFunction.stop();
        }
    }
}
