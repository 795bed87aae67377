package dev.flowctl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository whose flows.yaml deploys through the command engine into a registry directory
 * (engine/src/test/resources/command/registry.sh), with {@code flows} flows of {@code versions} versions each.
 */
final class CommandEngineRepo {
    final Path dir;
    final Path spec;
    final Path registry;
    final Path state;

    CommandEngineRepo(Path dir, int flows, int versions, String extraEnv) {
        this.dir = dir;
        this.registry = dir.resolve("registry");
        this.state = dir.resolve(".flowctl/state.json");
        // The engine module's test "engine"; tests run in the module directory.
        String script = Path.of("..", "engine", "src", "test", "resources", "command", "registry.sh").toAbsolutePath().normalize().toString();
        StringBuilder yaml = new StringBuilder("""
                project: scale
                engine:
                  type: command
                  deploy: sh %1$s deploy {source}
                  delete: sh %1$s delete
                  list: sh %1$s list {project}
                  env: { REGISTRY: '%2$s'%3$s }
                flows:
                """.formatted(script, registry, extraEnv.isEmpty() ? "" : ", " + extraEnv));
        for (int f = 0; f < flows; f++) {
            String flow = flowName(f);
            Cli.write(dir.resolve("flows/" + flow + ".py"), "print('" + flow + "')\n");
            yaml.append("  ").append(flow).append(":\n    source: flows/").append(flow).append(".py\n    versions:\n");
            for (int v = 1; v <= versions; v++) {
                yaml.append("      v").append(v).append(":\n        inputs:\n          fleet_id: { type: string, required: true }\n");
            }
        }
        this.spec = Cli.write(dir.resolve("flows.yaml"), yaml.toString());
    }

    static String flowName(int i) {
        return "flow" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
    }

    List<String> addresses(int flows, int versions) {
        List<String> all = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            for (int v = 1; v <= versions; v++) all.add(flowName(f) + "@v" + v);
        }
        return all;
    }
}
