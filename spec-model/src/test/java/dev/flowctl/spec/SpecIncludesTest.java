package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec split across team files with include: merged, ordered, positioned and bounded. */
class SpecIncludesTest {
    @TempDir
    Path repo;

    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        root = repo.resolve("flows.yaml");
        Files.writeString(root, """
                project: risk
                types:
                  pct: { base: float, min: 0, max: 1 }
                include: ['teams/*/flows.yaml']
                flows:
                  core:
                    source: core.py
                    versions:
                      v1: {}
                """);
        Files.writeString(repo.resolve("core.py"), "print(1)\n");
    }

    private Path team(String name, String yaml) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("teams").resolve(name));
        Files.writeString(dir.resolve("flow.py"), "print(1)\n");
        return Files.writeString(dir.resolve("flows.yaml"), yaml);
    }

    private static String flow(String name) {
        return """
                flows:
                  %s:
                    source: flow.py
                    versions:
                      v1:
                        inputs:
                          ratio: { type: pct, default: 0.5 }
                """.formatted(name);
    }

    private SpecException refused() {
        return assertThrows(SpecException.class, () -> SpecParser.parse(root));
    }

    @Test
    void mergesTeamFilesInPathOrderAfterTheRootFlowsWithTheRootTypes() throws IOException {
        team("zeta", flow("zeta_scores"));
        team("alpha", flow("alpha_features"));
        Spec spec = SpecParser.parse(root);
        assertEquals(List.of("core", "alpha_features", "zeta_scores"), List.copyOf(spec.flows().keySet()));
        assertEquals(List.of("teams/alpha/flows.yaml", "teams/zeta/flows.yaml"),
                spec.includes().files().stream().map(IncludedFiles.File::name).toList());
        assertTrue(spec.flows().get("alpha_features").versions().get("v1").inputs().get(0).type() instanceof TypeRef.CustomType);
    }

    @Test
    void sourcesResolveRelativeToTheFileThatDeclaresThem() throws IOException {
        team("alpha", flow("alpha_features"));
        Spec spec = SpecParser.parse(root);
        assertEquals("teams/alpha/flow.py", spec.flows().get("alpha_features").versions().get("v1").source());
        assertTrue(Files.isRegularFile(spec.baseDir().resolve("teams/alpha/flow.py")));
    }

    @Test
    void positionsOfIncludedFlowsNameTheirFile() throws IOException {
        team("alpha", flow("alpha_features"));
        Spec spec = SpecParser.parse(root);
        FlowVersionAddress a = new FlowVersionAddress("alpha_features", "v1");
        assertEquals("teams/alpha/flows.yaml:2:3", spec.positions().ofFlow("alpha_features").toString());
        assertEquals("teams/alpha/flows.yaml:7:11", spec.positions().of(a, "ratio").toString());
        assertEquals("flows.yaml:6:3", spec.positions().ofFlow("core").toString());
        SpecProblem p = spec.positions().atInput(root.toString(), a, "ratio", ErrorCode.SOURCE_PARAMETERS_MISMATCH, "m");
        assertEquals(root.resolveSibling("teams/alpha/flows.yaml").toString(), p.file());
        assertEquals(7, p.line());
    }

    @Test
    void ownerIsTheDeclaredOneElseTheTeamDirectory() throws IOException {
        team("alpha", flow("alpha_features"));
        team("beta", flow("beta_scores").replace("    source:", "    owner: beta-squad\n    source:"));
        Spec spec = SpecParser.parse(root);
        assertEquals("teams/alpha", spec.ownerOf("alpha_features"));
        assertEquals("beta-squad", spec.ownerOf("beta_scores"));
        assertNull(spec.ownerOf("core"));
        assertTrue(spec.groupsByOwner());
    }

    @Test
    void aProblemInATeamFileNamesThatFileLineAndColumn() throws IOException {
        team("alpha", flow("alpha_features").replace("default: 0.5", "default: 7"));
        SpecException e = refused();
        SpecProblem p = e.problems().get(0);
        assertEquals(root.resolveSibling("teams/alpha/flows.yaml").toString(), p.file());
        assertEquals(7, p.line());
    }

    @Test
    void aFlowDeclaredInTwoFilesNamesBoth() throws IOException {
        team("alpha", flow("shared"));
        team("beta", flow("shared"));
        SpecException e = refused();
        assertEquals(1, e.problems().size(), e.getMessage());
        SpecProblem p = e.problems().get(0);
        assertEquals(ErrorCode.SPEC_DUPLICATE, p.code());
        assertEquals(root.resolveSibling("teams/beta/flows.yaml") + ":2:3", p.file() + ":" + p.line() + ":" + p.column());
        assertTrue(p.message().contains("teams/alpha/flows.yaml:2:3"), p.message());
    }

    @Test
    void aTeamFlowNamedLikeARootFlowIsRefused() throws IOException {
        team("alpha", flow("core"));
        SpecProblem p = refused().problems().get(0);
        assertEquals(ErrorCode.SPEC_DUPLICATE, p.code());
        assertTrue(p.message().contains("flows.yaml:6:3"), p.message());
    }

    @Test
    void rootOnlyKeysInATeamFileAreRefusedAtTheirPosition() throws IOException {
        team("alpha", "engine: { type: local }\ninclude: ['x']\n" + flow("alpha_features"));
        List<SpecProblem> problems = refused().problems();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(ErrorCode.SPEC_INCLUDE_INVALID, problems.get(0).code());
        assertEquals(1, problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("'engine' may only be set in the root flows.yaml"), problems.get(0).message());
        assertTrue(problems.get(1).message().startsWith("include: may only be used in the root flows.yaml"), problems.get(1).message());
    }

    @Test
    void aGlobMatchingNothingIsAnError() {
        SpecProblem p = refused().problems().get(0);
        assertEquals(ErrorCode.SPEC_INCLUDE_INVALID, p.code());
        assertEquals(4, p.line());
        assertTrue(p.message().contains("matches no file"), p.message());
    }

    @Test
    void globsCannotLeaveTheRepository() throws IOException {
        for (String glob : List.of("../other/flows.yaml", "/etc/passwd", "teams/../../x.yaml")) {
            Files.writeString(root, "project: risk\ninclude: ['" + glob + "']\n");
            SpecProblem p = refused().problems().get(0);
            assertEquals(ErrorCode.SPEC_PATH_REFUSED, p.code(), glob);
        }
    }

    @Test
    void aLinkOutOfTheRepositoryIsRefused(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("flows.yaml"), flow("stolen"));
        Files.createDirectories(repo.resolve("teams/alpha"));
        Files.createSymbolicLink(repo.resolve("teams/alpha/flows.yaml"), secret);
        SpecProblem p = refused().problems().get(0);
        assertEquals(ErrorCode.SPEC_PATH_REFUSED, p.code());
        assertTrue(p.message().contains("links outside the repository"), p.message());
    }

    @Test
    void theDigestOfATeamFileChangesWithItsText() throws IOException {
        Path alpha = team("alpha", flow("alpha_features"));
        String before = SpecParser.parse(root).includes().files().get(0).sha256();
        Files.writeString(alpha, flow("alpha_features").replace("0.5", "0.6"));
        assertNotEquals(before, SpecParser.parse(root).includes().files().get(0).sha256());
    }

    @Test
    void aSpecWithoutIncludeHasNoIncludedFiles() throws IOException {
        Files.writeString(root, "project: risk\nflows:\n  core:\n    source: core.py\n    versions:\n      v1: {}\n");
        Spec spec = SpecParser.parse(root);
        assertTrue(spec.includes().isEmpty());
        assertTrue(!spec.groupsByOwner());
    }
}
