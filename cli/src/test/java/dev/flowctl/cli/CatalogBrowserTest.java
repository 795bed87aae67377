package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.runtime.InputViolation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog as a reader's browser shows it: Debian's chromium, headless, loads the generated site
 * and the checks run on the DOM it produced (after catalog.js ran) — the search box filters, every
 * link within the site resolves, and every example input passes its version's own input check.
 * Chromium takes seconds per page, so each page is loaded once and, for the large catalog, only the
 * index and a sample of flow pages go through it; the other pages are checked from their files.
 * Screenshots land in cli/target/catalog-screenshots/ for a reviewer. Without chromium the test is
 * skipped (tools/chromium-install installs it during the build where it can).
 */
class CatalogBrowserTest {
    private static final Path SCREENSHOTS = JsonSchemas.repo().resolve("cli/target/catalog-screenshots");
    private static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        chromium = Stream.concat(Stream.of(Path.of("/usr/bin/chromium")),
                        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .filter(p -> !p.isEmpty()).flatMap(p -> Stream.of(Path.of(p, "chromium"), Path.of(p, "chromium-browser"))))
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null) {
            Assumptions.abort("chromium is not installed, so the catalog's browser test is skipped: install it with "
                    + "'apt-get install chromium' (tools/chromium-install does this during the build when run as root).");
        }
    }

    @Test
    void theExampleCatalogSearchesLinksAndShowsExamplesItsVersionsAccept() throws IOException {
        Path repo = JsonSchemas.repo();
        Files.copy(repo.resolve("flows.yaml.example"), dir.resolve("flows.yaml"));
        copyTree(repo.resolve("examples"), dir.resolve("examples"));
        Path flows = dir.resolve("flows.yaml");
        assertEquals(0, Cli.run("apply", "-f", flows.toString(), "--auto-approve", "--no-color").code());
        Path site = dir.resolve("site");
        Cli.Result r = Cli.run("catalog", "-f", flows.toString(), "--out", site.toString());
        assertEquals(0, r.code(), r.toString());

        Browser browser = new Browser(dir.resolve("browser"));
        Map<String, String> dom = new LinkedHashMap<>();
        dom.put("index.html", browser.dumpDom(site.resolve("index.html"), "q=pricing"));
        for (String flow : List.of("claims_triage", "fleet_features", "risk_score")) {
            dom.put("flows/" + flow + ".html", browser.dumpDom(site.resolve("flows/" + flow + ".html"), null));
        }

        // ?q=pricing: only risk_score (owner pricing) stays, and the live count says so.
        assertEquals(List.of("risk_score"), shownRows(dom.get("index.html")));
        assertEquals(List.of("claims_triage", "fleet_features"), hiddenRows(dom.get("index.html")));
        assertEquals("1 flow match", searchCount(dom.get("index.html")));

        Map<String, String> pages = pagesOf(site);
        assertEquals(pages.keySet(), dom.keySet(), "the browser loaded every page of the example's site");
        assertLinksResolve(site, dom);
        assertEquals(4, assertExamplesPass(dom, appliedSchemas(dir)), "every version of the example shows an example input");

        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(site.resolve("index.html"), SCREENSHOTS.resolve("example-index.png"), 1280, 900, false);
        browser.screenshot(site.resolve("flows/risk_score.html"), SCREENSHOTS.resolve("example-flow.png"), 1280, 900, false);
        browser.screenshot(site.resolve("flows/risk_score.html"), SCREENSHOTS.resolve("example-flow-phone-dark.png"), 390, 844, true);
    }

    @Test
    void aCatalogOf200FlowsSearchesLinksAndShowsExamplesItsVersionsAccept() throws IOException {
        Path flows = Generated.write(dir, 200);
        assertEquals(0, Cli.run("apply", "-f", flows.toString(), "--auto-approve", "--no-color").code());
        Path site = dir.resolve("site");
        Cli.Result r = Cli.run("catalog", "-f", flows.toString(), "--out", site.toString());
        assertEquals(0, r.code(), r.toString());

        Browser browser = new Browser(dir.resolve("browser"));
        Map<String, String> pages = pagesOf(site);
        assertEquals(201, pages.size());
        Map<String, String> dom = new LinkedHashMap<>(pages);
        dom.put("index.html", browser.dumpDom(site.resolve("index.html"), "q=pricing"));
        for (int f = 0; f < 200; f += 20) {
            String page = "flows/" + Generated.name(f + f / 20) + ".html"; // a spread of owners and version counts
            dom.put(page, browser.dumpDom(site.resolve(page), null));
        }

        String index = dom.get("index.html");
        List<String> pricing = new ArrayList<>();
        for (int f = 0; f < 200; f++) if (Generated.owner(f).equals("pricing")) pricing.add(Generated.name(f));
        assertEquals(pricing, shownRows(index));
        assertEquals(200 - pricing.size(), hiddenRows(index).size());
        assertEquals(pricing.size() + " flows match", searchCount(index));

        assertLinksResolve(site, dom);
        assertEquals(Generated.versionCount(200), assertExamplesPass(dom, appliedSchemas(dir)),
                "every version of every flow shows an example input");
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(site.resolve("flows/" + Generated.name(2) + ".html"), SCREENSHOTS.resolve("generated-flow.png"), 1280, 900, false);
    }

    // ---- checks on pages (the DOM chromium produced, or a page's file) ----

    private static final Pattern ROW = Pattern.compile("<tr data-search=\"[^\"]*\"( hidden=\"\")?><th scope=\"row\"><a href=\"flows/([^\"]+)\\.html\">");
    private static final Pattern LINK = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");
    private static final Pattern EXAMPLE = Pattern.compile("<code class=\"language-json\" data-example-for=\"([^\"]+)\">([^<]*)</code>");

    private static List<String> shownRows(String index) {
        return rows(index, false);
    }

    private static List<String> hiddenRows(String index) {
        return rows(index, true);
    }

    private static List<String> rows(String index, boolean hidden) {
        List<String> names = new ArrayList<>();
        Matcher m = ROW.matcher(index);
        while (m.find()) if ((m.group(1) != null) == hidden) names.add(m.group(2));
        return names;
    }

    private static String searchCount(String index) {
        Matcher m = Pattern.compile("<p id=\"search-count\"[^>]*>([^<]*)</p>").matcher(index);
        assertTrue(m.find(), "the index has a live search count");
        return m.group(1);
    }

    /** Every relative href and src of every page names a file of the site, and every #fragment an id on the page it names. */
    private static void assertLinksResolve(Path site, Map<String, String> pages) {
        Map<String, Set<String>> ids = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Matcher m = LINK.matcher(page.getValue());
            while (m.find()) {
                String link = unescape(m.group(1));
                if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue; // another site (the AWS console)
                checked++;
                int hash = link.indexOf('#');
                String path = hash < 0 ? link : link.substring(0, hash);
                String fragment = hash < 0 ? "" : link.substring(hash + 1);
                int query = path.indexOf('?');
                if (query >= 0) path = path.substring(0, query);
                Path base = site.resolve(page.getKey()).getParent();
                Path target = path.isEmpty() ? site.resolve(page.getKey()) : base.resolve(path).normalize();
                if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                    broken.add(page.getKey() + ": " + link + " (no such file in the site)");
                    continue;
                }
                if (fragment.isEmpty()) continue;
                String targetPage = site.relativize(target).toString().replace(File.separatorChar, '/');
                Set<String> targetIds = ids.computeIfAbsent(targetPage, p -> idsOf(pages.containsKey(p) ? pages.get(p) : Cli.read(target)));
                if (!targetIds.contains(fragment)) broken.add(page.getKey() + ": " + link + " (no id " + fragment + " on " + targetPage + ")");
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > pages.size() * 3, "links were found to check: " + checked);
    }

    private static Set<String> idsOf(String page) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ID.matcher(page);
        while (m.find()) ids.add(unescape(m.group(1)));
        return ids;
    }

    /** Every example input shown passes the applied schema of its version, as a run start checks it; returns how many there were. */
    private static int assertExamplesPass(Map<String, String> pages, Map<String, String> schemas) {
        Set<String> seen = new TreeSet<>();
        List<String> refused = new ArrayList<>();
        for (String page : pages.values()) {
            Matcher m = EXAMPLE.matcher(page);
            while (m.find()) {
                String address = unescape(m.group(1));
                assertTrue(schemas.containsKey(address), "an example for a version the state records: " + address);
                assertTrue(seen.add(address), "one example per version: " + address);
                List<InputViolation> violations = InputSchema.parse(schemas.get(address)).violations(InputSchema.parseJson(unescape(m.group(2))));
                if (!violations.isEmpty()) refused.add(address + ": " + violations);
            }
        }
        assertEquals(List.of(), refused);
        assertEquals(schemas.keySet(), seen, "an example for every applied version");
        return seen.size();
    }

    /** The input schema of every version in the applied local state, as JSON text by address. */
    private static Map<String, String> appliedSchemas(Path project) throws IOException {
        JsonNode versions = JsonSchemas.JSON.readTree(project.resolve(".flowctl/state.json").toFile()).get("versions");
        Map<String, String> schemas = new HashMap<>();
        versions.properties().forEach(e -> schemas.put(e.getKey(), e.getValue().get("schema").toString()));
        return schemas;
    }

    private static Map<String, String> pagesOf(Path site) throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted()
                    .collect(Collectors.toMap(p -> site.relativize(p).toString().replace(File.separatorChar, '/'), Cli::read, (a, b) -> a, LinkedHashMap::new));
        }
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Headless chromium from its command line: one process per page, bounded in time, never through a shell. */
    private static final class Browser {
        private final Path work;
        private int runs;

        Browser(Path work) {
            this.work = work;
        }

        /** The DOM after the page's scripts ran, serialized. */
        String dumpDom(Path page, String query) {
            Path out = work.resolve("dom-" + runs + ".html");
            run(out, List.of("--dump-dom", page.toUri() + (query == null ? "" : "?" + query)));
            return Cli.read(out);
        }

        void screenshot(Path page, Path png, int width, int height, boolean dark) throws IOException {
            List<String> args = new ArrayList<>(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png));
            // The reader's dark setting: prefers-color-scheme: dark, which catalog.css follows.
            if (dark) args.addAll(List.of("--force-dark-mode", "--blink-settings=preferredColorScheme=0"));
            args.add(page.toUri().toString());
            Files.deleteIfExists(png);
            run(work.resolve("screenshot-" + runs + ".out"), args);
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, "a PNG screenshot at " + png);
        }

        private void run(Path stdout, List<String> args) {
            Path profile = work.resolve("profile-" + runs++);
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--user-data-dir=" + profile));
            command.addAll(args);
            Process p = null;
            try {
                Files.createDirectories(profile);
                p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(work.resolve("chromium-" + runs + ".err").toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) fail("chromium did not finish within 120 s: " + command);
                assertEquals(0, p.exitValue(), "chromium " + command + " failed: " + Cli.read(work.resolve("chromium-" + runs + ".err")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                if (p != null) p.descendants().forEach(ProcessHandle::destroyForcibly);
                if (p != null) p.destroyForcibly();
            }
        }
    }

    /**
     * A generated flows.yaml of N flows with 2 or 3 versions each, using every input kind the catalog
     * shows: named types with a pattern and with bounds, structs, enums, lists, maps, defaults.
     */
    private static final class Generated {
        private static final String[] OWNERS = {"pricing", "claims", "telematics", "fraud", "marketing", "underwriting"};

        static String name(int f) {
            return String.format("flow_%03d", f);
        }

        static String owner(int f) {
            return OWNERS[f % OWNERS.length];
        }

        static int versions(int f) {
            return f % 2 == 0 ? 3 : 2;
        }

        static int versionCount(int flows) {
            int n = 0;
            for (int f = 0; f < flows; f++) n += versions(f);
            return n;
        }

        static Path write(Path dir, int flows) throws IOException {
            StringBuilder y = new StringBuilder("""
                    project: catalog200
                    compatibility: backward
                    engine: { type: local }
                    state: { backend: local }
                    types:
                      s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$', description: An S3 URI }
                      policy_no: { base: string, pattern: '^[A-Z]{2}-\\d{6}(-[a-z]+)?$' }
                      probability: { base: float, min: 0, max: 1 }
                      months: { base: int, min: 1, max: 120 }
                    flows:
                    """);
            Files.createDirectories(dir.resolve("flows"));
            for (int f = 0; f < flows; f++) {
                Files.writeString(dir.resolve("flows/" + name(f) + ".py"), "# flow " + f + "\n");
                y.append("  ").append(name(f)).append(":\n    owner: ").append(owner(f)).append("\n    description: Flow number ").append(f)
                        .append(" of the ").append(owner(f)).append(" team.\n    source: flows/").append(name(f)).append(".py\n    versions:\n");
                for (int v = 1; v <= versions(f); v++) {
                    y.append("      v").append(v).append(":\n        inputs:\n")
                            .append("          policy: { type: policy_no, required: true, description: The policy to score }\n")
                            .append("          output: { type: s3_path, required: true }\n")
                            .append("          threshold: { type: probability, default: 0.").append(v + 4).append(" }\n")
                            .append("          history: { type: months").append(v == 1 ? ", required: true" : ", default: 24").append(" }\n")
                            .append("          mode: { type: enum, values: [fast, full").append(v > 1 ? ", audit" : "").append("], default: fast }\n")
                            .append("          sources: { type: 'list<enum>', values: [noaa, meteomatics] }\n")
                            .append("          limits: { type: 'map<string,int>' }\n")
                            .append("          window:\n            type: struct\n            required: true\n            fields:\n")
                            .append("              start: { type: date, required: true }\n")
                            .append("              days: { type: int, default: 7 }\n")
                            .append("              tags: { type: 'list<string>' }\n");
                    if (v >= 2) y.append("          as_of: { type: timestamp, description: Score as of this instant }\n");
                    if (v == 3) y.append("          weights: { type: 'list<struct>', fields: { name: { type: string, required: true }, weight: { type: float, default: 1.0 } } }\n");
                }
            }
            return Cli.write(dir.resolve("flows.yaml"), y.toString());
        }
    }
}
