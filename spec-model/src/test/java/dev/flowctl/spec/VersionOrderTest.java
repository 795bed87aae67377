package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
    @Test
    void numbersCompareByValueNotByCharacters() {
        List<String> names = new ArrayList<>(List.of("v10", "v2", "v1_b", "v1", "beta", "v1_a", "v0", "v100"));
        names.sort(VersionOrder::compare);
        assertEquals(List.of("beta", "v0", "v1", "v1_a", "v1_b", "v2", "v10", "v100"), names);
    }

    @Test
    void leadingZerosOnlyBreakTiesSoV1AndV01StayTwoVersions() {
        assertEquals(-1, Integer.signum(VersionOrder.compare("v007", "v7")));
        assertEquals(1, Integer.signum(VersionOrder.compare("v7", "v007")));
        assertEquals(0, VersionOrder.compare("v7", "v7"));
        assertEquals(2, new java.util.TreeSet<>(List.of(new FlowVersionAddress("f", "v1"), new FlowVersionAddress("f", "v01"))).size());
        assertEquals(-1, Integer.signum(VersionOrder.compare("v007", "v8")));
        assertEquals(1, Integer.signum(VersionOrder.compare("v010", "v9")));
    }
}
