import dev.flowctl.compat.check.CompatibilityChecker;
import dev.flowctl.compat.Finding;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.plan.DesiredState;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.Planner;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks 3,000 flow versions x 20 inputs against state: every version's schema changed since its
 * deployment (so every version is checked), and each has two schemas in its history (so the
 * transitive check runs too). Prints cold and warm timings of (1) the checker alone on parsed
 * schemas, (2) reading the recorded schemas from state JSON plus checking them, and (3) a whole
 * Planner.plan (which also hashes each version's source file).
 */
public final class CompatBench {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    static final int FLOWS = 100;
    static final int VERSIONS_PER_FLOW = 30;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("compat-bench");
        Files.writeString(dir.resolve("flow.py"), "print('bench')\n");
        Spec desired = SpecParser.parse(dir.resolve("flows.yaml"), flowsYaml(false));
        Spec deployed = SpecParser.parse(dir.resolve("flows.yaml"), flowsYaml(true));
        StateDocument state = state(desired, deployed);
        List<VersionSpec> versions = desired.versions();
        List<VersionSpec> old = deployed.versions();
        int inputs = versions.stream().mapToInt(v -> v.inputs().size()).sum();
        System.out.printf("%d flow versions, %d inputs (%d per version), %d rounds%n", versions.size(), inputs,
                inputs / versions.size(), rounds);

        CompatibilityChecker checker = new CompatibilityChecker();
        Planner planner = new Planner(checker);
        long[] check = new long[rounds];
        long[] stateCheck = new long[rounds];
        long[] plan = new long[rounds];
        long[] checkCpu = new long[rounds];
        long[] stateCheckCpu = new long[rounds];
        long[] planCpu = new long[rounds];
        int findings = 0;
        for (int r = 0; r < rounds; r++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = 0;
            for (int i = 0; i < versions.size(); i++) {
                n += checker.check(old.get(i).inputs(), versions.get(i).inputs(), CompatibilityMode.BACKWARD).size();
            }
            long t1 = System.nanoTime();
            long c1 = CPU.getCurrentThreadCpuTime();
            for (VersionSpec v : versions) {
                DeployedVersion d = state.versions().get(v.address().toString());
                for (CanonicalJson s : d.schemaHistory()) {
                    List<Finding> f = checker.check(SchemaJson.fromJson(s.tree()), v.inputs(), CompatibilityMode.BACKWARD);
                    n += f.size();
                }
            }
            long t2 = System.nanoTime();
            long c2 = CPU.getCurrentThreadCpuTime();
            Plan p = planner.plan(desired, null, state);
            long t3 = System.nanoTime();
            long c3 = CPU.getCurrentThreadCpuTime();
            checkCpu[r] = c1 - c0;
            stateCheckCpu[r] = c2 - c1;
            planCpu[r] = c3 - c2;
            check[r] = t1 - t0;
            stateCheck[r] = t2 - t1;
            plan[r] = t3 - t2;
            findings = n + p.violations().size();
        }
        System.out.println("wall clock:");
        report("checker only (3,000 parsed schema pairs)", check);
        report("state JSON -> schema + check, incl. history (6,000 checks)", stateCheck);
        report("Planner.plan, whole (hashing + checks + transitive)", plan);
        System.out.println("CPU time of the benchmark thread (less sensitive to other load on the machine):");
        report("checker only (3,000 parsed schema pairs)", checkCpu);
        report("state JSON -> schema + check, incl. history (6,000 checks)", stateCheckCpu);
        report("Planner.plan, whole (hashing + checks + transitive)", planCpu);
        System.out.println("(findings per round, to keep the work observable: " + findings + ")");
    }

    static void report(String what, long[] nanos) {
        long[] ms = Arrays.stream(nanos).map(n -> n / 100_000).toArray(); // tenths of a millisecond
        long[] warm = Arrays.copyOfRange(ms, Math.min(5, ms.length - 1), ms.length);
        Arrays.sort(warm);
        System.out.printf("%-62s cold %7.1f ms | warm median %6.1f ms, min %6.1f ms%n", what, ms[0] / 10.0,
                warm[warm.length / 2] / 10.0, warm[0] / 10.0);
    }

    /** 100 flows x 30 versions x 20 inputs; {@code deployed} is the same with a handful of safe and breaking differences. */
    static String flowsYaml(boolean deployed) {
        StringBuilder y = new StringBuilder("project: bench\ncompatibility: backward\n")
                .append("types:\n  s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$' }\n")
                .append("  months_t: { base: int, min: 1, max: ").append(deployed ? 240 : 120).append(" }\n")
                .append("flows:\n");
        for (int f = 0; f < FLOWS; f++) {
            y.append("  flow_").append(f).append(":\n    source: flow.py\n    versions:\n");
            for (int v = 1; v <= VERSIONS_PER_FLOW; v++) {
                y.append("      v").append(v).append(":\n        inputs:\n");
                y.append("          fleet_id: { type: string, required: true }\n");
                y.append("          months: { type: months_t, default: ").append(deployed ? 24 : 12).append(" }\n");
                y.append("          output: { type: s3_path, required: true }\n");
                y.append("          mode: { type: enum, values: [").append(deployed ? "fast, full" : "fast, full, debug").append("], default: fast }\n");
                y.append("          tags: { type: 'list<string>' }\n");
                y.append("          weights: { type: 'map<string,float>' }\n");
                y.append("          window: { type: struct, fields: { start: { type: date, required: true }, end: { type: date }")
                        .append(deployed ? "" : ", tz: { type: string }").append(" } }\n");
                for (int i = 0; i < 13; i++) {
                    y.append("          extra_").append(i).append(": { type: ").append(i % 3 == 0 ? "int" : i % 3 == 1 ? "float" : "bool")
                            .append(" }\n");
                }
            }
        }
        return y.toString();
    }

    /** State where every version runs {@code deployed}'s schema, with an older schema before it in the history. */
    static StateDocument state(Spec desired, Spec deployed) {
        Map<String, DeployedVersion> versions = new TreeMap<>();
        DesiredState digests = DesiredState.of(desired, null);
        for (VersionSpec v : deployed.versions()) {
            VersionDigest d = digests.digest(v);
            CanonicalJson schema = CanonicalJson.of(SchemaJson.toJson(v.inputs()));
            List<InputSpec> older = new ArrayList<>(v.inputs());
            older.removeIf(i -> i.name().equals("tags"));
            List<CanonicalJson> history = List.of(CanonicalJson.of(SchemaJson.toJson(older)), schema);
            DeployedVersion dv = new DeployedVersion(v.flow(), v.name(), d.sourceHash(), d.definitionHash(), "local",
                    d.engineSettingsHash(), "ref", schema, history, Instant.EPOCH);
            versions.put(dv.address(), dv);
        }
        return new StateDocument(StateDocument.FORMAT_VERSION, "bench", 1, "bench", "bench", versions, Map.of());
    }
}
