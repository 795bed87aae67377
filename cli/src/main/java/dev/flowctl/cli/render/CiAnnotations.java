package dev.flowctl.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@link Annotation}s as CI systems read them: GitHub workflow commands (the runner turns each
 * {@code ::error file=…,line=…::…} line of a step's output into a mark on that line of the pull
 * request diff) and a GitLab Code Quality report (a JSON artifact the merge request widget shows).
 */
public final class CiAnnotations {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CiAnnotations() {
    }

    /** One workflow command a line; the runner hides the commands from the log and shows the annotations. */
    public static String github(List<Annotation> annotations) {
        StringBuilder b = new StringBuilder();
        for (Annotation a : annotations) {
            b.append("::").append(a.level().name().toLowerCase(Locale.ROOT)).append(' ');
            if (a.position() != null) {
                b.append("file=").append(property(a.position().file())).append(",line=").append(a.position().line())
                        .append(",col=").append(a.position().column()).append(',');
            }
            b.append("title=").append(property(a.title())).append("::").append(data(a.message())).append('\n');
        }
        return b.toString();
    }

    /**
     * A Code Quality report: notices are left out (it lists issues). GitLab needs a location for each
     * issue; one placed nowhere in flows.yaml is put on line 1 of {@code file}.
     */
    public static String gitlab(List<Annotation> annotations, String file) {
        ArrayNode report = JSON.createArrayNode();
        for (Annotation a : annotations) {
            if (a.level() == Annotation.Level.NOTICE) continue;
            ObjectNode issue = report.addObject();
            issue.put("description", a.title() + ": " + a.message());
            issue.put("check_name", a.check());
            issue.put("fingerprint", fingerprint(a));
            issue.put("severity", a.level() == Annotation.Level.ERROR ? "blocker" : "minor");
            ObjectNode location = issue.putObject("location");
            location.put("path", a.position() == null ? file : a.position().file());
            location.putObject("lines").put("begin", a.position() == null ? 1 : a.position().line());
        }
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the code quality report could not be written", e);
        }
    }

    /** The file of the first positioned annotation, else {@code flows.yaml}: where GitLab puts the unplaced ones. */
    public static String fileOf(List<Annotation> annotations) {
        return annotations.stream().filter(a -> a.position() != null).map(a -> a.position().file()).findFirst().orElse("flows.yaml");
    }

    /**
     * Stable while the finding lasts, whatever line it moves to, so GitLab shows it as the same issue
     * on every pipeline and as resolved once it is gone: the check and the subject, hashed.
     */
    static String fingerprint(Annotation a) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((a.check() + "\n" + a.subject()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message: GitHub's toolkit escapes {@code %}, CR and LF (escapeData). */
    static String data(String s) {
        return Printable.line(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as {@link #data}, and {@code :} and {@code ,} too (escapeProperty). */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
