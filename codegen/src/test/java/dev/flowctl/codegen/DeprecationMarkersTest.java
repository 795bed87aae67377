package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.flowctl.spec.Spec;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deprecated version's contracts say so where callers meet them: {@code option deprecated = true;}
 * on its proto service, {@code @Deprecated} on its Java class, a DeprecationWarning from its Python
 * module; the contracts of every other version are byte for byte what they were.
 */
class DeprecationMarkersTest {
    @TempDir
    Path dir;

    private static final String V2 = """
            v2:
              inputs:
                fleet_id: { type: string, required: true }
            """;

    private Codegen.Rendered render(String v1Keys) {
        Spec spec = Specs.write(dir.resolve("spec"), Specs.scoresYaml("v1:\n" + v1Keys + "  inputs:\n    fleet_id: { type: string }\n" + V2));
        return Codegen.render(spec, FlowsLock.empty(), EnumSet.allOf(Language.class));
    }

    private static final String DEPRECATED = "  deprecated: { replacement: v2, sunset: 2027-03-01, reason: \"v2 reads */ the new store\" }\n";

    @Test
    void theProtoServiceOfADeprecatedVersionIsMarkedAndSaysWhatToUse() {
        Codegen.Rendered r = render(DEPRECATED);
        String proto = r.files().get("proto/risk/flows/scores/v1/scores.proto").content();
        assertTrue(proto.contains("""
                // Starts runs of scores@v1.
                // Deprecated: use v2 instead; sunset 2027-03-01; reason: v2 reads */ the new store.
                service ScoresService {
                  option deprecated = true;
                """), proto);
        FileDescriptorProto descriptor = r.descriptors().values().stream()
                .filter(d -> d.getName().equals("risk/flows/scores/v1/scores.proto")).findFirst().orElseThrow();
        assertTrue(descriptor.getService(0).getOptions().getDeprecated(), "the gateway's in-process descriptors agree");
        assertFalse(r.files().get("proto/risk/flows/scores/v2/scores.proto").content().contains("deprecated"));
    }

    @Test
    void theJavaClassOfADeprecatedVersionIsDeprecatedWithItsReplacementSunsetAndReason() {
        String java = render(DEPRECATED).files().get("java/risk/flows/scores/v1/ScoresInput.java").content();
        assertTrue(java.contains("""
                /**
                 * Inputs of flow version scores@v1: build one for a run, or parse the engine's JSON in flow code.
                 *
                 * @deprecated scores&#64;v1 is deprecated: use v2 instead; sunset 2027-03-01; reason: v2 reads *&#47; the new store
                 */
                @Deprecated
                public final class ScoresInput {
                """), java);
    }

    @Test
    void thePythonModuleOfADeprecatedVersionWarnsOnImport() {
        String python = render(DEPRECATED).files().get("python/risk/flows/scores/v1.py").content();
        assertTrue(python.contains("import warnings as _warnings\n"), python);
        assertTrue(python.contains("DEPRECATED = \"scores@v1 is deprecated: use v2 instead; sunset 2027-03-01; reason: v2 reads */ the new store\"\n"
                + "\n_warnings.warn(DEPRECATED, DeprecationWarning, stacklevel=2)\n"), python);
        assertTrue(python.contains("__all__ = [\"ADDRESS\", \"DEPRECATED\", \"SCHEMA\", \"PROTO\", \"ScoresInput\"]"), python);
    }

    @Test
    void everyOtherVersionsContractsAreByteForByteUnchanged() {
        Map<String, GeneratedFile> before = render("").files();
        Map<String, GeneratedFile> after = render(DEPRECATED).files();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((path, file) -> {
            if (path.matches(".*/v1[/.].*")) return;
            assertEquals(file.content(), after.get(path).content(), path);
        });
        assertTrue(before.keySet().stream().anyMatch(p -> p.matches(".*/v2[/.].*")), before.keySet().toString());
    }
}
