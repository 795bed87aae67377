package dev.flowctl.cli;

import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.CodegenException;
import dev.flowctl.codegen.Language;
import dev.flowctl.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "codegen", description = {
        "Generate the contract of every flow version: proto3 files and Java stubs, field numbers pinned in flows.lock.",
        "Writes only files whose content changed. With --check, writes nothing and exits 2 listing every",
        "generated file that is missing, stale, edited by hand or orphaned (and flows.lock if it is stale)."})
final class CodegenCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory, holding proto/ and java/ (default: generated/ beside flows.yaml).")
    Path out;

    @Option(names = "--lang", paramLabel = "LANGS", defaultValue = "proto,java",
            description = "Comma-separated languages to generate: proto, java (default: ${DEFAULT-VALUE}).")
    String languages;

    @Option(names = "--check", description = "Change nothing; exit 2 if generated files or flows.lock do not match flows.yaml.")
    boolean check;

    @Option(names = "--frozen-lock", description = "Fail instead of changing flows.lock (for CI: lock changes arrive by commit).")
    boolean frozenLock;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = Workspace.load(options).spec;
        Path outDir = out != null ? out : spec.baseDir().resolve("generated");
        PrintWriter w = command.commandLine().getOut();
        try {
            Codegen.Request request = new Codegen.Request(spec, outDir, spec.baseDir().resolve("flows.lock"),
                    Language.parse(languages), frozenLock);
            if (check) {
                List<Codegen.Problem> problems = Codegen.check(request);
                if (problems.isEmpty()) {
                    w.printf("Generated contracts in %s and flows.lock match %s.%n", outDir, options.file);
                    return ExitCode.OK;
                }
                w.printf("%d file%s do%s not match %s:%n", problems.size(), problems.size() == 1 ? "" : "s",
                        problems.size() == 1 ? "es" : "", options.file);
                problems.forEach(p -> w.printf("  %s: %s%n", p.file(), p.reason().explanation()));
                return ExitCode.CHANGES;
            }
            Codegen.Result r = Codegen.generate(request);
            int versions = spec.versions().size();
            w.printf("Generated contracts of %d flow version%s in %s: %d written, %d unchanged, %d removed.%n", versions,
                    versions == 1 ? "" : "s", outDir, r.written().size(), r.unchanged(), r.deleted().size());
            r.deleted().forEach(d -> w.printf("  removed %s%n", d));
            if (r.lockWritten()) w.printf("Updated %s; commit it with the generated files.%n", request.lockFile());
            return ExitCode.OK;
        } catch (CodegenException e) {
            throw new UserError(e.getMessage());
        }
    }
}
