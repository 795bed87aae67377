package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field and enum numbers come from flows.lock: stable across reordering, reserved on removal, never reused. */
class FieldNumbersTest {
    @TempDir
    Path dir;

    private Codegen.Rendered render(FlowsLock lock, String inputs) {
        Spec spec = Specs.oneVersion(dir, inputs);
        return Codegen.render(spec, lock, Set.of(Language.PROTO));
    }

    private static String proto(Codegen.Rendered r) {
        return r.files().get("proto/risk/flows/scores/v1/scores.proto").content();
    }

    @Test
    void reorderingInputsInYamlChangesNothing() {
        Codegen.Rendered first = render(FlowsLock.empty(), """
                      a: { type: string }
                      b: { type: int }
                      c: { type: enum, values: [x, y] }
                """);
        Codegen.Rendered reordered = render(first.lock(), """
                      c: { type: enum, values: [y, x] }
                      b: { type: int }
                      a: { type: string }
                """);
        assertEquals(first.lock().render(), reordered.lock().render());
        assertTrue(proto(reordered).contains("optional string a = 1;"));
        assertTrue(proto(reordered).contains("optional int64 b = 2;"));
        assertTrue(proto(reordered).contains("C_Y = 2;"), proto(reordered));
    }

    @Test
    void aRemovedInputIsReservedByNumberAndNameAndItsNumberIsNeverReused() {
        Codegen.Rendered v1 = render(FlowsLock.empty(), """
                      a: { type: string }
                      b: { type: int }
                      c: { type: bool }
                """);
        Codegen.Rendered removed = render(v1.lock(), """
                      a: { type: string }
                      c: { type: bool }
                """);
        assertTrue(removed.lock().render().contains("scores@v1 reserved-field b 2\n"), removed.lock().render());
        assertTrue(proto(removed).contains("  reserved 2;\n  reserved \"b\";\n"), proto(removed));

        Codegen.Rendered added = render(removed.lock(), """
                      a: { type: string }
                      c: { type: bool }
                      d: { type: int }
                """);
        assertTrue(proto(added).contains("optional int64 d = 4;"), "a new input takes a number above every number used");
        assertTrue(proto(added).contains("reserved 2;\n  reserved \"b\";"), proto(added));

        // The removed name stays reserved: proto3 refuses it as a field name, and buf calls dropping it a break.
        CodegenException e = assertThrows(CodegenException.class, () -> render(added.lock(), """
                      a: { type: string }
                      c: { type: bool }
                      d: { type: int }
                      b: { type: int }
                """));
        assertTrue(e.getMessage().contains("input 'b' was removed before"), e.getMessage());
    }

    @Test
    void aChangedProtoTypeGetsANewNumberAndTheOldOneIsReserved() {
        Codegen.Rendered before = render(FlowsLock.empty(), """
                      a: { type: int }
                """);
        Codegen.Rendered after = render(before.lock(), """
                      a: { type: string }
                """);
        assertTrue(proto(after).contains("optional string a = 2;"), proto(after));
        assertTrue(proto(after).contains("reserved 1;"));
    }

    @Test
    void anEnumThatBecomesAStructGetsANewNumberAndTheOldOneIsReserved() {
        Codegen.Rendered before = render(FlowsLock.empty(), """
                      a: { type: string }
                      mode: { type: enum, values: [fast, full] }
                """);
        Codegen.Rendered after = render(before.lock(), """
                      a: { type: string }
                      mode: { type: struct, fields: { fast: { type: bool } } }
                """);
        String p = proto(after);
        assertTrue(p.contains("  Mode mode = 3;"), p);
        assertTrue(p.contains("  reserved 2;\n"), p);
        String lock = after.lock().render();
        assertTrue(lock.contains("scores@v1 reserved-field mode 2\n"), lock);
        assertTrue(lock.contains("scores@v1 field mode 3 Mode\n"), lock);
        assertTrue(lock.contains("scores@v1 field mode.fast 1 bool\n"), lock);
        assertFalse(lock.contains("value mode."), "the enum's values are gone with it: " + lock);

        Codegen.Rendered back = render(after.lock(), """
                      a: { type: string }
                      mode: { type: 'list<enum>', values: [fast] }
                """);
        assertTrue(proto(back).contains("  repeated Mode mode = 4;"), proto(back));
        Codegen.Rendered struct = render(back.lock(), """
                      a: { type: string }
                      mode: { type: 'list<struct>', fields: { fast: { type: bool } } }
                """);
        assertTrue(proto(struct).contains("  repeated Mode mode = 5;"), "a list of enums becoming a list of messages too: " + proto(struct));
        assertTrue(proto(struct).contains("  reserved 2, 3, 4;\n"), proto(struct));
        Codegen.Rendered same = render(struct.lock(), """
                      mode: { type: 'list<struct>', fields: { fast: { type: bool }, slow: { type: int } } }
                      a: { type: string }
                """);
        assertTrue(proto(same).contains("  repeated Mode mode = 5;"), "a struct that gains a field is the same message: " + proto(same));
    }

    @Test
    void aRemovedEnumValueIsReservedUnderItsProtoName() {
        Codegen.Rendered before = render(FlowsLock.empty(), """
                      mode: { type: enum, values: [fast, full, legacy] }
                """);
        Codegen.Rendered after = render(before.lock(), """
                      mode: { type: enum, values: [fast, full, turbo] }
                """);
        String p = proto(after);
        assertTrue(p.contains("MODE_UNSPECIFIED = 0;"));
        assertTrue(p.contains("reserved 3;\n    reserved \"MODE_LEGACY\";"), p);
        assertTrue(p.contains("MODE_TURBO = 4;"), p);
    }

