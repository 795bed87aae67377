import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.Language;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Codegen in one JVM that has already run it, as the Maven plugin runs inside a long-lived Maven
 * (mvnd, or a reactor with several consumer modules): each round parses flows.yaml and generates from
 * nothing, generates again with no change, then checks. Prints the median of the last rounds.
 * Usage: java -cp flowctl.jar WarmCodegen.java FLOWS_YAML WORK_DIR ROUNDS WARMUP_ROUNDS
 */
public class WarmCodegen {
    public static void main(String[] args) throws IOException {
        Path specFile = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        Path out = work.resolve("generated");
        Path lock = work.resolve("flows.lock");
        long[][] ms = new long[3][rounds];
        String counts = "";
        for (int round = -warmup; round < rounds; round++) {
            delete(out);
            Files.deleteIfExists(lock);
            long t0 = System.nanoTime();
            Codegen.Result fresh = Codegen.generate(request(specFile, out, lock));
            long t1 = System.nanoTime();
            Codegen.Result again = Codegen.generate(request(specFile, out, lock));
            long t2 = System.nanoTime();
            int problems = Codegen.check(request(specFile, out, lock)).size();
            long t3 = System.nanoTime();
            if (round < 0) continue;
            ms[0][round] = (t1 - t0) / 1_000_000;
            ms[1][round] = (t2 - t1) / 1_000_000;
            ms[2][round] = (t3 - t2) / 1_000_000;
            counts = "from nothing: " + fresh.written().size() + " written; no change: " + again.written().size() + " written, "
                    + again.unchanged() + " unchanged; check: " + problems + " problems";
        }
        System.out.println(counts);
        String[] names = {"from nothing", "no change", "--check"};
        for (int i = 0; i < 3; i++) {
            long[] sorted = ms[i].clone();
            Arrays.sort(sorted);
            System.out.printf("warm %-13s median %5d ms  (min %d, max %d, %d rounds after %d warm-up)%n", names[i],
                    sorted[rounds / 2], sorted[0], sorted[rounds - 1], rounds, warmup);
        }
    }

    /** What the plugin does per goal: parse flows.yaml, then build the request. */
    private static Codegen.Request request(Path specFile, Path out, Path lock) {
        Spec spec = SpecParser.parse(specFile);
        return new Codegen.Request(spec, out, lock, Set.of(Language.PROTO, Language.JAVA));
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
