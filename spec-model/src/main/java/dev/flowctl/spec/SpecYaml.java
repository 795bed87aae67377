package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The text of flows.yaml composed into nodes under the hostile-input limits (line length, size,
 * aliases, nesting, no duplicate keys): kept apart from reading the spec so every limit on
 * untrusted text sits in one place, and what cannot be read becomes a problem at its position.
 */
final class SpecYaml {
    private SpecYaml() {
    }

    /**
     * Refuses, by throwing, a line longer than {@link SpecParser#MAX_LINE_LENGTH} before the YAML
     * scanner sees it: the scanner slows down badly on megabyte-long scalars.
     */
    static void checkLineLengths(String text, String file, Problems problems) {
        int max = SpecParser.MAX_LINE_LENGTH;
        int tooLong = firstLineLongerThan(text, max);
        if (tooLong > 0) {
            problems.at(ErrorCode.SPEC_TOO_LARGE, new Mark(file, 0, tooLong - 1, max, new int[0], 0),
                    "line " + tooLong + " is longer than " + max + " characters; keep large content in files that flows.yaml names.");
            throw new SpecException(problems.sorted());
        }
    }

    /** YAML nodes with positions; problems are recorded and null returned when the YAML is unreadable. */
    static Node compose(String text, String file, Problems problems, NodeComposer.FlowSink flows) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(Limits.MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(Limits.MAX_YAML_DEPTH);
        options.setCodePointLimit(SpecParser.MAX_CODE_POINTS);
        options.setProcessComments(false);
        try {
            return NodeComposer.compose(text, file, options, flows);
        } catch (MarkedYAMLException e) {
            problems.at(ErrorCode.SPEC_YAML_INVALID, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "invalid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()) + ".");
        } catch (YAMLException e) {
            problems.at(ErrorCode.SPEC_YAML_INVALID, (Node) null, "invalid YAML: " + firstLine(e.getMessage()) + ".");
        } catch (StackOverflowError e) {
            problems.at(ErrorCode.SPEC_YAML_INVALID, (Node) null, "invalid YAML: the document is nested too deeply or malformed.");
        }
        return null;
    }

    /** The 1-based number of the first line longer than {@code max}, or 0. */
    private static int firstLineLongerThan(String text, int max) {
        int line = 1;
        int start = 0;
        for (int end; (end = text.indexOf('\n', start)) >= 0; start = end + 1, line++) {
            if (end - start > max) return line;
        }
        return text.length() - start > max ? line : 0;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable document";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
