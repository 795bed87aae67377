package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The representative spec in src/test/resources/golden renders exactly the committed files in
 * golden/expected (and golden/flows.lock). After an intended change, regenerate them with
 * {@code ./mvnw -pl codegen -am verify -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}.
 */
class GoldenFilesTest {
    @Test
    void representativeSpecRendersTheGoldenFiles(@TempDir Path tmp) throws IOException {
        Spec spec = SpecParser.parse(Specs.golden().resolve("flows.yaml"));
        Path expected = Specs.golden().resolve("expected");
        Path lock = Specs.golden().resolve("flows.lock");
        if (Boolean.getBoolean("golden.update")) {
            Codegen.generate(new Codegen.Request(spec, expected, lock, Set.of(Language.PROTO, Language.JAVA, Language.PYTHON)));
        }
        Path out = tmp.resolve("out");
        Path tmpLock = tmp.resolve("flows.lock");
        Files.copy(lock, tmpLock);
        Codegen.Result result = Codegen.generate(new Codegen.Request(spec, out, tmpLock, Set.of(Language.PROTO, Language.JAVA, Language.PYTHON)));

        assertEquals(List.of(), result.deleted());
        assertEquals(false, result.lockWritten(), "the committed golden lock already pins every number");
        assertEquals(list(expected), list(out), "same set of files");
        for (Path rel : list(expected)) {
            assertEquals(Specs.read(expected.resolve(rel)), Specs.read(out.resolve(rel)), rel.toString());
        }
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