    @Test
    void structFieldsAreNumberedInTheirOwnMessage() {
        Codegen.Rendered r = render(FlowsLock.empty(), """
                      a: { type: string }
                      limits:
                        type: struct
                        fields:
                          rows: { type: int }
                          cols: { type: int }
                """);
        assertTrue(r.lock().render().contains("scores@v1 field limits.cols 2 int64\n"), r.lock().render());
        assertTrue(proto(r).contains("Limits limits = 2;"));
    }

    @Test
    void aListOfListsIsRefusedWithAWayOut() {
        var e = assertThrows(CodegenException.class, () -> render(FlowsLock.empty(), """
                      grid: { type: 'list<list<int>>' }
                """));
        assertEquals("scores@v1 input 'grid' has type list<list<int>>, which proto3 cannot express"
                + " (no list or map inside a list or map); wrap the inner one in a struct.", e.getMessage());
    }

    @Test
    void aLockLineThatCannotBeReadNamesTheLine() {
        var e = assertThrows(CodegenException.class, () -> FlowsLock.parse("# header\nscores@v1 field a one string\n", "flows.lock"));
        assertTrue(e.getMessage().startsWith("flows.lock:2: cannot read this flows.lock line"), e.getMessage());
    }

    @Test
    void aHandEditedLockGivingOneNumberToTwoMembersIsRefusedWithBothNames() {
        var e = assertThrows(CodegenException.class, () -> FlowsLock.parse("""
                # header
                scores@v1 field a 1 string
                scores@v1 field b 2 string
                scores@v1 field c 1 int64
                """, "flows.lock"));
        assertEquals("flows.lock:4: scores@v1 field number 1 is given to both 'a' (line 2) and 'c'; numbers and names are unique"
                + " in a message or enum, so restore flows.lock from version control instead of editing it by hand.", e.getMessage());
    }

    @Test
    void aReservedNumberTakenAgainOrAValueNumberTwiceIsRefused() {
        var reserved = assertThrows(CodegenException.class, () -> FlowsLock.parse("""
                scores@v1 reserved-field old 3
                scores@v1 field a 3 string
                """, "flows.lock"));
        assertTrue(reserved.getMessage().startsWith("flows.lock:2: scores@v1 field number 3 is given to both 'old' (line 1) and 'a'"),
                reserved.getMessage());
        var value = assertThrows(CodegenException.class, () -> FlowsLock.parse("""
                scores@v1 value mode.fast 1
                scores@v1 value mode.full 1
                """, "flows.lock"));
        assertTrue(value.getMessage().startsWith("flows.lock:2: scores@v1 value number 1 is given to both 'mode.fast' (line 1) and 'mode.full'"),
                value.getMessage());
    }

    @Test
    void aNumberFlowctlNeverAssignsIsRefused() {
        for (String line : new String[] {"scores@v1 value mode.fast 0", "scores@v1 field a 0 string", "scores@v1 field a -3 string",
                "scores@v1 field a 19000 string", "scores@v1 reserved-field a 536870912"}) {
            var e = assertThrows(CodegenException.class, () -> FlowsLock.parse(line + "\n", "flows.lock"), line);
            assertTrue(e.getMessage().startsWith("flows.lock:1: cannot read this flows.lock line ("), e.getMessage());
            assertTrue(e.getMessage().contains("is never assigned by flowctl"), e.getMessage());
        }
    }

    @Test
    void theSameNumberInDifferentScopesIsFine() {
        FlowsLock lock = FlowsLock.parse("""
                scores@v1 field a 1 string
                scores@v1 field limits.a 1 string
                scores@v2 field a 1 string
                scores@v1 value mode.fast 1
                """, "flows.lock");
        assertEquals(4, lock.render().lines().filter(l -> !l.startsWith("#")).count());
    }

    @Test
    void aNamePinnedTwiceIsRefused() {
        var e = assertThrows(CodegenException.class, () -> FlowsLock.parse("""
                scores@v1 field a 1 string
                scores@v1 field a 2 int64
                """, "flows.lock"));
        assertTrue(e.getMessage().startsWith("flows.lock:2: scores@v1 field 'a' is pinned twice, to 1 (line 1) and 2;"), e.getMessage());
    }

    @Test
    void versionsEqualInNaturalOrderKeepTheirOwnNumbers() {
        Spec spec = Specs.write(dir, Specs.scoresYaml("""
                v1:
                  inputs:
                    a: { type: string }
                v01:
                  inputs:
                    b: { type: int }
                    c: { type: int }
                """));
        String lock = Codegen.render(spec, FlowsLock.empty(), Set.of(Language.PROTO)).lock().render();
        assertTrue(lock.contains("scores@v1 field a 1 string\n"), lock);
        assertTrue(lock.contains("scores@v01 field b 1 int64\n"), lock);
        assertTrue(lock.contains("scores@v01 field c 2 int64\n"), lock);
        assertEquals(lock, FlowsLock.parse(lock, "flows.lock").render());
    }

    @Test
    void theLockRoundTripsThroughItsText() {
        Codegen.Rendered r = render(FlowsLock.empty(), """
                      a: { type: 'map<string,int>' }
                      mode: { type: enum, values: [fast] }
                """);
        assertEquals(r.lock().render(), FlowsLock.parse(r.lock().render(), "flows.lock").render());
    }
}
