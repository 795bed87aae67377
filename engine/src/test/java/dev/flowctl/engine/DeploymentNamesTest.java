package dev.flowctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import org.junit.jupiter.api.Test;

class DeploymentNamesTest {
    @Test
    void shortLegalNamesAreReadable() {
        assertEquals("risk-fleet_features-v1", DeploymentNames.of(Owner.of("risk"), new FlowVersionAddress("fleet_features", "v1"), 80));
    }

    @Test
    void longNamesKeepTheLimitAndNeverCollide() {
        String flow = "f".repeat(100);
        String a = DeploymentNames.of(Owner.of("risk"), new FlowVersionAddress(flow, "v1"), 80);
        String b = DeploymentNames.of(Owner.of("risk"), new FlowVersionAddress(flow, "v2"), 80);
        assertEquals(80, a.length());
        assertEquals(80, b.length());
        assertNotEquals(a, b);
    }

    @Test
    void illegalCharactersAreReplacedAndTheNameStaysDistinct() {
        String dotted = DeploymentNames.of(Owner.of("risk"), new FlowVersionAddress("fleet", "v1.2"), 80);
        String dashed = DeploymentNames.of(Owner.of("risk"), new FlowVersionAddress("fleet", "v1-2"), 80);
        assertTrue(dotted.matches("[A-Za-z0-9_-]+"), dotted);
        assertNotEquals(dotted, dashed);
    }

    @Test
    void aNamedEnvironmentIsPartOfTheNameAndTheDefaultOneKeepsTheOldName() {
        FlowVersionAddress a = new FlowVersionAddress("fleet", "v1");
        assertEquals("risk-prod-fleet-v1", DeploymentNames.of(new Owner("risk", "prod"), a, 80));
        assertEquals("risk-fleet-v1", DeploymentNames.of(new Owner("risk", null), a, 80));
        assertNotEquals(DeploymentNames.of(new Owner("risk", "dev"), a, 80), DeploymentNames.of(new Owner("risk", "prod"), a, 80));
    }

    @Test
    void aConfiguredPatternIsFollowedAndDropsTheMissingEnvironmentWithItsSeparator() {
        FlowVersionAddress a = new FlowVersionAddress("fleet", "v1");
        String pattern = "{environment}_{project}-{flow}-{version}";
        assertEquals("qa_risk-fleet-v1", DeploymentNames.of(pattern, new Owner("risk", "qa"), a, 80));
        assertEquals("risk-fleet-v1", DeploymentNames.of(pattern, Owner.of("risk"), a, 80));
    }

    @Test
    void aPatternWithoutFlowAndVersionIsRefused() {
        EngineException e = assertThrows(EngineException.class, () -> DeploymentNames.checkPattern("{project}-{flow}", "engine"));
        assertEquals("the names: pattern '{project}-{flow}' in engine must contain {flow} and {version}, or two flow versions"
                + " would share one name; e.g. names: \"{project}-{environment}-{flow}-{version}\".", e.getMessage());
        EngineException unknown = assertThrows(EngineException.class, () -> DeploymentNames.checkPattern("{team}-{flow}-{version}", "engine"));
        assertTrue(unknown.getMessage().contains("unknown placeholder {team}"), unknown.getMessage());
    }
}
