package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nested type that could not take its input's own name gets a suffixed one, the same in proto
 * and Java, pinned in flows.lock so that later changes never rename it.
 */
class NestedTypeNamesTest {
    @TempDir
    Path dir;

    private Codegen.Rendered render(FlowsLock lock, String inputs) {
        Spec spec = Specs.oneVersion(dir, inputs);
        return Codegen.render(spec, lock, Set.of(Language.PROTO, Language.JAVA));
    }

    /** The lock as flowctl codegen would read it back from disk. */
    private static FlowsLock reread(Codegen.Rendered r) {
        return FlowsLock.parse(r.lock().render(), "flows.lock");
    }

    private static String proto(Codegen.Rendered r) {
        return r.files().get("proto/risk/flows/scores/v1/scores.proto").content();
    }

    private static String java(Codegen.Rendered r) {
        return r.files().get("java/risk/flows/scores/v1/ScoresInput.java").content();
    }

    @Test
    void aClashGetsASuffixedNameInBothLanguagesAndTheLockRecordsIt() throws Exception {
        Codegen.Rendered r = render(FlowsLock.empty(), """
                      string: { type: enum, values: [a] }
                      limits: { type: struct, fields: { max_rows: { type: int } } }
                      sources: { type: 'list<enum>', values: [noaa] }
                """);
        assertTrue(proto(r).contains("  enum StringType {"), "String would hide java.lang.String in the stub: " + proto(r));
        assertTrue(java(r).contains("public enum StringType {"), java(r));
        String lock = r.lock().render();
        assertTrue(lock.contains("scores@v1 field string 1 String StringType\n"), lock);
        assertTrue(lock.contains("scores@v1 field limits 2 Limits\n"), "a natural name is not written: " + lock);
        assertTrue(lock.contains("scores@v1 field sources 3 repeated Sources\n"), lock);
        assertEquals(lock, reread(r).render(), "the lock reads back as written");
        compiles(r);
    }

    @Test
    void aPinnedNameIsKeptWhenItsClashIsGone() throws Exception {
        Codegen.Rendered before = render(FlowsLock.empty(), """
                      tags: { type: 'map<string,int>' }
                      tags_entry: { type: struct, fields: { x: { type: int } } }
                """);
        assertTrue(proto(before).contains("TagsEntryType tags_entry = 2;"), "protoc names map tags' entry TagsEntry: " + proto(before));
        assertTrue(before.lock().render().contains("scores@v1 field tags_entry 2 TagsEntry TagsEntryType\n"), before.lock().render());
        Codegen.Rendered after = render(reread(before), """
                      tags_entry: { type: struct, fields: { x: { type: int } } }
                """);
        assertTrue(proto(after).contains("TagsEntryType tags_entry = 2;"), "tags is gone, the name stays: " + proto(after));
        assertTrue(java(after).contains("public static final class TagsEntryType {"), java(after));
        assertTrue(after.lock().render().contains("scores@v1 field tags_entry 2 TagsEntry TagsEntryType\n"), after.lock().render());
        compiles(after);
    }

    @Test
    void anInputAddedUnderAPinnedNameDoesNotTakeIt() throws Exception {
        Codegen.Rendered before = render(FlowsLock.empty(), """
                      string: { type: enum, values: [a] }
                """);
        Codegen.Rendered after = render(reread(before), """
                      string_type: { type: enum, values: [c] }
                      string: { type: enum, values: [a] }
                """);
        String p = proto(after);
        assertTrue(p.contains("StringType string = 1;"), "the existing type keeps its name: " + p);
        assertTrue(p.contains("StringTypeType string_type = 2;"), "the newcomer yields: " + p);
        String lock = after.lock().render();
        assertTrue(lock.contains("scores@v1 field string 1 String StringType\n"), lock);
        assertTrue(lock.contains("scores@v1 field string_type 2 StringType StringTypeType\n"), lock);
        Codegen.Rendered again = render(reread(after), """
                      string: { type: enum, values: [a] }
                      string_type: { type: enum, values: [c] }
                """);
        assertEquals(lock, again.lock().render(), "re-runs and reordering change nothing");
        assertEquals(p, proto(again));
        compiles(after);
    }

    @Test
    void aHandEditedTypeNameThatIsNotOneIsRefused() {
        var e = assertThrows(CodegenException.class,
                () -> FlowsLock.parse("scores@v1 field string 1 String not-a-type\n", "flows.lock"));
        assertTrue(e.getMessage().startsWith("flows.lock:1: cannot read this flows.lock line ('not-a-type' is not a type name)"),
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
