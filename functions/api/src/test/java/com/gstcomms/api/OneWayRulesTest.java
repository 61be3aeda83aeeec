package com.gstcomms.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of issue 16 that a second copy would break, checked over the main code of every module: the
 * database through Panache entities or native SQL in the Hibernate Reactive session (no raw Vert.x SQL
 * pool), and one clock (shared/runtime {@code SystemClock}; no other {@code Clock.systemUTC()}).
 */
class OneWayRulesTest {

    @Test
    void noRawVertxSqlPoolInMainCode() {
        assertThat(mainSourcesContaining("io.vertx.mutiny.sqlclient")).isEmpty();
        assertThat(mainSourcesContaining("io.vertx.sqlclient")).isEmpty();
    }

    @Test
    void theSystemClockIsMadeInOnePlace() {
        assertThat(mainSourcesContaining("Clock.systemUTC()"))
                .containsExactly("shared/runtime/src/main/java/com/gstcomms/runtime/config/SystemClock.java");
    }

    /** Main source files (paths from the repository root) whose text contains {@code text}. */
    private static List<String> mainSourcesContaining(String text) {
        Path root = repositoryRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').matches("(functions|shared)/[^/]+/src/main/java/.*"))
                    .filter(p -> read(p).contains(text))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the directory with mvnw above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
