package dev.flowctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.catalog.CatalogModel.Catalog;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSiteTest {
    @TempDir
    Path dir;

    Catalog catalog(String description) throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/scoring.py"), "print('x')\n");
        Files.writeString(dir.resolve("flows.yaml"), CatalogBuilderTest.SPEC.replace("description: Scores fleets.", "description: '" + description + "'"));
        return CatalogBuilder.build(SpecParser.parse(dir.resolve("flows.yaml")), FlowsLock.empty(), List.of(), null, Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void escapesEverythingTheSpecSays() throws IOException {
        Map<String, String> site = CatalogSite.render(catalog("<script>alert(1)</script> & more"));
        for (String page : List.of("index.html", "flows/scoring.html")) {
            assertFalse(site.get(page).contains("<script>alert"), page);
            assertTrue(site.get(page).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), page);
        }
    }

    @Test
    void everyLinkWithinTheSiteResolvesToAFileAndAnAnchorItHas() throws IOException {
        Map<String, String> site = CatalogSite.render(catalog("Scores fleets."));
        Pattern link = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
        for (Map.Entry<String, String> page : site.entrySet()) {
            if (!page.getKey().endsWith(".html")) continue;
            Matcher m = link.matcher(page.getValue());
            while (m.find()) {
                String target = m.group(1).replace("&amp;", "&");
                if (target.startsWith("https://")) continue;
                String[] parts = target.split("#", 2);
                String file = parts[0].isEmpty() ? page.getKey() : Path.of(page.getKey()).resolveSibling(parts[0]).normalize().toString();
                assertTrue(site.containsKey(file), page.getKey() + " links to " + target + ", which the site does not have");
                if (parts.length == 2) assertTrue(site.get(file).contains("id=\"" + parts[1] + "\""), page.getKey() + " links to missing anchor " + target);
            }
        }
    }

    @Test
    void versionsCreatedTogetherAreDrawnSideBySideInTheTimeline() {
        java.time.Instant t = java.time.Instant.parse("2026-11-01T10:00:00Z");
        List<CatalogModel.TimelineEvent> events = List.of(
                new CatalogModel.TimelineEvent("prod", "v1", CatalogModel.TimelineEvent.Kind.CREATED, t),
                new CatalogModel.TimelineEvent("prod", "v2", CatalogModel.TimelineEvent.Kind.CREATED, t),
                new CatalogModel.TimelineEvent("prod", "v2", CatalogModel.TimelineEvent.Kind.UPDATED, t.plusSeconds(86_400)));
        String svg = TimelineSvg.render("scoring", events, List.of(new CatalogModel.EnvironmentStatus("prod", "x", null, 3, 2)));
        List<String> xs = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("<text x=\"(\\d+)\" y=\"11\" text-anchor=\"middle\">").matcher(svg);
        while (m.find()) xs.add(m.group(1));
        assertEquals(3, xs.size(), svg);
        assertTrue(Integer.parseInt(xs.get(1)) - Integer.parseInt(xs.get(0)) >= 18, svg); // not on top of each other
        assertTrue(Integer.parseInt(xs.get(2)) > Integer.parseInt(xs.get(1)), svg);
    }

    @Test
    void writesIntoANewDirectoryAndLaterReplacesOnlyItsOwnFiles() throws IOException {
        Path out = dir.resolve("site");
        Map<String, String> first = Map.of("index.html", "a", "flows/old.html", "b");
        assertEquals(2, SiteWriter.write(out, first).written());
        Files.writeString(out.resolve("CNAME"), "flows.example.com"); // the publisher's own file
        SiteWriter.Written second = SiteWriter.write(out, Map.of("index.html", "c", "flows/new.html", "d"));
        assertEquals(1, second.removed());
        assertFalse(Files.exists(out.resolve("flows/old.html")));
        assertEquals("c", Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8));
        assertEquals("flows.example.com", Files.readString(out.resolve("CNAME")));
    }

    @Test
    void neverWritesOrDeletesThroughALinkNorOutsideByAnEditedList() throws IOException {
        Path out = dir.resolve("site");
        SiteWriter.write(out, Map.of("index.html", "a", "flows/a.html", "b"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("a.html"), "not the catalog's");
        Files.writeString(dir.resolve("secret.txt"), "keep");
        // The directory was committed and edited: flows/ became a link, the list names a file outside.
        java.nio.file.Files.walk(out.resolve("flows")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Files.createSymbolicLink(out.resolve("flows"), elsewhere);
        Files.writeString(out.resolve(SiteWriter.MARKER), "index.html\nflows/a.html\n../secret.txt\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteWriter.write(out, Map.of("index.html", "c", "flows/b.html", "d")));
        assertTrue(e.getMessage().startsWith(out.resolve("flows") + " is a link; flowctl catalog writes only plain files"), e.getMessage());
        assertEquals("not the catalog's", Files.readString(elsewhere.resolve("a.html")));
        assertFalse(Files.exists(elsewhere.resolve("b.html")));
        assertEquals("keep", Files.readString(dir.resolve("secret.txt")));
    }

    @Test
    void refusesADirectoryItDidNotWrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(out.resolve("README.md"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SiteWriter.write(out, Map.of("index.html", "x")));
        assertEquals(out + " is not empty and was not written by flowctl catalog; give an empty or new directory.", e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("README.md")));
        assertFalse(Files.exists(out.resolve("index.html")));
    }
}
