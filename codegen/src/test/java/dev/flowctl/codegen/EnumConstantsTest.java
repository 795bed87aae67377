package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enum values whose constants protoc would take for the same name get distinct constants,
 * deterministically, pinned in flows.lock so that later changes never rename one.
 */
class EnumConstantsTest {
    @TempDir
    Path dir;

    private Codegen.Rendered render(FlowsLock lock, String inputs) {
        Spec spec = Specs.oneVersion(dir, inputs);
        return Codegen.render(spec, lock, Set.of(Language.PROTO, Language.JAVA));
    }

    private static String proto(Codegen.Rendered r) {
        return r.files().get("proto/risk/flows/scores/v1/scores.proto").content();
    }

    private static String java(Codegen.Rendered r) {
        return r.files().get("java/risk/flows/scores/v1/ScoresInput.java").content();
    }

    @Test
    void valuesProtocTakesForTheSameNameGetTheirNumberAppended() throws Exception {
        Codegen.Rendered r = render(FlowsLock.empty(), """
                      kind: { type: enum, values: [a_b, a__b, unspecified, a1_b, a_1_b, b] }
                """);
        String p = proto(r);
        assertTrue(p.contains("KIND_A_B = 1;"), p);
        assertTrue(p.contains("KIND_A__B_2 = 2;"), "a__b is A_B to protoc once underscores go: " + p);
        assertTrue(p.contains("KIND_UNSPECIFIED_3 = 3;"), p);
        assertTrue(p.contains("KIND_A1_B = 4;"), p);
        assertTrue(p.contains("KIND_A_1_B_5 = 5;"), p);
        assertTrue(p.contains("KIND_B = 6;"), p);
        assertTrue(java(r).contains("A_B(\"a_b\"), A__B_2(\"a__b\"), UNSPECIFIED_3(\"unspecified\"), A1_B(\"a1_b\"), A_1_B_5(\"a_1_b\"), B(\"b\");"),
                "Java's constants are proto's without the prefix");
        String lock = r.lock().render();
        assertTrue(lock.contains("scores@v1 value kind.a__b 2 A__B_2\n"), lock);
        assertTrue(lock.contains("scores@v1 value kind.b 6\n"), "a natural constant is not written: " + lock);
        assertEquals(lock, FlowsLock.parse(lock, "flows.lock").render());
        compiles(r);
    }

    @Test
    void constantsOfTwoEnumsInOneMessageDoNotCollide() throws Exception {
        Codegen.Rendered r = render(FlowsLock.empty(), """
                      mode: { type: enum, values: [x_y, x_unspecified] }
                      mode_x: { type: enum, values: [y] }
                """);
        String p = proto(r);
        assertTrue(p.contains("MODE_X_Y = 1;"), "the enum of the lower field number names first: " + p);
        assertTrue(p.contains("MODE_X_UNSPECIFIED_2 = 2;"), "MODE_X_UNSPECIFIED is mode_x's zero value: " + p);
        assertTrue(p.contains("MODE_X_Y_1 = 1;"), p);
        compiles(r);
    }

    @Test
    void addingAValueNeverRenamesAnExistingOne() throws Exception {
        Codegen.Rendered before = render(FlowsLock.empty(), """
                      mode: { type: enum, values: [fast] }
                      mode_x: { type: enum, values: [y] }
                """);
        assertTrue(proto(before).contains("MODE_X_Y = 1;"));
        Codegen.Rendered after = render(before.lock(), """
                      mode: { type: enum, values: [fast, x_y] }
                      mode_x: { type: enum, values: [y] }
                """);
        String p = proto(after);
        assertTrue(p.contains("MODE_X_Y = 1;"), "mode_x's y keeps its constant: " + p);
        assertTrue(p.contains("MODE_X_Y_2 = 2;"), "the newcomer yields: " + p);
        Codegen.Rendered again = render(FlowsLock.parse(after.lock().render(), "flows.lock"), """
                      mode_x: { type: enum, values: [y] }
                      mode: { type: enum, values: [x_y, fast] }
                """);
        assertEquals(after.lock().render(), again.lock().render(), "re-runs and reordering change nothing");
        assertTrue(proto(again).contains("MODE_X_Y = 1;") && proto(again).contains("MODE_X_Y_2 = 2;"), "whatever the YAML order");
        compiles(after);
    }

    @Test
    void aRemovedValueKeepsItsConstantReservedAndAValueBackInAnotherCaseTakesItsNameAgain() throws Exception {
        Codegen.Rendered v1 = render(FlowsLock.empty(), """
                      kind: { type: enum, values: [a_b, a__b, FAST] }
                """);
        Codegen.Rendered removed = render(v1.lock(), """
                      kind: { type: enum, values: [a_b, fast] }
                """);
        String p = proto(removed);
        assertTrue(p.contains("    reserved 2, 3;\n    reserved \"KIND_A__B_2\";\n"), p);
        assertTrue(removed.lock().render().contains("scores@v1 reserved-value kind.a__b 2 A__B_2\n"), removed.lock().render());
        assertFalse(p.contains("\"KIND_FAST\""), "FAST is back as fast, so its name is not reserved: " + p);
        assertTrue(p.contains("KIND_FAST = 4;"), p);
        compiles(removed);
    }

    @Test
    void aHandEditedConstantThatIsNotOneIsRefused() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(CodegenException.class,
                () -> FlowsLock.parse("scores@v1 value kind.a 1 not-a-constant\n", "flows.lock"));
        assertTrue(e.getMessage().startsWith("flows.lock:1: cannot read this flows.lock line ('not-a-constant' is not an enum constant)"),
                e.getMessage());
    }

    private void compiles(Codegen.Rendered r) throws Exception {
        Path out = dir.resolve("gen");
        GeneratedCode.write(r.files(), out);
        Path protoc = GeneratedCode.protoc(dir.resolve("protoc"));
        if (protoc != null) {
            var compiled = GeneratedCode.protoc(protoc, out.resolve("proto"), dir.resolve("protoc"), null);
            r.descriptors().forEach((name, expected) -> assertEquals(expected, compiled.get(name), name));
        }
        GeneratedCode.compileJava(out.resolve("java"), dir.resolve("classes"));
    }
}
