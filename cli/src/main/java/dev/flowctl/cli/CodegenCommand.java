package dev.flowctl.cli;

import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.Language;
import dev.flowctl.spec.IncludedFiles;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "codegen", description = {
        "Generate the contract of every flow version: proto3 files, Java stubs and, with --lang python, Python "
                + "modules.",
        "",
        "Field and enum numbers are pinned by name in flows.lock, beside flows.yaml: reordering inputs changes "
                + "no number, and a removed input's number becomes reserved and is never reused. Output is the same "
                + "bytes on every run; only files whose content changed are written, and the files of a version "
                + "removed from flows.yaml are deleted.",
        "",
        "With --check nothing is written: it lists every generated file that is missing, stale, edited by hand "
                + "or orphaned, and flows.lock if it is stale.",
        "",
        "Codegen never follows a symbolic link, refuses a flows.lock that lost numbers the generated .proto "
                + "files already published (restore it with git), and removes only this project's generated files "
                + "from a shared --out."},
        exitCodeList = {
                "0:Generated, or already current; with --check, everything matches.",
                "1:An error: a problem in flows.yaml, an unknown --lang, flows.lock would change under --frozen-lock "
                        + "or lost published numbers, or a symbolic link where codegen writes.",
                "2:With --check: a generated file or flows.lock does not match flows.yaml.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        footer = {
                "%nExamples:",
                "  flowctl codegen",
                "      Write generated/proto/, generated/java/ and flows.lock beside flows.yaml;",
                "      commit them with the change to flows.yaml.",
                "  flowctl codegen --check",
                "      In CI: exit 2 if someone edited a generated file or forgot to run codegen.",
                "  flowctl codegen --lang proto --out contracts",
                "      Only the .proto files, under contracts/proto/.",
                "  flowctl codegen --lang proto,java,python",
                "      Also generated/python/: a typed, checked module per flow version.",
                "  flowctl codegen --check --target 'fleet_*'",
                "      Check only the contracts of the fleet_* flows (a team's own CI)."})
final class CodegenCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    SpecFileOptions options;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory, holding proto/, java/ and python/ (default: generated/ beside flows.yaml).")
    Path out;

    @Option(names = "--lang", paramLabel = "LANGS", defaultValue = "proto,java",
            description = "Languages to generate, comma-separated: proto, java, python (default: proto,java).")
    String languages;

    @Option(names = "--check", description = "Write nothing; exit 2 if flows.lock or a generated file does not match flows.yaml.")
    boolean check;

    @Option(names = "--frozen-lock", description = "Fail instead of changing flows.lock (in CI, where lock changes must arrive by commit).")
    boolean frozenLock;

    @Mixin
    TargetOptions targets;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "no files were written";
    }

    @Override
    public Integer call() {
        Set<Language> langs = Language.parse(languages);
        dev.flowctl.spec.Targets selection = targets.get();
        String text = SpecParser.read(options.file);
        // A spec that may include team files is parsed first: its own text does not say whether one of them changed.
        Spec included = IncludedFiles.mayInclude(text) ? SpecParser.parse(options.file, text) : null;
        String digest = Codegen.specDigest(included == null ? text : included.includes().appendedTo(text));
        Path base = options.file.toAbsolutePath().normalize().getParent(); // as the parser's Spec.baseDir()
        Path outDir = out != null ? out : base.resolve("generated");
        Path lockFile = base.resolve("flows.lock");
        PrintWriter w = command.commandLine().getOut();
        if (!check && selection.all()) {
            // The same flows.yaml text, flows.lock and files as the last run left them: nothing to parse or render.
            Optional<Codegen.Unchanged> same = Codegen.unchanged(outDir, lockFile, langs, digest);
            if (same.isPresent()) {
                printGenerated(w, same.get().versions(), outDir, 0, same.get().files(), 0);
                return ExitCode.OK;
            }
        }
        Spec spec = included != null ? included : SpecParser.parse(options.file, text);
        Codegen.Request request = new Codegen.Request(spec, outDir, lockFile, langs, frozenLock, digest);
        java.util.function.Predicate<dev.flowctl.spec.FlowVersionAddress> selected = null;
        if (!selection.all()) {
            selection.requireMatches(spec.versions().stream().map(dev.flowctl.spec.VersionSpec::address).toList(), options.file.getFileName().toString());
            selected = selection::matches;
            long n = spec.versions().stream().filter(v -> selection.matches(v.address())).count();
            w.printf("Partial codegen (%s): only the contracts of %d of %d flow versions; other versions' files are neither %s.%n",
                    selection.describe(), n, spec.versions().size(), check ? "checked nor looked for as orphans" : "written nor removed");
        }
        if (check) {
            List<Codegen.Problem> problems = Codegen.check(request, selected);
            if (problems.isEmpty()) {
                w.printf("Generated contracts in %s and flows.lock match %s.%n", outDir, options.file);
                return ExitCode.OK;
            }
            w.printf("%d file%s do%s not match %s:%n", problems.size(), problems.size() == 1 ? "" : "s",
                    problems.size() == 1 ? "es" : "", options.file);
            problems.forEach(p -> w.printf("  %s: %s%n", p.file(), p.reason().explanation()));
            return ExitCode.CHANGES;
        }
        Codegen.Result r = Codegen.generate(request, selected);
        printGenerated(w, (int) spec.versions().stream().filter(v -> selection.matches(v.address())).count(), outDir, r.written().size(), r.unchanged(), r.deleted().size());
        r.deleted().forEach(d -> w.printf("  removed %s%n", d));
        if (r.lockWritten()) w.printf("Updated %s; commit it with the generated files.%n", request.lockFile());
        return ExitCode.OK;
    }

    private static void printGenerated(PrintWriter w, int versions, Path outDir, int written, int unchanged, int deleted) {
        w.printf("Generated contracts of %d flow version%s in %s: %d written, %d unchanged, %d removed.%n", versions,
                versions == 1 ? "" : "s", outDir, written, unchanged, deleted);
    }
}
