package com.gstcomms.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a function's deployment package ({@code function.zip}) the way Lambda does into
 * {@code /var/task}: one directory per build of the zip, reused while the zip is unchanged. Functions
 * sharing a zip (csv split and chunk, the two scheduler functions) share the directory.
 */
public final class Artifacts {

    private final Path root;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    public Artifacts(Path root) {
        this.root = root;
    }

    /** The unpacked directory for the zip as it is now; unpacks it when this build was not seen yet. */
    public Path unpacked(Path zip) {
        synchronized (locks.computeIfAbsent(zip.toAbsolutePath().normalize(), k -> new Object())) {
            try {
                long size = Files.size(zip);
                FileTime modified = Files.getLastModifiedTime(zip);
                String module = zip.toAbsolutePath().normalize().getParent().getParent().getFileName().toString();
                Path moduleRoot = root.resolve(module);
                Path target = moduleRoot.resolve(modified.toMillis() + "-" + size);
                if (Files.isDirectory(target)) {
                    return target;
                }
                Files.createDirectories(moduleRoot);
                Path partial = Files.createTempDirectory(moduleRoot, "unpacking-");
                unzip(zip, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                // Older builds stay: a process started from one may still load classes from its jars.
                // The local cloud clears them all when it starts (clear()).
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack " + zip + ": " + e.getMessage(), e);
            }
        }
    }

    /** Forgets every unpacked build (call it before any function process runs). */
    public void clear() {
        if (Files.isDirectory(root)) {
            deleteQuietly(root);
        }
    }

    /** The {@code Add-Opens} modules of the package's manifest (Quarkus writes them for its runner jar). */
    public static List<String> addOpens(Path unpacked) {
        Path manifest = unpacked.resolve("META-INF/MANIFEST.MF");
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(manifest)) {
            String value = new java.util.jar.Manifest(in).getMainAttributes().getValue("Add-Opens");
            return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A native build's package has a {@code bootstrap} at its root (provided.al2023); a JVM build has not. */
    public static boolean isNative(Path unpacked) {
        return Files.isRegularFile(unpacked.resolve("bootstrap"));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().equals("bootstrap") || entry.getName().equals("runner")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a running process may still hold it; it goes with the next clean
        }
    }
}
