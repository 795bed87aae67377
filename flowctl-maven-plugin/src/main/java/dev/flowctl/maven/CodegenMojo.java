package dev.flowctl.maven;

import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.CodegenException;
import dev.flowctl.codegen.Language;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecException;
import dev.flowctl.spec.SpecParser;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the generate and check goals share: where flows.yaml, flows.lock and the output are. */
abstract class CodegenMojo extends AbstractMojo {
    /** The flows.yaml to read. */
    @Parameter(property = "flowctl.file", defaultValue = "${project.basedir}/flows.yaml")
    File file;

    /** flows.lock; by default beside flows.yaml. */
    @Parameter(property = "flowctl.lock")
    File lockFile;

    /** Where proto/, java/ and python/ are written. */
    @Parameter(property = "flowctl.out", defaultValue = "${project.build.directory}/generated-sources/flowctl")
    File outputDirectory;

    /** Comma-separated: proto, java, python. */
    @Parameter(property = "flowctl.lang", defaultValue = "proto,java")
    String languages;

    /** Fail instead of updating flows.lock: set it in CI, so lock changes only arrive by commit. */
    @Parameter(property = "flowctl.frozenLock", defaultValue = "false")
    boolean frozenLock;

    /** Skip this goal. */
    @Parameter(property = "flowctl.skip", defaultValue = "false")
    boolean skip;

    Codegen.Request request() throws MojoFailureException {
        try {
            Spec spec = SpecParser.parse(file.toPath());
            File lock = lockFile != null ? lockFile : new File(file.getAbsoluteFile().getParentFile(), "flows.lock");
            return new Codegen.Request(spec, outputDirectory.toPath(), lock.toPath(), Language.parse(languages), frozenLock);
        } catch (SpecException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (CodegenException | UncheckedIOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
