package com.gstcomms.testing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LocalServersTest {

    @Test
    void manyTestClassesCallingAtOnceShareOneServer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Object> call = () -> {
                start.await();
                return LocalServers.twilio();
            };
            calls.add(pool.submit(call));
        }
        start.countDown();
        Object first = calls.getFirst().get();
        for (Future<Object> call : calls) {
            assertThat(call.get()).isSameAs(first);
        }
        pool.shutdown();
    }

    @Test
    void everyServerListensOnLoopbackOnly() {
        assertThat(LocalServers.sendGrid().baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(LocalServers.twilio().baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(LocalServers.smtp().host()).isEqualTo("127.0.0.1");
        assertThat(LocalServers.sendGrid().port()).isNotEqualTo(LocalServers.twilio().port());
    }

    @Test
    void findsTheS3proxyJarFromTheSystemPropertyAndNamesWhereItLookedWhenMissing() {
        assertThat(System.getProperty(S3Server.JAR_PROPERTY)).as("set by the parent pom's surefire config").isNotBlank();
        assertThat(S3Server.findJar()).exists();

        String saved = System.getProperty(S3Server.JAR_PROPERTY);
        String savedRepo = System.getProperty("maven.repo.local");
        try {
            System.setProperty(S3Server.JAR_PROPERTY, "/nonexistent/s3proxy.jar");
            System.setProperty("maven.repo.local", "/nonexistent-repository");
            org.assertj.core.api.Assertions.assertThatThrownBy(S3Server::findJar)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/s3proxy.jar")
                    .hasMessageContaining("-Ds3proxy.jar=");
        } finally {
            System.setProperty(S3Server.JAR_PROPERTY, saved);
            if (savedRepo == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", savedRepo);
            }
        }
    }
}
