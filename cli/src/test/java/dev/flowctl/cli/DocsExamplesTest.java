package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every shell example in README.md and docs/*.md, in order, as a reader following the page
 * would, and compares what flowctl prints with what the page shows — so the docs cannot drift
 * from the tool.
 *
 * <p>The convention (README.md, "Examples in the docs are tests", says it for writers):
 * <ul>
 *   <li>A shell example is a fenced block tagged {@code console}, {@code sh}, {@code bash} or
 *       {@code shell}, or an untagged one whose first line starts with {@code $ }. In it, a line
 *       {@code $ command} is a command; the lines after it, up to the next command, are its output
 *       (stdout and stderr as a terminal shows them). A command with no lines after it must succeed.</li>
 *   <li>In expected output, a line {@code …} (or {@code ...}) stands for any number of lines, and
 *       {@code …} inside a line for any text on that line (times, serials); {@code …/} for a
 *       directory (the workspace's own path is shown relative to it, as if it were the current one).</li>
 *   <li>Commands: {@code flowctl …} (or {@code ./flowctl …}, optionally {@code > FILE}), run
 *       in-process through {@link Main#run}; a confirmation prompt is answered {@code yes};
 *       {@code echo $?}; {@code mkdir -p DIR…}; {@code echo 'TEXT' > FILE} (or {@code >>});
 *       {@code find DIR -type f | sort};
 *       {@code cp FILE FILE}; {@code cat FILE}; and {@code cat > FILE <<'EOF'} … {@code EOF}. A {@code  # comment} ends a line.</li>
 *   <li>HTML comments before a block steer it: {@code <!-- docs-test: skip REASON -->} leaves it
 *       out (the reason says why: it needs the cloud, a CI system, a build);
 *       {@code <!-- docs-test: file PATH -->} writes the block's content to PATH, and
 *       {@code <!-- docs-test: append PATH -->} appends it; {@code <!-- docs-test: copy PATH… -->}
 *       copies files of this repository into the workspace; {@code <!-- docs-test: run COMMAND -->}
 *       runs a command that must succeed, for a step the prose states (say, "v1 is deployed").</li>
 *   <li>Each page runs in a fresh workspace: an empty directory holding {@code .git}, as the
 *       repository a reader starts from.</li>
 * </ul>
 */
class DocsExamplesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DIRECTIVE = Pattern.compile("^<!--\\s*docs-test:\\s*(\\S+)\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)\\s*$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern HEREDOC = Pattern.compile("^cat > (\\S+) <<-?'?(\\w+)'?$");
    private static final Pattern ECHO_TO_FILE = Pattern.compile("^echo (['\"])(.*)\\1 (>>?) (\\S+)$");
    private static final Pattern FIND_FILES = Pattern.compile("^find (\\S+) -type f \\| sort$");

    static Stream<String> pages() throws IOException {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(p -> p.endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void everyShellExampleDoesWhatThePageSays(String page, @TempDir Path workspace) throws IOException {
        Files.createDirectories(workspace.resolve(".git"));
        new Page(page, Files.readAllLines(REPO.resolve(page)), workspace.toRealPath()).run();
    }

    @Test
    void placeholdersStandForLinesAndText() {
        assertTrue(matches(List.of("a", "…", "d"), "a\nb\nc\nd"));
        assertTrue(matches(List.of("a", "...", "b"), "a\nb"));
        assertTrue(matches(List.of("took …s, serial 2"), "took 0.3s, serial 2"));
        assertTrue(!matches(List.of("took …s, serial 2"), "took 0.3s, serial 3"));
        assertTrue(!matches(List.of("a"), "a\nb"));
        assertTrue(matches(List.of("looked for …/flows/x.py"), "looked for flows/x.py"));
        assertTrue(matches(List.of("looked for …/flows/x.py"), "looked for /home/you/risk/flows/x.py"));
    }

    /** One page, read top to bottom. */
    private static final class Page {
        private final String name;
        private final List<String> lines;
        private final Path workspace;
        private int exitCode;

        Page(String name, List<String> lines, Path workspace) {
            this.name = name;
            this.lines = lines;
            this.workspace = workspace;
        }

        private int lineOf(String text) {
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
            return 0;
        }

        void run() throws IOException {
            String verb = null;
            String argument = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher d = DIRECTIVE.matcher(line.trim());
                if (d.matches()) {
                    verb = d.group(1);
                    argument = d.group(2);
                    if (verb.equals("copy")) {
                        for (String p : argument.split("\\s+")) copy(REPO.resolve(p), workspace.resolve(p));
                        verb = null;
                    } else if (verb.equals("run")) {
                        String command = argument;
                        String shown = execute(command, i + 1);
                        assertEquals(0, exitCode, () -> name + ":" + lineOf(command) + ": '" + command + "' failed:\n" + shown);
                        verb = null;
                    } else if (!List.of("skip", "file", "append").contains(verb)) {
                        fail(name + ":" + (i + 1) + ": unknown docs-test directive '" + verb + "'");
                    } else if (argument.isEmpty()) {
                        fail(name + ":" + (i + 1) + ": docs-test: " + verb + " needs " + (verb.equals("skip") ? "a reason" : "a path"));
                    }
                    continue;
                }
                Matcher fence = FENCE.matcher(line);
                if (!fence.matches()) continue;
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).startsWith("```")) end++;
                if (end == lines.size()) fail(name + ":" + (i + 1) + ": a fenced block is never closed");
                List<String> body = lines.subList(start, end);
                String info = fence.group(1);
                boolean shell = List.of("console", "sh", "bash", "shell").contains(info)
                        || (info.isEmpty() && !body.isEmpty() && body.get(0).startsWith("$ "));
                if ("file".equals(verb)) {
                    write(argument, String.join("\n", body) + "\n", false);
                } else if ("append".equals(verb)) {
                    write(argument, String.join("\n", body) + "\n", true);
                } else if (shell && !"skip".equals(verb)) {
                    block(start, body);
                }
                verb = null;
                i = end;
            }
        }

        private void block(int firstLine, List<String> body) {
            for (int i = 0; i < body.size(); i++) {
                String line = body.get(i);
                int at = firstLine + i + 1;
                if (!line.startsWith("$ ")) {
                    fail(name + ":" + at + ": output without a command before it; a shell example starts with '$ command'"
                            + " (or mark the block <!-- docs-test: skip REASON -->)");
                }
                String command = stripComment(line.substring(2).trim());
                Matcher heredoc = HEREDOC.matcher(command);
                if (heredoc.matches()) {
                    int close = i + 1;
                    while (close < body.size() && !body.get(close).equals(heredoc.group(2))) close++;
                    if (close == body.size()) fail(name + ":" + at + ": here-document never ends with " + heredoc.group(2));
                    write(heredoc.group(1), String.join("\n", body.subList(i + 1, close)) + "\n", false);
                    i = close;
                    continue;
                }
                int next = i + 1;
                while (next < body.size() && !body.get(next).startsWith("$ ")) next++;
                List<String> expected = body.subList(i + 1, next);
                String actual = execute(command, at);
                if (expected.isEmpty()) {
                    assertEquals(0, exitCode, () -> name + ":" + at + ": '" + command + "' failed (exit " + exitCode + "):\n" + actual);
                } else if (!matches(expected, actual)) {
                    fail(name + ":" + at + ": '" + command + "' printed (exit " + exitCode + "):\n" + actual
                            + "\n--- but the page shows ---\n" + String.join("\n", expected));
                }
                i = next - 1;
            }
        }

        /** Runs one command; returns what a terminal would show. */
        private String execute(String command, int at) {
            if (command.equals("echo $?")) return exitCode + "\n";
            Matcher echo = ECHO_TO_FILE.matcher(command);
            if (echo.matches()) {
                write(echo.group(4), echo.group(2) + "\n", echo.group(3).equals(">>"));
                exitCode = 0;
                return "";
            }
            Matcher find = FIND_FILES.matcher(command);
            if (find.matches()) {
                exitCode = 0;
                try (Stream<Path> all = Files.walk(workspace.resolve(find.group(1)))) {
                    return all.filter(Files::isRegularFile).map(p -> workspace.relativize(p).toString()).sorted()
                            .map(p -> p + "\n").reduce("", String::concat);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            List<String> words = words(command);
            if (words.get(0).equals("mkdir") && words.size() > 2 && words.get(1).equals("-p")) {
                words.subList(2, words.size()).forEach(d -> createDirectories(workspace.resolve(d)));
                exitCode = 0;
                return "";
            }
            if (words.get(0).equals("cp") && words.size() == 3) {
                try {
                    Files.copy(workspace.resolve(words.get(1)), workspace.resolve(words.get(2)), StandardCopyOption.REPLACE_EXISTING);
                    exitCode = 0;
                    return "";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (words.get(0).equals("cat") && words.size() == 2) {
                try {
                    exitCode = 0;
                    return Files.readString(workspace.resolve(words.get(1)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (!words.get(0).equals("flowctl") && !words.get(0).equals("./flowctl")) {
                fail(name + ":" + at + ": the docs test cannot run '" + command + "'; run flowctl, or mark the block"
                        + " <!-- docs-test: skip REASON --> saying why it cannot run here");
            }
            String redirect = null;
            if (words.size() > 2 && words.get(words.size() - 2).equals(">")) {
                redirect = words.get(words.size() - 1);
                words = words.subList(0, words.size() - 2);
            }
            StringWriter transcript = new StringWriter();
            StringWriter stdout = redirect == null ? transcript : new StringWriter();
            // A reader at a terminal sees the prompt and types yes.
            Terminal reader = new Terminal() {
                @Override
                public boolean interactive() {
                    return true;
                }

                @Override
                public String readLine(String prompt) {
                    transcript.write(prompt + "yes\n");
                    return "yes";
                }
            };
            exitCode = Main.run(new PrintWriter(stdout), new PrintWriter(transcript), reader, workspace,
                    words.subList(1, words.size()).toArray(String[]::new));
            if (redirect != null) write(redirect, stdout.toString(), false);
            return screen(transcript.toString());
        }

        /** Text as a terminal leaves it: a carriage return rewrites its line, ANSI codes vanish, the workspace is the current directory. */
        private String screen(String raw) {
            StringBuilder out = new StringBuilder();
            for (String line : raw.split("\n", -1)) {
                String shown = line.substring(line.lastIndexOf('\r') + 1);
                out.append(ANSI.matcher(shown).replaceAll("")).append('\n');
            }
            return out.toString().replace(workspace + "/", "").replace(workspace.toString(), ".");
        }

        private void write(String path, String content, boolean append) {
            Path file = workspace.resolve(path);
            createDirectories(file.getParent());
            try {
                if (append) {
                    Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } else {
                    Files.writeString(file, content, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void copy(Path from, Path to) throws IOException {
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        createDirectories(target);
                    } else {
                        createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
        }

        private static void createDirectories(Path dir) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A command without its trailing {@code # comment} (a {@code #} inside quotes stays). */
    static String stripComment(String command) {
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(command.charAt(i - 1))) {
                return command.substring(0, i).trim();
            }
        }
        return command;
    }

    /** Shell words: split at spaces, quotes group and are removed. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) word = new StringBuilder();
            } else if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }

    /** True when {@code actual} is what {@code expected} shows, placeholders allowed; trailing blanks ignored. */
    static boolean matches(List<String> expected, String actual) {
        StringBuilder regex = new StringBuilder();
        for (String line : trimTrailingBlankLines(expected)) {
            String t = line.strip();
            if (t.equals("…") || t.equals("...")) {
                regex.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            String[] parts = line.stripTrailing().split("…", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (i > 0 && part.startsWith("/")) {
                    // "…/flows/x.py": a directory the page cannot know, shown relative to the workspace here.
                    regex.append("(?:[^\\n]*?/)?");
                    part = part.substring(1);
                } else if (i > 0) {
                    regex.append("[^\\n]*?");
                }
                regex.append(Pattern.quote(part));
            }
            regex.append("\\n");
        }
        StringBuilder shown = new StringBuilder();
        for (String line : trimTrailingBlankLines(actual.lines().toList())) shown.append(line.stripTrailing()).append('\n');
        return Pattern.compile(regex.toString()).matcher(shown).matches();
    }

    private static List<String> trimTrailingBlankLines(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) end--;
        return lines.subList(0, end);
    }
}
