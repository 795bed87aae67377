package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheCatalogOfWhatIsAppliedWithThePlansFindings() {
        Project p = new Project(dir);
        assertEquals(0, p.run("apply", "--auto-approve").code());
        p.addOptionalInputAndV2();
        Cli.Result plan = p.run("plan", "--format", "json");
        Cli.write(dir.resolve("plan.json"), plan.out());

        Path site = dir.resolve("site");
        Cli.Result r = p.run("catalog", "--out", site.toString(), "--plan", dir.resolve("plan.json").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().matches("Wrote the catalog of 1 flow to " + Pattern.quote(site.toString()) + " \\(4 files, \\d+ KB\\); open "
                + Pattern.quote(site.resolve("index.html").toString()) + "\\.\n"), r.out());

        String index = Cli.read(site.resolve("index.html"));
        assertTrue(index.contains("<a href=\"flows/scoring.html\">scoring</a>"), index);
        assertTrue(index.contains("1 to create, 1 to update, 0 to delete"), index);
        String page = Cli.read(site.resolve("flows/scoring.html"));
        assertTrue(page.contains("<tr><th scope=\"row\">default</th><td><a href=\"#v1\">v1</a></td></tr>"), page); // live: v1, not v2 yet
        assertTrue(page.contains("<li>removes months</li><li>removes region</li>"), page); // what v2 lacks of v1
        assertTrue(page.contains("demo.flows.scoring.v1.ScoringService/Start"), page);
        assertTrue(page.contains("<li><strong>v2</strong>: create"), page);
    }

    @Test
    void anUnreadableStateIsShownAsUnknownNotFatal() throws Exception {
        Project p = new Project(dir);
        Cli.write(dir.resolve(".flowctl/state.json"), "{ not json");
        Cli.Result r = p.run("catalog", "--out", dir.resolve("site").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().startsWith("Warning: the state of environment default could not be read ("), r.err());
        assertTrue(Cli.read(dir.resolve("site/index.html")).contains("state could not be read"));
    }

    @Test
    void refusesAnOutputDirectoryWithFilesItDidNotWrite() throws Exception {
        Project p = new Project(dir);
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Cli.write(docs.resolve("guide.md"), "# mine\n");
        Cli.Result r = p.run("catalog", "--out", docs.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("Error: " + docs + " is not empty and was not written by flowctl catalog; give an empty or new directory."), r.err());
        assertFalse(Files.exists(docs.resolve("index.html")));
    }

    @Test
    void aStateOverrideNeedsTheEnvironmentItIsFor() {
        Project p = new Project(dir);
        Cli.write(p.flows, Cli.read(p.flows).replace("engine: { type: local }", "engine: { type: local }\nenvironments:\n  dev: {}\n  prod: {}"));
        Cli.Result r = p.run("catalog", "--out", dir.resolve("site").toString(), "--state", dir.resolve("other.json").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("Error: --state names one environment's state, and " + p.file() + " declares several; add -e ENV"), r.err());
        assertFalse(Files.exists(dir.resolve("site")));
    }

    @Test
    void refusesAFileThatIsNotAPlan() {
        Project p = new Project(dir);
        Cli.write(dir.resolve("plan.json"), "{\"kind\": \"drift\"}");
        Cli.Result r = p.run("catalog", "--out", dir.resolve("site").toString(), "--plan", dir.resolve("plan.json").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("Error: --plan " + dir.resolve("plan.json") + " cannot be shown: it is not the output of 'flowctl plan --format json'; "), r.err());
    }
}
