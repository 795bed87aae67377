package dev.flowctl.cli;

import dev.flowctl.catalog.CatalogBuilder;
import dev.flowctl.catalog.CatalogModel;
import dev.flowctl.catalog.CatalogSite;
import dev.flowctl.catalog.EnvironmentState;
import dev.flowctl.catalog.PlanReport;
import dev.flowctl.catalog.SiteWriter;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StateHistory;
import dev.flowctl.state.StateVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "catalog", description = {
        "Write a static site of every flow: owners, versions live in each environment, inputs, "
                + "history, and how to call each version.",
        "",
        "Reads flows.yaml and the applied state of every environment it declares (or of -e ENV "
                + "only); a state that cannot be read is shown as unknown, not fatal. Plain HTML, "
                + "CSS and a little JavaScript: open index.html from disk or publish the directory "
                + "on any static host. Writes only into --out; changes no state and no engine."},
        exitCodeList = {
                "0:Written.",
                "1:An error, e.g. --out holds files flowctl did not write there.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        footer = {
                "%nExamples:",
                "  flowctl catalog --out site",
                "      The catalog of flows.yaml here; open site/index.html.",
                "  flowctl plan --format json > plan.json",
                "  flowctl catalog --out site --plan plan.json",
                "      In a pull request: the catalog with what the plan would change."})
final class CatalogCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "Where to write the site: a new or empty directory, or one an earlier catalog wrote.")
    Path out;

    @Option(names = "--plan", paramLabel = "FILE", description = "Show this plan's changes and findings (the output of 'flowctl plan --format json').")
    Path plan;

    @Option(names = "--history", paramLabel = "N", defaultValue = "20",
            description = "Read at most N earlier states per environment for the history (default: ${DEFAULT-VALUE}; 0: none).")
    int history;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "no catalog was written";
    }

    @Override
    public Integer call() {
        if (history < 0) throw new UserError("--history must be 0 or more.");
        Workspace.prefetchState(options);
        Workspace ws = Workspace.load(options);
        if (options.state != null && options.environment == null && !declared(ws.spec).isEmpty()) {
            throw new UserError("--state names one environment's state, and " + options.file + " declares several; add -e ENV to say which,"
                    + " or leave --state out to read every environment's.");
        }
        CatalogModel.PlanSummary planSummary = plan == null ? null : readPlan(plan);
        List<String> names = options.environment != null ? List.of(options.environment)
                : declared(ws.spec).isEmpty() ? java.util.Collections.singletonList(null) : declared(ws.spec);
        FlowsLock lock = FlowsLock.read(ws.spec.baseDir().resolve("flows.lock"));
        // The contracts' descriptors depend on the spec alone: built while the states are read and decoded.
        CompletableFuture<Map<String, ProtoInputs>> protos = CompletableFuture.supplyAsync(() -> ProtoInputs.of(ws.spec, lock));
        List<EnvironmentState> states = new ArrayList<>();
        PrintWriter err = command.commandLine().getErr();
        for (String env : names) {
            EnvironmentState s = read(env == null || env.equals(ws.environment) ? ws : ws.sibling(env), env == null ? "default" : env);
            if (s.problem() != null) err.println("Warning: the state of environment " + s.name() + " could not be read (" + s.problem() + "); the catalog shows it as unknown.");
            states.add(s);
        }
        CatalogModel.Catalog catalog = CatalogBuilder.build(ws.spec, joined(protos), states, planSummary, Instant.now());
        SiteWriter.Written written;
        try {
            written = SiteWriter.write(out, CatalogSite.render(catalog));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        command.commandLine().getOut().println("Wrote the catalog of " + catalog.flows().size() + (catalog.flows().size() == 1 ? " flow" : " flows")
                + " to " + out + " (" + written.written() + " files, " + (written.bytes() + 1023) / 1024 + " KB"
                + (written.removed() > 0 ? "; removed " + written.removed() + " pages of flows that are gone" : "") + "); open " + out.resolve("index.html") + ".");
        return ExitCode.OK;
    }

    private EnvironmentState read(Workspace ws, String name) {
        String location = ws.stateLocation();
        try (StateBackend backend = ws.stateBackend()) {
            StateDocument current = Workspace.readState(backend);
            List<StateDocument> earlier = new ArrayList<>();
            boolean complete = false;
            if (current != null && history > 0 && backend instanceof StateHistory kept) {
                try {
                    List<StateVersion> versions = kept.history(history + 1);
                    // Oldest first; each kept state is read and checked on its own, so both cores decode them.
                    List<StateDocument> read = versions.parallelStream().filter(v -> !v.current()).map(v -> kept.readVersion(v.id()).document()).toList();
                    for (StateDocument d : read) earlier.add(0, d);
                    complete = versions.size() <= history; // fewer than asked for: nothing older is kept
                } catch (RuntimeException e) {
                    earlier.clear(); // no history kept, or a kept version unreadable: the timeline shows the current state only
                }
            }
            return new EnvironmentState(name, location, current, null, earlier, complete);
        } catch (RuntimeException e) { // any reason a state cannot be read (missing bucket, access, another project's state)
            return EnvironmentState.unreadable(name, location, e.getMessage());
        }
    }

    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** The environments flows.yaml declares, preview templates left out (their instances come and go with pull requests). */
    private static List<String> declared(dev.flowctl.spec.Spec spec) {
        return spec.environments().values().stream().filter(e -> !e.template()).map(dev.flowctl.spec.Environment::name).toList();
    }

    private static CatalogModel.PlanSummary readPlan(Path file) {
        try {
            return PlanReport.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError("cannot read --plan " + file + " (" + e.getMessage() + "); write it with 'flowctl plan --format json > " + file + "'.");
        } catch (IllegalArgumentException e) {
            throw new UserError("--plan " + file + " cannot be shown: " + e.getMessage() + "; write it with 'flowctl plan --format json > " + file + "'.");
        }
    }
}
