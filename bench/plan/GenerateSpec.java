import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic flows.yaml of N flows x V versions x I inputs (plus an enum input `mode`), with
 * one source file per version, for plan and codegen benchmarks.
 * Usage: java GenerateSpec.java DIR FLOWS VERSIONS INPUTS [all-types]
 * With {@code all-types} the inputs cycle through every input kind codegen renders (timestamp, enum,
 * list of enum, nested structs, list of struct, map, constrained named types) instead of the plan mix;
 * without it the output is what it always was.
 */
public class GenerateSpec {
    private static final String[] TYPES = {"string", "int", "float", "bool", "date", "list<string>", "map<string,int>", "s3_path"};
    private static final String[] ALL_TYPES = {"string", "int", "float", "bool", "date", "timestamp", "enum", "list<enum>",
            "struct", "list<string>", "map<string,int>", "list<struct>", "s3_path", "probability"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int flows = Integer.parseInt(args[1]);
        int versions = Integer.parseInt(args[2]);
        int inputs = Integer.parseInt(args[3]);
        boolean allTypes = args.length > 4 && args[4].equals("all-types");
        Files.createDirectories(dir.resolve("flows"));
        try (Writer w = Files.newBufferedWriter(dir.resolve("flows.yaml"))) {
            w.write("project: bench\ncompatibility: backward\ntypes:\n  s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$' }\n");
            if (allTypes) w.write("  probability: { base: float, min: 0, max: 1 }\n");
            w.write("flows:\n");
            for (int f = 0; f < flows; f++) {
                w.write("  flow_" + f + ":\n    owner: team_" + (f % 17) + "\n    versions:\n");
                for (int v = 1; v <= versions; v++) {
                    String source = "flows/flow_" + f + "_v" + v + ".py";
                    Files.writeString(dir.resolve(source), "# flow " + f + " version " + v + "\nprint('run')\n");
                    w.write("      v" + v + ":\n        source: " + source + "\n        inputs:\n");
                    for (int i = 0; i < inputs; i++) {
                        if (allTypes) {
                            w.write("          input_" + i + ": " + anyType(ALL_TYPES[(f + i) % ALL_TYPES.length], i) + "\n");
                            continue;
                        }
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

    /** One input of the given kind; every third is required, every fifth described, optional ones get defaults where natural. */
    private static String anyType(String type, int i) {
        boolean required = i % 3 == 0;
        String common = (required ? ", required: true" : "") + (i % 5 == 0 ? ", description: Input number " + i : "");
        return switch (type) {
            case "enum" -> "{ type: enum, values: [low, medium, high]" + (required ? "" : ", default: medium") + common + " }";
            case "list<enum>" -> "{ type: 'list<enum>', values: [noaa, meteomatics, openweather]" + common + " }";
            case "struct" -> "{ type: struct" + common + ", fields: { start: { type: date, required: true },"
                    + " days: { type: int, default: 7 }, tags: { type: 'list<string>' },"
                    + " window: { type: struct, fields: { from: { type: timestamp }, unit: { type: enum, values: [hour, day] } } } } }";
            case "list<struct>" -> "{ type: 'list<struct>'" + common + ", fields: { name: { type: string, required: true },"
                    + " weight: { type: float, default: 1.0 } } }";
            case "int" -> "{ type: int" + (required ? "" : ", default: " + i) + common + " }";
            case "probability" -> "{ type: probability" + (required ? "" : ", default: 0.5") + common + " }";
            default -> "{ type: '" + type + "'" + common + " }";
        };
    }
}
