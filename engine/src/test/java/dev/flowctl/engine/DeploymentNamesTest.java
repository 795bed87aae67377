package dev.flowctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.FlowVersionAddress;
import org.junit.jupiter.api.Test;

class DeploymentNamesTest {
    @Test
    void shortLegalNamesAreReadable() {
        assertEquals("risk-fleet_features-v1", DeploymentNames.of("risk", new FlowVersionAddress("fleet_features", "v1"), 80));
    }

    @Test
    void longNamesKeepTheLimitAndNeverCollide() {
        String flow = "f".repeat(100);
        String a = DeploymentNames.of("risk", new FlowVersionAddress(flow, "v1"), 80);
        String b = DeploymentNames.of("risk", new FlowVersionAddress(flow, "v2"), 80);
        assertEquals(80, a.length());
        assertEquals(80, b.length());
        assertNotEquals(a, b);
    }

    @Test
    void illegalCharactersAreReplacedAndTheNameStaysDistinct() {
        String dotted = DeploymentNames.of("risk", new FlowVersionAddress("fleet", "v1.2"), 80);
        String dashed = DeploymentNames.of("risk", new FlowVersionAddress("fleet", "v1-2"), 80);
        assertTrue(dotted.matches("[A-Za-z0-9_-]+"), dotted);
        assertNotEquals(dotted, dashed);
    }
}
