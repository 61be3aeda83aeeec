package com.gstcomms.testing.quarkus;

/**
 * Where Quarkus' mock Lambda event server of this test run listens, for tests that post events to it.
 * The build reserves a free port per module build (root pom: build-helper {@code reserve-network-port},
 * handed to surefire and failsafe as {@code quarkus.lambda.mock-event-server.test-port}), so two builds of
 * one module on one machine never post into each other's function; {@code -D…test-port=N} given to Maven
 * wins. Quarkus reads the same system property to start the server.
 */
public final class MockEventServer {

    public static final String PORT_PROPERTY = "quarkus.lambda.mock-event-server.test-port";

    /** Quarkus' own default, used when the test runs outside Maven without the property. */
    private static final int QUARKUS_DEFAULT_PORT = 8081;

    private MockEventServer() {
    }

    public static int port() {
        return Integer.getInteger(PORT_PROPERTY, QUARKUS_DEFAULT_PORT);
    }
}
