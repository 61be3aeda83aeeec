package com.gstcomms.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code gstcomms}: the newcomer's door to GST Comms on one machine (started by infra/gstcomms).
 * Errors are one line on stderr, never a stack trace (set GSTCOMMS_DEBUG=1 for the trace).
 */
@Command(name = "gstcomms", mixinStandardHelpOptions = true, version = "gstcomms 0.1.0",
        description = "GST Comms on one machine: the local cloud, its demo, and local checks.",
        subcommands = {UpCommand.class, DemoCommand.class, CheckCsvCommand.class, RenderInvoiceCommand.class,
                GstinCommand.class, CommandLine.HelpCommand.class})
public final class GstComms {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return run(null, null, args);
    }

    /** With the command's output and error streams given (tests); null = stdout/stderr. */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        // Libraries that log through java.util.logging (Flyway) speak only when something is wrong.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        CommandLine cli = new CommandLine(new GstComms());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (System.getenv("GSTCOMMS_DEBUG") != null) {
                e.printStackTrace();
            }
            commandLine.getErr().println("gstcomms: " + oneLine(e));
            return e instanceof UserError error ? error.exitCode() : 1;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.replace('\n', ' ');
    }

    /** The clone: $GSTCOMMS_ROOT, else the nearest directory at or above the working one with template.yaml. */
    static Path projectRoot() {
        String configured = System.getenv("GSTCOMMS_ROOT");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new UserError("cannot find the GST Comms clone (no template.yaml above " + Path.of("").toAbsolutePath()
                + "); run from the clone or set GSTCOMMS_ROOT", 1);
    }

    /** A failure the user can act on: its message is the whole story. */
    static final class UserError extends RuntimeException {
        private final int exitCode;

        UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
