package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 7: escape sequences and control characters in flows.yaml or an engine's answer
 * never reach the terminal or a PR comment raw, in any format, even with --no-color.
 */
class HostileOutputTest {
    /** Clears the screen, homes the cursor, writes a fake verdict, returns to the line start, reverses the rest. */
    private static final String HOSTILE_YAML = "\\e[2J\\e[HNo changes.\\r\\u202Eevil\\nforged line\\e[8m <!-- hide --> [x](http://e) `c` \\u0085";
    private static final String HOSTILE = "\u001B[2J\u001B[HNo changes.\r\u202Eevil\nforged line\u001B[8m <!-- hide --> [x](http://e) `c` \u0085";

    @TempDir
    Path dir;

    private Path spec() {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("flows/f.py"), "print('f')\n");
        return Cli.write(dir.resolve("flows.yaml"), """
                project: risk
                flows:
                  f:
                    source: flows/f.py
                    description: "%1$s"
                    versions:
                      v1:
                        inputs:
                          mode: { type: string, default: "%1$s" }
                """.formatted(HOSTILE_YAML));
    }

    /** Nothing but printable text, newlines and tabs: no ESC, CR, C1, DEL or bidi control. */
    private static void assertPrintable(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            assertFalse(control, "raw U+" + Integer.toHexString(c) + " at " + i + " in:\n" + output);
        }
    }

    @Test
    void planTextShowsHostileValuesEscapedEvenWithNoColor() {
        Cli.Result r = Cli.run("plan", "--no-color", "-f", spec().toString());
        assertEquals(0, r.code(), r::toString);
        assertPrintable(r.out());
        assertTrue(r.out().contains("\\u001B[2J\\u001B[HNo changes.\\r\\u202Eevil\\nforged line"), r::toString);
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("forged line")), "a value cannot forge a line of its own");
        assertTrue(r.out().contains("Plan: 1 to create"), r::toString);
    }

    @Test
    void planMarkdownForAPullRequestCommentHidesNothing() {
        Cli.Result r = Cli.run("plan", "--format", "markdown", "-f", spec().toString());
        assertEquals(0, r.code(), r::toString);
        assertPrintable(r.out());
        // Inside a code span GitHub shows HTML and links as text; outside, flowctl's marker is the only comment and there is no link.
        String outsideCode = r.out().replaceAll("`[^`\n]*`", "");
        assertEquals(1, outsideCode.split("<!--", -1).length - 1, "only flowctl's own marker is an HTML comment: " + r.out());
        assertFalse(outsideCode.contains("](http"), "no link: " + r.out());
        assertEquals(r.out().lines().filter(l -> l.startsWith("|")).count(),
                r.out().lines().filter(l -> l.startsWith("|") && l.endsWith("|")).count(), "no value breaks a table row");
    }

    @Test
    void planJsonEscapesYetKeepsTheValue() throws Exception {
        Cli.Result r = Cli.run("plan", "--format", "json", "-f", spec().toString());
        assertEquals(0, r.code(), r::toString);
        assertPrintable(r.out());
        String parsed = new ObjectMapper().readTree(r.out()).toString();
        assertTrue(new ObjectMapper().readTree(parsed).findValuesAsText("after").stream().anyMatch(a -> a.contains(HOSTILE)),
                "a JSON reader still gets the exact value: " + r.out());
    }

    @Test
    void errorMessagesQuoteUserValuesEscaped() {
        Cli.write(dir.resolve("flows/f.py"), "print('f')\n");
        Path bad = Cli.write(dir.resolve("flows.yaml"), "project: risk\n\"\\e]0;pwned\\a\\e[1A\\u202Ekey\": 1\nflows: {}\n");
        Cli.Result r = Cli.run("validate", "-f", bad.toString());
        assertEquals(1, r.code(), r::toString);
        assertPrintable(r.err());
        assertTrue(r.err().startsWith(bad + ":2:1: unknown key '\\u001B]0;pwned\\u0007\\u001B[1A\\u202Ekey' in the top level."),
                r::toString);
    }

    /** What an engine lists is as untrusted as flows.yaml: an unmanaged deployment's reference cannot rewrite the drift report. */
    @Test
    void driftShowsWhatTheEngineListsEscaped() {
        Cli.write(dir.resolve("flows/f.py"), "print('f')\n");
        Path yaml = Cli.write(dir.resolve("flows.yaml"), """
                project: risk
                engine:
                  type: command
                  deploy: 'true'
                  list: printf '%s\\n' '{"flow":"g","version":"v1","ref":"\\u001b]8;;http://evil\\u0007No drift\\u001b[2K"}'
                flows:
                  f:
                    source: flows/f.py
                    versions:
                      v1: { inputs: { a: { type: string } } }
                """);
        for (String format : new String[] {"text", "markdown", "json"}) {
            Cli.Result r = Cli.run("drift", "--no-color", "--format", format, "-f", yaml.toString());
            assertPrintable(r.out() + r.err());
            // Shown, escaped (Markdown escapes the backslash and brackets too): the reference is there, not hidden.
            assertTrue(r.out().contains("u001B") && r.out().contains("8;;http://evil") && r.out().contains("u0007No drift"),
                    format + ": " + r);
        }
    }

    /** On a colour terminal only flowctl's own colours and status-line redraw pass; concealing, black text or cursor moves do not. */
    @Test
    void onATerminalOnlyFlowctlsOwnSequencesPass() throws Exception {
        java.io.StringWriter sink = new java.io.StringWriter();
        try (java.io.Writer w = dev.flowctl.cli.render.Printable.guard(sink, true, true)) {
            w.write("\u001B[32mok\u001B[39m\u001B[0m|\r\u001B[2K|\u001B[8m|\u001B[30m|\u001B[1A|\u001B]0;t\u0007|\r");
        }
        assertEquals("\u001B[32mok\u001B[39m\u001B[0m|\r\u001B[2K|\\u001B[8m|\\u001B[30m|\\u001B[1A|\\u001B]0;t\\u0007|\\r",
                sink.toString());
    }
}
