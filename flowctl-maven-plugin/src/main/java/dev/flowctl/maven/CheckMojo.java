package dev.flowctl.maven;

import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.CodegenException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Fails the build when a generated file is missing, stale, edited by hand or orphaned, or flows.lock is stale. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends CodegenMojo {
    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("flowctl codegen check skipped");
            return;
        }
        List<Codegen.Problem> problems;
        try {
            problems = Codegen.check(request());
        } catch (CodegenException | UncheckedIOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (problems.isEmpty()) {
            getLog().info("flowctl codegen check: generated contracts are current");
            return;
        }
        StringBuilder b = new StringBuilder(problems.size() + " generated file(s) do not match flows.yaml:");
        problems.forEach(p -> b.append("\n  ").append(p.file()).append(": ").append(p.reason().explanation()));
        throw new MojoFailureException(b.toString());
    }
}
