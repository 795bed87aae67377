package dev.flowctl.maven;

import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.CodegenException;
import dev.flowctl.codegen.Language;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Generates the proto contracts and Java stubs of every flow version, and compiles the stubs with the project. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends CodegenMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("flowctl codegen skipped");
            return;
        }
        Codegen.Request request = request();
        try {
            Codegen.Result r = Codegen.generate(request);
            getLog().info("flowctl codegen: " + r.written().size() + " written, " + r.unchanged() + " unchanged, "
                    + r.deleted().size() + " removed" + (r.lockWritten() ? "; flows.lock updated, commit it" : ""));
        } catch (CodegenException | UncheckedIOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (request.languages().contains(Language.JAVA)) {
            project.addCompileSourceRoot(new File(outputDirectory, Language.JAVA.folder()).getAbsolutePath());
        }
    }
}
