package dev.flowctl.catalog;

import static dev.flowctl.catalog.Html.esc;

import dev.flowctl.catalog.CatalogModel.Calls;
import dev.flowctl.catalog.CatalogModel.Catalog;
import dev.flowctl.catalog.CatalogModel.Deployment;
import dev.flowctl.catalog.CatalogModel.EnvironmentStatus;
import dev.flowctl.catalog.CatalogModel.Flow;
import dev.flowctl.catalog.CatalogModel.InputRow;
import dev.flowctl.catalog.CatalogModel.PlanFinding;
import dev.flowctl.catalog.CatalogModel.TimelineEvent;
import dev.flowctl.catalog.CatalogModel.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalog as a static site: index.html, one page per flow under flows/, and assets/ (CSS and a
 * little vanilla JS for the search box and copy buttons). Relative links only, nothing fetched from
 * elsewhere, so it works from file:// and from any static host. Renders; {@link SiteWriter} writes.
 */
public final class CatalogSite {
    private CatalogSite() {
    }

    /** Every file of the site by its path under the output directory, in writing order. */
    public static Map<String, String> render(Catalog c) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("assets/catalog.css", resource("catalog.css"));
        files.put("assets/catalog.js", resource("catalog.js"));
        files.put("index.html", index(c));
        // The flow pages are independent of each other: rendered on every core, written in name order.
        List<String> pages = c.flows().parallelStream().map(f -> flowPage(c, f)).toList();
        for (int i = 0; i < pages.size(); i++) files.put("flows/" + c.flows().get(i).name() + ".html", pages.get(i));
        return files;
    }

    private static String index(Catalog c) {
        StringBuilder b = new StringBuilder(8192 + c.flows().size() * 400);
        head(b, c.project() + " flows", "");
        b.append("<header><h1>").append(esc(c.project())).append(" flows</h1>\n");
        generated(b, c);
        b.append("</header>\n<main id=\"main\">\n");
        environments(b, c);
        plan(b, c);
        b.append("<section aria-labelledby=\"flows-h\"><h2 id=\"flows-h\">Flows</h2>\n")
                .append("<label for=\"search\">Search flows</label> <input id=\"search\" type=\"search\" autocomplete=\"off\" ")
                .append("placeholder=\"name, owner, description, version\" aria-controls=\"flow-table\">\n")
                .append("<p id=\"search-count\" role=\"status\" aria-live=\"polite\">").append(c.flows().size()).append(c.flows().size() == 1 ? " flow" : " flows").append("</p>\n")
                .append("<div class=\"scroll\"><table id=\"flow-table\"><thead><tr><th scope=\"col\">Flow</th><th scope=\"col\">Owner</th><th scope=\"col\">Description</th>");
        for (EnvironmentStatus e : c.environments()) b.append("<th scope=\"col\">Live in ").append(esc(e.name())).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (Flow f : c.flows()) {
            String search = (f.name() + " " + nz(f.owner()) + " " + nz(f.description()) + " "
                    + (f.versions().stream().anyMatch(v -> v.deprecation() != null) ? "deprecated " : "")
                    + f.versions().stream().map(Version::name).collect(Collectors.joining(" "))).toLowerCase(Locale.ROOT);
            b.append("<tr data-search=\"").append(esc(search)).append("\"><th scope=\"row\"><a href=\"flows/").append(esc(f.name())).append(".html\">")
                    .append(esc(f.name())).append("</a>");
            if (f.versions().stream().noneMatch(Version::inSpec)) b.append(" <span class=\"badge gone\">removed from flows.yaml</span>");
            List<String> deprecated = f.versions().stream().filter(v -> v.deprecation() != null).map(Version::name).toList();
            if (!deprecated.isEmpty()) b.append(" <span class=\"badge gone\">deprecated: ").append(esc(String.join(", ", deprecated))).append("</span>");
            b.append("</th><td>").append(esc(nz(f.owner()))).append("</td><td>").append(esc(nz(f.description()))).append("</td>");
            for (EnvironmentStatus e : c.environments()) {
                b.append("<td>");
                if (!e.readable()) {
                    b.append("<span class=\"unknown\">unknown</span>");
                } else {
                    List<String> live = f.liveIn(e.name());
                    b.append(live.isEmpty() ? "<span class=\"none\">none</span>" : esc(String.join(", ", live)));
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n<p id=\"no-match\" hidden>No flow matches.</p>\n</section>\n</main>\n");
        return tail(b, "");
    }

    private static String flowPage(Catalog c, Flow f) {
        StringBuilder b = new StringBuilder(16384);
        head(b, f.name() + " — " + c.project() + " flows", "../");
        b.append("<header><nav aria-label=\"Breadcrumb\"><a href=\"../index.html\">").append(esc(c.project())).append(" flows</a> / </nav>\n")
                .append("<h1>").append(esc(f.name())).append("</h1>\n");
        if (f.description() != null) b.append("<p class=\"lead\">").append(esc(f.description())).append("</p>\n");
        b.append("<dl class=\"facts\"><dt>Owner</dt><dd>").append(esc(f.owner() == null ? "not given" : f.owner())).append("</dd>")
                .append("<dt>Compatibility</dt><dd><code>").append(esc(f.compatibility())).append("</code> — ").append(compatibilityWords(f.compatibility()))
                .append("</dd><dt>Versions</dt><dd>").append(f.versions().stream().map(v -> "<a href=\"#" + esc(v.name()) + "\">" + esc(v.name()) + "</a>")
                        .collect(Collectors.joining(", "))).append("</dd></dl>\n");
        generated(b, c);
        b.append("</header>\n<main id=\"main\">\n");
        // Live versions per environment
        b.append("<section aria-labelledby=\"live-h\"><h2 id=\"live-h\">Live versions</h2>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Environment</th><th scope=\"col\">Versions</th></tr></thead><tbody>\n");
        for (EnvironmentStatus e : c.environments()) {
            b.append("<tr><th scope=\"row\">").append(esc(e.name())).append("</th><td>");
            if (!e.readable()) {
                b.append("<span class=\"unknown\">unknown: ").append(esc(e.problem())).append("</span>");
            } else {
                List<String> live = f.liveIn(e.name());
                b.append(live.isEmpty() ? "none" : live.stream().map(v -> "<a href=\"#" + esc(v) + "\">" + esc(v) + "</a>").collect(Collectors.joining(", ")));
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
        if (!f.findings().isEmpty()) {
            b.append("<section aria-labelledby=\"plan-h\" class=\"plan\"><h2 id=\"plan-h\">In the plan").append(c.plan().environment() == null ? ""
                    : " for " + esc(c.plan().environment())).append("</h2><ul>\n");
            for (PlanFinding p : f.findings()) {
                b.append("<li><strong>").append(esc(p.version())).append("</strong>: ").append(esc(p.action())).append(p.blocked() ? " <span class=\"badge bad\">blocked</span>" : "");
                if (!p.messages().isEmpty()) b.append("<ul>").append(p.messages().stream().map(m -> "<li>" + esc(m) + "</li>").collect(Collectors.joining())).append("</ul>");
                b.append("</li>\n");
            }
            b.append("</ul></section>\n");
        }
        timeline(b, c, f);
        for (Version v : f.versions()) version(b, v);
        b.append("</main>\n");
        return tail(b, "../");
    }

    private static void timeline(StringBuilder b, Catalog c, Flow f) {
        b.append("<section aria-labelledby=\"history-h\"><h2 id=\"history-h\">History</h2>\n");
        if (f.timeline().isEmpty()) {
            b.append("<p>No environment records a deployment of this flow yet.</p></section>\n");
            return;
        }
        b.append(TimelineSvg.render(f.name(), f.timeline(), c.environments().stream().filter(EnvironmentStatus::readable).toList()))
                .append("\n<details><summary>History as a table</summary><div class=\"scroll\"><table><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Environment</th>")
                .append("<th scope=\"col\">Version</th><th scope=\"col\">What</th></tr></thead><tbody>\n");
        for (TimelineEvent e : f.timeline()) {
            b.append("<tr><td>").append(e.at() == null ? "unknown" : esc(TimelineSvg.MINUTE.format(e.at()))).append("</td><td>").append(esc(e.environment()))
                    .append("</td><td>").append(esc(e.version())).append("</td><td>").append(eventWords(e.kind())).append("</td></tr>\n");
        }
        b.append("</tbody></table></div></details></section>\n");
    }

    private static void version(StringBuilder b, Version v) {
        b.append("<section class=\"version\" aria-labelledby=\"").append(esc(v.name())).append("\"><h2 id=\"").append(esc(v.name())).append("\">")
                .append(esc(v.address())).append("</h2>\n");
        if (!v.inSpec()) b.append("<p class=\"badge gone\">Not in flows.yaml any more: the next apply deletes it, and its name is retired.</p>\n");
        if (v.deprecation() != null) b.append("<p class=\"deprecated\"><strong>Deprecated</strong>: ").append(esc(v.deprecation())).append(".</p>\n");
        if (!v.changes().isEmpty()) {
            b.append("<h3>Changes from the version before</h3><ul class=\"changes\">")
                    .append(v.changes().stream().map(ch -> "<li>" + esc(ch) + "</li>").collect(Collectors.joining())).append("</ul>\n");
        }
        b.append("<h3>Inputs</h3>\n");
        if (v.inputs().isEmpty()) {
            b.append("<p>None.</p>\n");
        } else {
            b.append("<div class=\"scroll\"><table class=\"inputs\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Type</th><th scope=\"col\">Required / default</th>")
                    .append("<th scope=\"col\">Constraints</th><th scope=\"col\">Description</th></tr></thead><tbody>\n");
            for (InputRow r : v.inputs()) {
                b.append("<tr><th scope=\"row\" class=\"d").append(Math.min(r.depth(), 4)).append("\"><code>").append(esc(r.path())).append("</code></th><td><code>")
                        .append(esc(r.type())).append("</code></td><td>").append(r.required() ? "required" : r.defaultValue() == null ? "optional"
                                : "default <code>" + esc(r.defaultValue()) + "</code>").append("</td><td>").append(esc(r.constraints())).append("</td><td>")
                        .append(esc(nz(r.description()))).append("</td></tr>\n");
            }
            b.append("</tbody></table></div>\n");
        }
        b.append("<h3>Deployments</h3>\n");
        if (v.deployments().isEmpty()) {
            b.append("<p>Not deployed in any environment the catalog read.</p>\n");
        } else {
            b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Environment</th><th scope=\"col\">Engine</th><th scope=\"col\">Reference</th>")
                    .append("<th scope=\"col\">Deployed (UTC)</th></tr></thead><tbody>\n");
            for (Deployment d : v.deployments()) {
                b.append("<tr><th scope=\"row\">").append(esc(d.environment())).append("</th><td>").append(esc(d.engineType())).append("</td><td><code>")
                        .append(esc(d.engineRef())).append("</code>");
                if (d.consoleUrl() != null) b.append(" <a href=\"").append(esc(d.consoleUrl())).append("\" rel=\"noopener\">console</a>");
                b.append("</td><td>").append(d.deployedAt() == null ? "unknown" : esc(TimelineSvg.MINUTE.format(d.deployedAt()))).append("</td></tr>\n");
            }
            b.append("</tbody></table></div>\n");
        }
        b.append("<h3>Call it</h3>\n");
        if (v.example() == null) {
            b.append("<p>No example input: ").append(esc(v.exampleProblem())).append("</p>\n");
        } else {
            b.append("<p>An input this version accepts:</p>\n");
            code(b, "json", v.example(), v.address());
        }
        Calls calls = v.calls();
        if (calls != null) {
            b.append("<p>Through <code>flowctl serve</code> (service <code>").append(esc(calls.service())).append("</code>):</p>\n");
            b.append("<h4>grpcurl</h4>\n");
            code(b, "shell", calls.grpcurl(), null);
            b.append("<h4>Java</h4>\n");
            code(b, "java", calls.java(), null);
            b.append("<h4>Python</h4>\n");
            code(b, "python", calls.python(), null);
            b.append("<h4>flowctl</h4>\n");
            code(b, "shell", calls.cli(), null);
        } else if (!v.inSpec()) {
            b.append("<p>No contract is generated for a version that is not in flows.yaml.</p>\n");
        }
        b.append("</section>\n");
    }

    private static void code(StringBuilder b, String language, String text, String exampleFor) {
        b.append("<div class=\"code\"><pre><code class=\"language-").append(language).append('"');
        if (exampleFor != null) b.append(" data-example-for=\"").append(esc(exampleFor)).append('"');
        b.append('>').append(esc(text)).append("</code></pre><button type=\"button\" class=\"copy\">Copy</button></div>\n");
    }

    private static void environments(StringBuilder b, Catalog c) {
        b.append("<section aria-labelledby=\"env-h\"><h2 id=\"env-h\">Environments</h2><ul class=\"envs\">\n");
        for (EnvironmentStatus e : c.environments()) {
            b.append("<li><strong>").append(esc(e.name())).append("</strong> — <code>").append(esc(e.location())).append("</code>: ");
            if (!e.readable()) {
                b.append("<span class=\"unknown\">state could not be read: ").append(esc(e.problem())).append("</span>");
            } else if (e.serial() == 0) {
                b.append("nothing applied yet");
            } else {
                b.append(e.deployed()).append(e.deployed() == 1 ? " version" : " versions").append(" deployed (state serial ").append(e.serial()).append(')');
            }
            b.append("</li>\n");
        }
        b.append("</ul></section>\n");
    }

    private static void plan(StringBuilder b, Catalog c) {
        if (c.plan() == null) return;
        b.append("<section aria-labelledby=\"plan-h\" class=\"plan\"><h2 id=\"plan-h\">Plan").append(c.plan().environment() == null ? "" : " for " + esc(c.plan().environment()))
                .append("</h2><p>").append(c.plan().blocked() ? "<span class=\"badge bad\">blocked</span> " : "").append(esc(c.plan().summary())).append("</p>");
        if (!c.plan().byAddress().isEmpty()) {
            b.append("<ul>");
            c.plan().byAddress().forEach((address, p) -> b.append("<li><a href=\"flows/").append(esc(address.substring(0, address.indexOf('@')))).append(".html#")
                    .append(esc(p.version())).append("\">").append(esc(address)).append("</a>: ").append(esc(p.action())).append(p.blocked() ? " (blocked)" : "").append("</li>"));
            b.append("</ul>");
        }
        b.append("</section>\n");
    }

    private static void generated(StringBuilder b, Catalog c) {
        b.append("<p class=\"generated\">Generated by flowctl catalog at ").append(esc(TimelineSvg.MINUTE.format(c.generatedAt()))).append(".</p>\n");
    }

    private static void head(StringBuilder b, String title, String root) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n<title>").append(esc(title)).append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(root).append("assets/catalog.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
    }

    private static String tail(StringBuilder b, String root) {
        return b.append("<script src=\"").append(root).append("assets/catalog.js\"></script>\n</body>\n</html>\n").toString();
    }

    private static String compatibilityWords(String mode) {
        return switch (mode) {
            case "backward" -> "every call that worked against a deployed version keeps working";
            case "forward" -> "a caller built against a newer schema still works against the deployed version";
            case "full" -> "both backward and forward";
            case "none" -> "changes are not checked";
            default -> "";
        };
    }

    private static String eventWords(TimelineEvent.Kind kind) {
        return switch (kind) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case DELETED -> "deleted (name retired)";
            case DEPLOYED -> "deployed (before the kept history)";
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String resource(String name) {
        try (InputStream in = CatalogSite.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("catalog resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
