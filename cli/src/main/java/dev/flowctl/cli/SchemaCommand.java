package dev.flowctl.cli;

import dev.flowctl.spec.FlowsYamlSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

@Command(name = "schema", description = {
        "Print the JSON Schema of flows.yaml, for editor completion and validation.",
        "",
        "Save it beside flows.yaml:",
        "  flowctl schema > flows.schema.json",
        "and make this the first line of flows.yaml:",
        "  # yaml-language-server: $schema=./flows.schema.json"},
        exitCodeList = {"0:Printed."})
final class SchemaCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(FlowsYamlSchema.text());
        return ExitCode.OK;
    }
}
