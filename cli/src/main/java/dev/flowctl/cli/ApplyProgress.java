package dev.flowctl.cli;

import dev.flowctl.apply.ApplyListener;
import dev.flowctl.cli.render.Printable;
import dev.flowctl.cli.render.Style;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.PlannedChange;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shows an apply as it runs. On a terminal: one status line rewritten in place (done/total and
 * the actions in flight), with each finished action printed above it. Otherwise (CI logs,
 * pipes): exactly one line per finished action, never a partial line.
 */
final class ApplyProgress implements ApplyListener {
    private final PrintWriter out;
    private final Style style;
    private final boolean tty;
    private final int total;
    private final Set<String> running = new TreeSet<>();
    private int done;

    ApplyProgress(PrintWriter out, Style style, boolean tty, int total) {
        this.out = out;
        this.style = style;
        this.tty = tty;
        this.total = total;
    }

    @Override
    public synchronized void started(PlannedChange c) {
        running.add(c.address().toString());
        status();
    }

    @Override
    public synchronized void finished(PlannedChange c, Duration took) {
        end(c, c.address() + ": " + noun(c.action()) + " complete after " + seconds(took));
    }

    @Override
    public synchronized void failed(PlannedChange c, String message) {
        // An engine's message is untrusted text: escaped, so it cannot redraw the status line itself.
        end(c, style.red(c.address() + ": " + noun(c.action()) + " failed: " + Printable.block(message)));
    }

    private void end(PlannedChange c, String line) {
        running.remove(c.address().toString());
        done++;
        clearStatus();
        out.println(tty ? line : "[" + done + "/" + total + "] " + line);
        status();
        if (done == total) clearStatus();
        out.flush();
    }

    private void status() {
        if (!tty) return;
        String inFlight = running.isEmpty() ? "" : " — " + String.join(", ", running.stream().limit(4).toList())
                + (running.size() > 4 ? " +" + (running.size() - 4) + " more" : "");
        String line = "[" + done + "/" + total + "]" + inFlight;
        out.print("\r\033[2K" + (line.length() > 120 ? line.substring(0, 119) + "…" : line));
        out.flush();
    }

    private void clearStatus() {
        if (tty) out.print("\r\033[2K");
    }

    static String noun(Action a) {
        return switch (a) {
            case CREATE -> "Creation";
            case UPDATE -> "Update";
            case DELETE -> "Deletion";
            case NO_OP -> "Check";
            case MOVE -> "Move";
            case FORGET -> "Forget";
            case REPLACE -> "Replacement";
        };
    }

    static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0) : d.toSeconds() + "s";
    }
}
