package com.gstcomms.local.demo;

import java.io.PrintStream;

/**
 * One stage's progress line: {@code  Orders import     [██████████░░░░░░]  12/21  57%  3.2 s}. On a
 * terminal it redraws in place; otherwise (CI, a pipe) it prints only the final line.
 */
public final class ProgressBar {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final String label;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private String lastLine = "";

    public ProgressBar(PrintStream out, String label, boolean interactive) {
        this.out = out;
        this.label = label;
        this.interactive = interactive;
    }

    public void update(long done, long total, String note) {
        String line = render(done, total, note);
        if (interactive && !line.equals(lastLine)) {
            out.print("\r" + line + "\u001B[K");
            out.flush();
        }
        lastLine = line;
    }

    public void finish(long done, long total, String note) {
        String line = render(done, total, note);
        out.print((interactive ? "\r" : "") + line + (interactive ? "\u001B[K" : "") + System.lineSeparator());
        out.flush();
    }

    String render(long done, long total, String note) {
        double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "█".repeat(filled) + "░".repeat(WIDTH - filled);
        String counts = total <= 0 ? String.format("%d", done) : String.format("%d/%d %3d%%", done, total,
                Math.round(fraction * 100));
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format("  %-22s [%s] %-13s %5.1f s  %s", label, bar, counts, seconds, note == null ? "" : note);
    }
}
