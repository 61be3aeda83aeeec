package com.gstcomms.local.lambda;

import com.gstcomms.local.testfunction.EchoFunction;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packages {@link EchoFunction} as a Lambda deployment zip ({@code <module>/target/function.zip}). */
public final class TestFunctions {

    public static final String ECHO_HANDLER = EchoFunction.class.getName() + "::handleRequest";

    private TestFunctions() {
    }

    /** The zip path for a module directory under {@code root}; {@link #packageEcho} writes it. */
    public static Path zipOf(Path root, String module) {
        return root.resolve(module).resolve("target/function.zip");
    }

    /** Writes {@code <root>/<module>/target/function.zip} holding the echo handler at its root, as Lambda expects. */
    public static Path packageEcho(Path root, String module) throws IOException {
        Path zip = zipOf(root, module);
        Files.createDirectories(zip.getParent());
        String resource = EchoFunction.class.getName().replace('.', '/') + ".class";
        Path classes = Path.of(EchoFunction.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path partial = zip.resolveSibling("function.zip.partial");
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(resource));
            out.write(Files.readAllBytes(classes.resolve(resource)));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/"));
            out.closeEntry();
            // Its own dependencies in lib/, as a Quarkus function.zip carries them.
            for (Class<?> library : List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
                Path jar = Path.of(library.getProtectionDomain().getCodeSource().getLocation().getPath());
                out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                out.write(Files.readAllBytes(jar));
                out.closeEntry();
            }
        }
        Files.move(partial, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return zip;
    }

    public static FunctionSpec echoSpec(Path root, String name, String module, int timeoutSeconds,
                                        Map<String, String> env) {
        return new FunctionSpec(name, module, zipOf(root, module), ECHO_HANDLER, timeoutSeconds, 256, env);
    }

    /** Collects the local cloud's log lines for assertions. */
    public static final class Lines implements Consumer<String> {
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void accept(String line) {
            lines.add(line);
            System.out.println("[local-cloud] " + line);
        }

        public synchronized List<String> all() {
            return List.copyOf(lines);
        }
    }
}
