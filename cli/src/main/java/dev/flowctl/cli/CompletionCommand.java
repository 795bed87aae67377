package dev.flowctl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "completion", description = {
        "Print a shell completion script for bash or zsh.",
        "",
        "bash:  source <(flowctl completion bash)   (in ~/.bashrc)",
        "zsh:   source <(flowctl completion zsh)    (in ~/.zshrc)",
        "Or once for all users: flowctl completion bash > /etc/bash_completion.d/flowctl"},
        exitCodeList = {
                "0:Printed.",
                "1:An unknown shell."})
final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash or zsh.")
    String shell;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public Integer call() {
        if (!"bash".equals(shell) && !"zsh".equals(shell)) {
            throw new UserError("no completion for shell '" + shell + "'; use bash or zsh.");
        }
        // picocli's script serves both: under zsh it loads bashcompinit itself.
        String script = AutoComplete.bash("flowctl", command.root().commandLine());
        command.commandLine().getOut().print(script);
        return ExitCode.OK;
    }

    /** The shells with a completion script. */
    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("bash", "zsh").iterator();
        }
    }
}
