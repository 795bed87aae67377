package dev.flowctl.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.errors.ErrorCode;
import java.util.List;

/**
 * How an error's code is shown: after the sentence in text ({@code Error: … [FLOWCTL-E0201]}), so the
 * sentence a user reads first stays whole; as one JSON object when the command was asked for
 * {@code --format json}, so a script reading JSON gets JSON for a failure too.
 */
final class ErrorOutput {
    // No ObjectMapper field: Main touches this class on every run, and building a mapper costs
    // `--version` ≈ 60 ms of Jackson start-up (bench/startup); a failure in JSON builds its node directly.
    private ErrorOutput() {
    }

    /** {@code " [FLOWCTL-E0201]"}: appended to the last line of an error. */
    static String tag(ErrorCode code) {
        return " [" + code.id() + "]";
    }

    /** Whether the command line asks for JSON output. */
    static boolean json(String... args) {
        List<String> given = List.of(args);
        int at = given.indexOf("--format");
        return given.contains("--format=json") || at >= 0 && at + 1 < given.size() && given.get(at + 1).equals("json");
    }

    /** {@code {"error":{"code":"FLOWCTL-E0201","name":"STATE_LOCKED","message":"…"}}} on one line. */
    static String asJson(ErrorCode code, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code.id());
        error.put("name", code.name());
        error.put("message", message);
        return root.toString();
    }
}
