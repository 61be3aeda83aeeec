package com.gstcomms.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository explains itself (issue 16): no file refers to notes outside it — the design notes the
 * project started from, or a folder beside the clone — since a clone on another machine has neither.
 * The project's own documents are docs/ARCHITECTURE.md and docs/TRAPS.md, and a reference to one of
 * their sections ({@code docs/TRAPS.md "Jackson versions"}) must name a heading that exists.
 *
 * <p>Every text file of the clone is read except {@code .git}, build output ({@code target}) and the
 * local cloud's state ({@code .local-cloud}). The root is the project's, or {@code -Dgstcomms.root=DIR}.
 */
class RepositoryReferencesTest {

    static final Path PROJECT = Path.of(System.getProperty("gstcomms.root", "../..")).toAbsolutePath().normalize();

    /** Folders that are not the repository's content. */
    static final Set<String> SKIPPED = Set.of(".git", "target", ".local-cloud", ".idea", ".vscode", "node_modules");

    /** Written in two parts so that this file does not name them itself. */
    static final List<String> OUTSIDE_NOTES = List.of("DESIGN" + ".md", "STACK" + ".md", "CONVENTIONS" + ".md",
            "/work" + "/shared");

    /** A parent-relative path to a "shared" folder (any number of {@code ..} steps): fine while it stays inside. */
    static final Pattern PARENT_SHARED = Pattern.compile("((?:\\.\\./)+)shared/");

    static final Pattern SECTION = Pattern.compile("docs/(ARCHITECTURE|TRAPS)\\.md \"([^\"]+)\"");

    @Test
    void noFileRefersToNotesOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path file : textFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (String note : OUTSIDE_NOTES) {
                    if (line.contains(note)) {
                        found.add(where(file, i) + ": " + note);
                    }
                }
                Matcher m = PARENT_SHARED.matcher(line);
                while (m.find()) {
                    if (!insideTheRepository(file, m.group(1) + "shared")) {
                        found.add(where(file, i) + ": " + m.group() + " (not a folder of the repository)");
                    }
                }
            }
        }
        assertThat(found).as("references to notes outside the repository; point at docs/ARCHITECTURE.md or "
                + "docs/TRAPS.md instead").isEmpty();
    }

    @Test
    void everySectionReferredToExists() {
        Set<String> architecture = headings(PROJECT.resolve("docs/ARCHITECTURE.md"));
        Set<String> traps = headings(PROJECT.resolve("docs/TRAPS.md"));
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SECTION.matcher(lines.get(i));
                while (m.find()) {
                    Set<String> known = m.group(1).equals("TRAPS") ? traps : architecture;
                    if (!known.contains(m.group(2))) {
                        missing.add(where(file, i) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(architecture).as("docs/ARCHITECTURE.md headings").isNotEmpty();
        assertThat(traps).as("docs/TRAPS.md headings").isNotEmpty();
        assertThat(missing).as("references to sections that docs/ARCHITECTURE.md or docs/TRAPS.md lack").isEmpty();
    }

    @Test
    void theReadmePointsAtTheProjectsOwnDocuments() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        assertThat(readme).contains("docs/ARCHITECTURE.md", "docs/TRAPS.md", "SECURITY.md");
    }

    /**
     * A relative path is read from the file's folder (a link) or from its module's folder (a build setting,
     * such as a test's {@code filesystem:} Flyway location): it must be a folder of the repository from one.
     */
    static boolean insideTheRepository(Path file, String relative) {
        Path module = file.getParent();
        while (module.startsWith(PROJECT) && !Files.isRegularFile(module.resolve("pom.xml"))) {
            module = module.getParent();
        }
        for (Path base : List.of(file.getParent(), module)) {
            Path target = base.resolve(relative).normalize();
            if (target.startsWith(PROJECT) && Files.isDirectory(target)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> headings(Path markdown) {
        Set<String> names = new TreeSet<>();
        for (String line : lines(markdown)) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                names.add(line.substring(line.indexOf(' ') + 1).strip());
            }
        }
        return names;
    }

    static List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(PROJECT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(PROJECT) && SKIPPED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && isText(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("text files under " + PROJECT).anyMatch(f -> f.endsWith("template.yaml"));
        return files;
    }

    /** Fonts, PDFs, images and jars are not read: a NUL byte in the first 8 KB marks a binary file. */
    static boolean isText(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    static List<String> lines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String where(Path file, int index) {
        return PROJECT.relativize(file) + ":" + (index + 1);
    }
}
