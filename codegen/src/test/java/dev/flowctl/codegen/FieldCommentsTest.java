package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A description ends as a sentence in every generated comment, so the facts after it never read as its continuation. */
class FieldCommentsTest {
    @TempDir
    Path dir;

    private Codegen.Rendered rendered() {
        return Codegen.render(Specs.write(dir, """
                project: risk
                engine: { type: local }
                state: { backend: local }
                flows:
                  scores:
                    description: Scores fleets
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true, description: Fleet to build features for }
                          months: { type: int, description: "How many months?" }
                          note:
                            type: string
                            description: |
                              First line
                              second line
                """), FlowsLock.empty(), Set.of(Language.PROTO, Language.JAVA));
    }

    @Test
    void aDescriptionWithoutTerminalPunctuationGetsAFullStopInProtoAndJava() {
        Codegen.Rendered r = rendered();
        String proto = r.files().get("proto/risk/flows/scores/v1/scores.proto").content();
        String java = r.files().get("java/risk/flows/scores/v1/ScoresInput.java").content();

        assertTrue(proto.contains("  // Fleet to build features for.\n  // Required: flowctl refuses a run without it.\n"), proto);
        assertTrue(proto.contains("  // How many months?\n  // Optional.\n"), proto);
        assertTrue(proto.contains("  // First line\n  // second line.\n  // Optional.\n"), proto);
        assertTrue(proto.contains("// Scores fleets.\n// Inputs of scores@v1.\n"), proto);

        assertTrue(java.contains("/** Fleet to build features for. Required: flowctl refuses a run without it."), java);
        assertTrue(java.contains("/** How many months? Optional."), java);
        assertTrue(java.contains("/** First line second line. Optional."), java);
    }

    @Test
    void controlCharactersAtTheEndLeaveNoBlankCommentLine() {
        assertEquals(List.of("desc"), FieldComments.lines("desc\u0085"));
        assertEquals(List.of("desc"), FieldComments.lines("desc\n \u0001"));
        assertEquals(List.of("a", "", "b"), FieldComments.lines("a\n\n\nb\n"));
    }
}
