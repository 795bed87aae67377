package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowctl.compat.CompatibilityChecker;
import dev.flowctl.compat.Severity;
import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second opinion from buf: for each before/after pair, flowctl's verdict (schema-compat,
 * backward mode) and buf's (`buf breaking --against` with WIRE_JSON on the generated protos)
 * are both pinned. This is the agreement table of docs/codegen.md; when a verdict changes,
 * update the table with it. buf comes from tools/buf, which the build installs with npm (tools/npm-install).
 */
class BufAgreementTest {
    static final Path BUF = Path.of("../tools/buf/node_modules/@bufbuild/buf-linux-x64/bin/buf").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** One row of the table: whether flowctl blocks the change, and whether buf reports a wire/JSON break. */
    record Case(String name, String before, String after, boolean flowctlBreaking, boolean bufBreaking) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String base = """
                fleet_id: { type: string, required: true }
                months: { type: int, default: 24 }
                mode: { type: enum, values: [fast, full] }
                """;
        return Stream.of(
                new Case("add optional input", base, base + "region: { type: string }\n", false, false),
                new Case("add required input", base, base + "region: { type: string, required: true }\n", true, false),
                new Case("optional to required", base, base.replace("months: { type: int, default: 24 }", "months: { type: int, required: true }"), true, false),
                new Case("required to optional", base, base.replace("fleet_id: { type: string, required: true }", "fleet_id: { type: string }"), false, false),
                new Case("default changed", base, base.replace("default: 24", "default: 12"), false, false),
                new Case("default dropped", base, base.replace("months: { type: int, default: 24 }", "months: { type: int }"), false, false),
                new Case("remove input", base, base.replace("months: { type: int, default: 24 }\n", ""), false, false),
                // The control: the same removal numbered afresh, as a generator without flows.lock would.
                new Case("remove input, numbered without flows.lock", base, base.replace("months: { type: int, default: 24 }\n", ""), false, true),
                new Case("rename input", base, base.replace("months:", "history_months:"), false, false),
                new Case("add enum value", base, base.replace("[fast, full]", "[fast, full, turbo]"), false, false),
                new Case("remove enum value", base, base.replace("[fast, full]", "[fast]"), true, false),
                new Case("change type int to string", base, base.replace("months: { type: int, default: 24 }", "months: { type: string }"), true, true),
                new Case("change type int to float", base, base.replace("months: { type: int, default: 24 }", "months: { type: float }"), true, true),
                new Case("scalar to list", base, base.replace("fleet_id: { type: string, required: true }", "fleet_id: { type: 'list<string>', required: true }"), true, true),
                new Case("narrow custom type", "code: { type: code }\n", "code: { type: code }\n", true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flowctlAndBufVerdictsAreTheDocumentedOnes(Case c) throws Exception {
        assumeTrue(Files.isExecutable(BUF), "buf is not installed at " + BUF + "; the build installs it with npm (tools/npm-install buf) before the tests");
        boolean narrowed = c.name().equals("narrow custom type");
        Spec before = spec(dir.resolve("a"), c.before(), narrowed ? "'^[A-Z]+$'" : null);
        Spec after = spec(dir.resolve("b"), c.after(), narrowed ? "'^[A-Z]{3}$'" : null);
        Path lock = dir.resolve("flows.lock");
        Codegen.generate(new Codegen.Request(before, dir.resolve("a/gen"), lock, Set.of(Language.PROTO)));
        Path afterLock = c.name().endsWith("without flows.lock") ? dir.resolve("fresh.lock") : lock;
        Codegen.generate(new Codegen.Request(after, dir.resolve("b/gen"), afterLock, Set.of(Language.PROTO)));

        Severity flowctl = CompatibilityChecker.verdict(new CompatibilityChecker().check(
                before.versions().get(0).inputs(), after.versions().get(0).inputs(), CompatibilityMode.BACKWARD));
        BufRun buf = buf(dir.resolve("b/gen/proto"), dir.resolve("a/gen/proto"));

        assertEquals(c.flowctlBreaking(), flowctl == Severity.BREAKING, c + ": flowctl's verdict is " + flowctl
                + "; if that is intended, update the agreement table in docs/codegen.md and this case");
        assertEquals(c.bufBreaking(), buf.breaking(), c + ": buf said " + buf.output());
    }

    private static Spec spec(Path dir, String inputs, String pattern) throws IOException {
        String types = pattern == null ? "" : "types:\n  code: { base: string, pattern: " + pattern + " }\n";
        Spec spec = Specs.write(dir, """
                project: risk
                engine: { type: local }
                state: { backend: local }
                """ + types + """
                flows:
                  scores:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                """ + inputs.indent(10));
        return spec;
    }

    /** What buf said: exit 100 is a breaking change, 0 none; anything else fails the test. */
    record BufRun(boolean breaking, String output) {
    }

    static BufRun buf(Path current, Path against) throws Exception {
        for (Path p : List.of(current, against)) {
            Files.createDirectories(p);
            Files.writeString(p.resolve("buf.yaml"), "version: v2\nbreaking:\n  use:\n    - WIRE_JSON\n", StandardCharsets.UTF_8);
        }
        Process p = new ProcessBuilder(BUF.toString(), "breaking", current.toString(), "--against", against.toString(),
                "--error-format=json").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("buf did not finish within 60 s");
        }
        if (p.exitValue() != 0 && p.exitValue() != 100) throw new AssertionError("buf failed (exit " + p.exitValue() + "): " + out);
        return new BufRun(p.exitValue() == 100, out);
    }
}
