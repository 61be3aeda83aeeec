package com.gstcomms.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims of the READMEs that template.yaml can check: the queue keys every function is configured with,
 * the entry points of the artifacts deployed several times, and that test commands build the shared
 * modules they need (a {@code -pl} without {@code -am} fails on a fresh clone, where nothing is installed).
 */
class ReadmeClaimsTest {

    static final Path PROJECT = RepositoryReferencesTest.PROJECT;

    /** {@code -am} as an option (not the "-amd64" of a JDK's path). */
    static final Pattern ALSO_MAKE = Pattern.compile("\\s-am(\\s|`|$)");

    @Test
    void theRootReadmeListsTheQueueKeysTheTemplateSets() throws IOException {
        Set<String> template = new TreeSet<>();
        Matcher env = Pattern.compile("GSTCOMMS_QUEUES_([A-Z_]+):").matcher(read("template.yaml"));
        while (env.find()) {
            template.add(env.group(1).toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        Matcher readme = Pattern.compile("`gstcomms\\.queues\\.\\{([a-z,-]+)}`").matcher(read("README.md"));
        assertThat(readme.find()).as("README.md names the queue keys as `gstcomms.queues.{…}`").isTrue();
        assertThat(new TreeSet<>(Arrays.asList(readme.group(1).split(",")))).isEqualTo(template).isNotEmpty();
    }

    /** The modules whose README has a table of entry points (the artifacts of several, or of a Funqy, function). */
    static final List<String> ENTRY_POINT_TABLES = List.of("functions/csv", "functions/csv-job",
            "functions/scheduler", "functions/reminders");

    @Test
    void theEntryPointsOfTheCsvAndSchedulerReadmesAreTheTemplates() throws IOException {
        // the RequestHandler's @Named name or the Funqy export a function of the template picks
        Set<String> template = new TreeSet<>();
        Matcher handler = Pattern.compile("QUARKUS_(?:LAMBDA_HANDLER|FUNQY_EXPORT): ([a-z-]+)").matcher(read("template.yaml"));
        while (handler.find()) {
            template.add(handler.group(1));
        }
        Set<String> readmes = new TreeSet<>();
        for (String module : ENTRY_POINT_TABLES) {
            String readme = module + "/README.md";
            // the first column of the handler table: | `csv-split` (…) | …
            Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)`").matcher(read(readme));
            while (row.find()) {
                readmes.add(row.group(1));
            }
        }
        assertThat(readmes).isEqualTo(template).isNotEmpty();
    }

    @Test
    void everyReadmeTestCommandWithAModuleListAlsoBuildsWhatItNeeds() throws IOException {
        List<String> without;
        try (Stream<Path> files = Files.walk(PROJECT)) {
            without = files.filter(f -> f.getFileName().toString().equals("README.md"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    .flatMap(f -> lines(f).stream().map(line -> PROJECT.relativize(f) + ": " + line))
                    .filter(line -> line.contains("mvnw") && line.contains(" -pl ") && !ALSO_MAKE.matcher(line).find())
                    .collect(Collectors.toList());
        }
        assertThat(without).as("./mvnw -pl … without -am (fails on a fresh clone)").isEmpty();
    }

    static String read(String path) throws IOException {
        return Files.readString(PROJECT.resolve(path));
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
