package com.gstcomms.testing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * s3proxy 4.1.0 as a separate process (its Jackson 3 must stay off the test classpath), with the
 * filesystem backend in a temporary directory and aws-v2-or-v4 authentication with the
 * {@link LocalAws} key pair. Its output goes to {@link #logFile()}.
 *
 * <p>s3proxy emits no bucket notifications and has no tagging or lifecycle rules.
 */
public final class S3Server implements AutoCloseable, LocalAwsEndpoint {

    static final String SHARED_PORT_PROPERTY = "gst-comms-testing.s3.port";
    static final String SHARED_LOG_PROPERTY = "gst-comms-testing.s3.log";
    /** Set by the parent pom's surefire configuration. */
    static final String JAR_PROPERTY = "s3proxy.jar";
    static final String VERSION = "4.1.0";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final Process process;       // null when attached to one another class loader started
    private final Path directory;        // s3proxy's data and properties; null when attached
    private final Path logFile;
    private final S3Client client;
    private final S3Presigner presigner;

    private S3Server(int port, Process process, Path directory, Path logFile) {
        this.port = port;
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials())
                .serviceConfiguration(pathStyle)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        this.presigner = S3Presigner.builder()
                .endpointOverride(endpoint())
                .region(LocalAws.region())
                .credentialsProvider(LocalAws.credentials())
                .serviceConfiguration(pathStyle)
                .build();
    }

    static S3Server startOrAttach() {
        Integer shared = Integer.getInteger(SHARED_PORT_PROPERTY);
        if (shared != null && Loopback.accepts(shared)) {
            StartupLog.info("reusing s3proxy on port " + shared + " started by another class loader");
            String log = System.getProperty(SHARED_LOG_PROPERTY);
            return new S3Server(shared, null, null, log == null ? null : Path.of(log));
        }
        S3Server started = start();
        System.setProperty(SHARED_LOG_PROPERTY, started.logFile.toString());
        System.setProperty(SHARED_PORT_PROPERTY, Integer.toString(started.port));
        return started;
    }

    private static S3Server start() {
        Path jar = findJar();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = Loopback.freePort();
            Path directory;
            Path log;
            Process process;
            try {
                directory = Files.createTempDirectory("gst-comms-s3proxy-");
                Path data = Files.createDirectories(directory.resolve("data"));
                Path properties = directory.resolve("s3proxy.properties");
                writeProperties(properties, port, data);
                log = logFileFor(port);
                process = launch(jar, properties, log);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start s3proxy", e);
            }
            try {
                awaitReady(process, port, log);
                return new S3Server(port, process, directory, log);
            } catch (IllegalStateException e) {
                last = e;
                stop(process);
                deleteRecursively(directory);
            }
        }
        throw last;
    }

    /**
     * Under the module's {@code target/} when the tests run from Maven (so the log outlives the run
     * and {@code mvn clean} removes it), else in the temporary directory.
     */
    private static Path logFileFor(int port) throws IOException {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Path directory = Files.isDirectory(target)
                ? target.resolve("local-servers")
                : Path.of(System.getProperty("java.io.tmpdir"), "gst-comms-local-servers");
        Files.createDirectories(directory);
        return directory.resolve("s3proxy-" + ProcessHandle.current().pid() + "-" + port + ".log");
    }

    /** The jar from the {@code s3proxy.jar} system property, else from the local Maven repository. */
    static Path findJar() {
        List<Path> tried = new ArrayList<>();
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            tried.add(Path.of(configured));
        }
        String repository = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + File.separator + ".m2" + File.separator + "repository");
        tried.add(Path.of(repository, "org", "gaul", "s3proxy", VERSION,
                "s3proxy-" + VERSION + "-jar-with-dependencies.jar"));
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("s3proxy " + VERSION + " jar-with-dependencies not found (looked at "
                + tried + "). Build shared/testing once (it downloads it: `./mvnw -pl shared/testing -am "
                + "verify`), or pass -Ds3proxy.jar=/path/to/s3proxy-" + VERSION + "-jar-with-dependencies.jar");
    }

    private static void writeProperties(Path file, int port, Path data) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://" + Loopback.HOST + ":" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", LocalAws.ACCESS_KEY_ID);
        properties.setProperty("s3proxy.credential", LocalAws.SECRET_ACCESS_KEY);
        // Browsers (a presigned URL opened from a page) need CORS; harmless for everything else.
        properties.setProperty("s3proxy.cors-allow-all", "true");
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "written by com.gstcomms.testing.S3Server");
        }
    }

    private static Process launch(Path jar, Path properties, Path log) throws IOException {
        List<String> java = List.of(javaExecutable(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-jar", jar.toString(), "--properties", properties.toString());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/bin/sh"))) {
            // A watchdog: if this JVM is killed without running its shutdown hooks, s3proxy follows it
            // within a second instead of living on.
            command.addAll(List.of("/bin/sh", "-c",
                    "\"$@\" & child=$!; "
                            + "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null "
                            + "&& kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child",
                    "s3proxy"));
        }
        command.addAll(java);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** The same java that runs the tests. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void awaitReady(Process process, int port, Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        URI root = URI.create("http://" + Loopback.HOST + ":" + port + "/");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; last output:\n"
                        + tail(log));
            }
            if (answers(root)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for s3proxy", e);
            }
        }
        throw new IllegalStateException("s3proxy did not answer on " + root + " within " + STARTUP_TIMEOUT
                + "; last output:\n" + tail(log));
    }

    /** Any HTTP answer (an anonymous request gets 403) means Jetty is up. */
    private static boolean answers(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** A path-style client for this server, shared; do not close it. */
    public S3Client client() {
        return client;
    }

    /** A path-style presigner for this server, shared; do not close it. */
    public S3Presigner presigner() {
        return presigner;
    }

    /** Creates the bucket if it does not exist yet. */
    public String createBucket(String name) {
        try {
            client.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException e) {
            // already there: fine, many test classes share the server
        }
        return name;
    }

    /** s3proxy's output (stdout and stderr). */
    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
        if (process != null) {
            stop(process);
            deleteRecursively(directory);   // the data; the log lives elsewhere
            if (Integer.toString(port).equals(System.getProperty(SHARED_PORT_PROPERTY))) {
                System.clearProperty(SHARED_PORT_PROPERTY);
                System.clearProperty(SHARED_LOG_PROPERTY);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }

    @Override
    public String toString() {
        return "s3proxy on " + endpoint() + (logFile == null ? "" : " (log " + logFile + ")");
    }
}
