package dev.flowctl.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowctl.spec.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the metaflow preset runs for a run: trigger with the run-id file and the inputs as parameters, terminate to cancel. */
class MetaflowPresetRunTest {
    @Test
    void runTriggersWithTheInputsAsParametersAndCancelTerminates() {
        Settings s = MetaflowPreset.apply(new Settings(Map.of("python", "python3")));
        assertEquals("python3 {source} --branch {version} step-functions trigger --run-id-file {run_id_file}", s.string("run").orElseThrow());
        assertEquals("python3 {source} --branch {version} step-functions terminate {run}", s.string("cancel").orElseThrow());
        assertEquals(List.of("--fleet_id", "fleet 7; rm -rf /", "--months", "24", "--sources", "[\"noaa\"]"),
                MetaflowPreset.triggerArguments("{\"fleet_id\":\"fleet 7; rm -rf /\",\"months\":24,\"sources\":[\"noaa\"],\"as_of\":null}"));
    }
}
