package dev.flowctl.engine.command;

import dev.flowctl.port.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configured command line with {@code {placeholders}}, split into argument words by flowctl
 * itself and run without a shell, so no value (a file name, a version) can ever be read as
 * shell code, whatever quotes surround its placeholder.
 *
 * <p>The word syntax is a small, expansion-free subset of sh: whitespace separates words;
 * {@code '…'} keeps everything literally; {@code "…"} keeps everything but {@code \"} and
 * {@code \\}; a backslash outside quotes keeps the next character. A placeholder is replaced
 * inside its word, wherever it stands, and never splits or joins words. Characters that would
 * make sh do something else (pipes, redirection, {@code ;}, {@code &}, {@code $}, backquotes,
 * globs, comments) are refused unless quoted, so an accepted template means to flowctl what it
 * would mean to sh. Shell features are had through a script, or {@code sh -c '…'} whose fixed
 * text reads values from {@code "$FLOWCTL_SOURCE"} or positional parameters; a placeholder in
 * that script text is refused.
 */
public final class CommandLineTemplate {
    /** Every placeholder a command may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("project", "environment", "flow", "version", "name", "source",
            "definition", "run", "run_id_file");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    /** Unquoted, each of these would make sh do more than pass a word on. */
    private static final String SHELL_SYNTAX = "|&;<>()$`*?[#~";
    /** Programs whose {@code -c} argument is code: a value spliced into it would run. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh");

    /** One piece of a word: literal text, or a placeholder name. */
    private record Part(String text, boolean placeholder) {
    }

    private final String key;
    private final String template;
    private final List<List<Part>> words;

    public CommandLineTemplate(String key, String template) {
        this.key = key;
        this.template = template;
        this.words = parse();
        checkShellScripts();
    }

    public String key() {
        return key;
    }

    public String template() {
        return template;
    }

    /** The argument vector with every placeholder replaced by its value ('' when unset). */
    public List<String> argv(Map<String, String> values) {
        List<String> argv = new ArrayList<>();
        for (List<Part> word : words) {
            StringBuilder b = new StringBuilder();
            for (Part p : word) {
                if (!p.placeholder()) {
                    b.append(p.text());
                } else {
                    String value = values.get(p.text());
                    b.append(value == null ? "" : value);
                }
            }
            argv.add(b.toString());
        }
        return argv;
    }

    /** Whether the template uses {@code {name}}. */
    public boolean uses(String placeholder) {
        return words.stream().flatMap(List::stream).anyMatch(p -> p.placeholder() && p.text().equals(placeholder));
    }

    /** An argument vector as one line a person can read (and paste into sh), for logs and messages. */
    public static String display(List<String> argv) {
        return String.join(" ", argv.stream().map(CommandLineTemplate::quote).toList());
    }

    /** A word in this syntax (and sh's) that stands for exactly {@code value}. */
    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:@=+,%-]+")) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private List<List<Part>> parse() {
        List<List<Part>> result = new ArrayList<>();
        List<Part> word = null;
        StringBuilder literal = new StringBuilder();
        char quote = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    flush(word, literal);
                    result.add(word);
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) word = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template).region(i, template.length());
            if (c == '{' && m.lookingAt()) {
                String name = m.group(1);
                if (!PLACEHOLDERS.contains(name)) {
                    throw new EngineException("the command engine's '" + key + "' uses unknown placeholder {" + name
                            + "}; use {source}, {definition}, {flow}, {version}, {name}, {project}, {environment}, or for runs {run} and"
                            + " {run_id_file}.");
                }
                flush(word, literal);
                word.add(new Part(name, true));
                i = m.end();
                continue;
            }
            if (quote == '\'') {
                if (c == '\'') quote = 0;
                else literal.append(c);
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < template.length() && "\"\\".indexOf(template.charAt(i + 1)) >= 0) {
                    literal.append(template.charAt(++i));
                } else if (c == '$' || c == '`') {
                    throw shellSyntax(c, i);
                } else {
                    literal.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                if (i + 1 == template.length()) {
                    throw new EngineException("the command engine's '" + key + "' ends with a backslash that escapes nothing;"
                            + " remove it, or quote a literal one as '\\'.");
                }
                literal.append(template.charAt(++i));
            } else if (SHELL_SYNTAX.indexOf(c) >= 0) {
                throw shellSyntax(c, i);
            } else {
                literal.append(c);
            }
            i++;
        }
        if (quote != 0) {
            throw new EngineException("the command engine's '" + key + "' has a " + quote + " quote that is never closed;"
                    + " close it.");
        }
        if (word != null) {
            flush(word, literal);
            result.add(word);
        }
        return List.copyOf(result);
    }

    private static void flush(List<Part> word, StringBuilder literal) {
        // An empty quoted word ('') still is a word, so it keeps an empty part.
        if (literal.length() > 0 || word.isEmpty()) word.add(new Part(literal.toString(), false));
        literal.setLength(0);
    }

    private EngineException shellSyntax(char c, int at) {
        return new EngineException("the command engine's '" + key + "' has shell syntax '" + c + "' at character " + (at + 1)
                + ", but flowctl runs commands without a shell; quote it in '…' to pass it on literally, or put the"
                + " commands in a script and call it (or sh -c '…' reading values from \"$FLOWCTL_SOURCE\" and the other"
                + " FLOWCTL_* variables).");
    }

    /** {@code sh -c '… {source} …'} would hand a value to a shell as code: refused before anything runs. */
    private void checkShellScripts() {
        if (words.size() < 3 || !isLiteral(words.get(0))) return;
        String first = literal(words.get(0));
        String program = first.substring(first.lastIndexOf('/') + 1);
        if (!SHELLS.contains(program)) return;
        int i = 1;
        boolean script = false;
        while (i < words.size() && isLiteral(words.get(i)) && literal(words.get(i)).startsWith("-")) {
            String option = literal(words.get(i));
            if (!option.startsWith("--") && option.indexOf('c') > 0) script = true;
            i++;
        }
        if (script && i < words.size() && words.get(i).stream().anyMatch(Part::placeholder)) {
            throw new EngineException("the command engine's '" + key + "' puts a placeholder into the script text of "
                    + program + " -c, where a value would run as shell code; read it from the environment instead"
                    + " (e.g. \"$FLOWCTL_SOURCE\" inside the single-quoted script).");
        }
    }

    private static boolean isLiteral(List<Part> word) {
        return word.stream().noneMatch(Part::placeholder);
    }

    private static String literal(List<Part> word) {
        return String.join("", word.stream().map(Part::text).toList());
    }
}
