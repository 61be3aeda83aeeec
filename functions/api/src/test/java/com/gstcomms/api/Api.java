package com.gstcomms.api;
import com.gstcomms.testing.quarkus.MockEventServer;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Requests through the Lambda mock event server: it turns each HTTP request into an API Gateway HTTP API
 * (payload 2.0) event and the handler's answer back into HTTP, as API Gateway does in AWS.
 */
public final class Api {

    /** Where this build's mock Lambda event server listens (a free port per build). */
    public static final int LAMBDA_PORT = MockEventServer.port();

    private Api() {
    }

    public static RequestSpecification asKey(String apiKey) {
        return given().port(LAMBDA_PORT).header("X-Api-Key", apiKey).contentType(ContentType.JSON);
    }

    public static RequestSpecification asSession(String token) {
        return given().port(LAMBDA_PORT).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().port(LAMBDA_PORT).contentType(ContentType.JSON);
    }
}
