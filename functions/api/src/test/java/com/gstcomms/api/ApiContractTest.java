package com.gstcomms.api;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Unauthenticated;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ApiContractTest {

    @Test
    void servesTheOpenApiDocumentWithEveryCall() {
        String doc = given().port(Api.LAMBDA_PORT).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body(containsString("\"openapi\"")).extract().asString();
        assertThat(doc).contains("/v1/notifications", "/v1/campaigns", "/v1/invoices/{id}/send", "/v1/invoices/{id}/pdf",
                "/v1/bulk/invoices", "/v1/bulk/labels", "/v1/bulk/status", "/v1/imports", "/v1/settings/shop",
                "/v1/exports", "/v1/bulk-operations/{id}", "/v1/templates/{id}/preview", "/v1/analytics",
                "/v1/settings/providers", "/v1/services/test", "/v1/services/status", "/v1/customers/{id}",
                "/v1/webhooks/sendgrid", "/v1/webhooks/twilio", "/v1/api-keys");
    }

    /** Forgetting the role of a new call must be caught here, not in production (the filter also fails closed). */
    @Test
    void everyCallDeclaresWhoMayMakeIt() throws Exception {
        List<String> unclassified = new ArrayList<>();
        // The module's compiled classes (surefire runs in the module directory).
        File classes = new File("target/classes");
        assertThat(new File(classes, "com/gstcomms/api/auth/Allowed.class")).exists();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.toPath())) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.toPath().relativize(file).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (!type.isAnnotationPresent(Path.class)) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    boolean isCall = Stream.of(GET.class, POST.class, PUT.class, DELETE.class).anyMatch(m::isAnnotationPresent);
                    boolean classified = m.isAnnotationPresent(Allowed.class) || m.isAnnotationPresent(Unauthenticated.class)
                            || type.isAnnotationPresent(Allowed.class) || type.isAnnotationPresent(Unauthenticated.class);
                    if (isCall && !classified) {
                        unclassified.add(type.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertThat(unclassified).isEmpty();
    }
}
