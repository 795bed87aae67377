import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic flows.yaml of N flows x V versions x I inputs, with one source file per
 * version, for plan benchmarks. Usage: java GenerateSpec.java DIR FLOWS VERSIONS INPUTS
 */
public class GenerateSpec {
    private static final String[] TYPES = {"string", "int", "float", "bool", "date", "list<string>", "map<string,int>", "s3_path"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int flows = Integer.parseInt(args[1]);
        int versions = Integer.parseInt(args[2]);
        int inputs = Integer.parseInt(args[3]);
        Files.createDirectories(dir.resolve("flows"));
        try (Writer w = Files.newBufferedWriter(dir.resolve("flows.yaml"))) {
            w.write("project: bench\ncompatibility: backward\ntypes:\n  s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$' }\nflows:\n");
            for (int f = 0; f < flows; f++) {
                w.write("  flow_" + f + ":\n    owner: team_" + (f % 17) + "\n    versions:\n");
                for (int v = 1; v <= versions; v++) {
                    String source = "flows/flow_" + f + "_v" + v + ".py";
                    Files.writeString(dir.resolve(source), "# flow " + f + " version " + v + "\nprint('run')\n");
                    w.write("      v" + v + ":\n        source: " + source + "\n        inputs:\n");
                    for (int i = 0; i < inputs; i++) {
                        String type = TYPES[(f + i) % TYPES.length];
                        boolean required = i % 3 == 0;
                        w.write("          input_" + i + ": { type: '" + type + "'" + (required ? ", required: true" : "")
                                + (!required && type.equals("int") ? ", default: " + i : "")
                                + (i % 5 == 0 ? ", description: Input number " + i : "") + " }\n");
                    }
                    w.write("          mode: { type: enum, values: [fast, full], default: fast }\n");
                }
            }
        }
    }
}
