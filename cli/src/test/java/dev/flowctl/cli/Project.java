package dev.flowctl.cli;

import java.nio.file.Path;

/** A small flows.yaml project on disk, with helpers to change it the way a user would. */
final class Project {
    static final String V1 = """
            project: demo
            engine: { type: local }
            flows:
              scoring:
                owner: pricing
                source: flows/scoring.py
                versions:
                  v1:
                    inputs:
                      fleet_id: { type: string, required: true }
                      months:   { type: int, default: 24 }
            """;

    final Path dir;
    final Path flows;

    Project(Path dir) {
        this.dir = dir;
        this.flows = dir.resolve("flows.yaml");
        Cli.write(dir.resolve("flows/scoring.py"), "print('score v1')\n");
        Cli.write(flows, V1);
    }

    String file() {
        return flows.toString();
    }

    /** A safe change: v1 gains an optional input, and v2 is published beside it. */
    Project addOptionalInputAndV2() {
        Cli.write(flows, V1.replace("      months:   { type: int, default: 24 }\n",
                "      months:   { type: int, default: 24 }\n          region:   { type: string }\n")
                + """
                      v2:
                        inputs:
                          fleet_id: { type: string, required: true }
                """);
        return this;
    }

    /** A breaking change: v1 gains a required input its callers do not send. */
    Project addRequiredInput() {
        Cli.write(flows, V1.replace("      months:   { type: int, default: 24 }\n",
                "      months:   { type: int, default: 24 }\n          region:   { type: string, required: true }\n"));
        return this;
    }

    Project editSource() {
        Cli.write(dir.resolve("flows/scoring.py"), "print('score v1, faster')\n");
        return this;
    }

    Cli.Result run(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-f";
        all[args.length + 1] = file();
        all[args.length + 2] = "--no-color";
        return Cli.run(all);
    }
}
