package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class-data archive built at package time (cli/pom.xml, bench/startup) holds every class of flowctl
 * and picocli that a plan of the example loads: one left out is read and verified from its jar on every run.
 * The JVM names each class it leaves out in the dump's log.
 */
class ClassDataArchiveIT {
    @Test
    void theArchiveLeavesOutNoClassOfFlowctlOrPicocli() throws IOException {
        Path log = Path.of("target", "cds-dump.log");
        assumeTrue(Files.exists(log), "packaged without the archive (-Dflowctl.cds.skip)");
        List<String> skipped = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("Skipping dev/flowctl/") || line.contains("Skipping picocli/")).toList();
        assertEquals(List.of(), skipped);
    }
}
