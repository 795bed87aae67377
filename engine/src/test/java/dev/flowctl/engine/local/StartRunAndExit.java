package dev.flowctl.engine.local;

import dev.flowctl.port.Owner;
import dev.flowctl.port.RunRequest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;
import java.util.Map;

/** A flowctl that starts one run and exits at once, as a gateway that restarts: {@code <engine dir> <project> <engine ref> <run>}. */
public final class StartRunAndExit {
    private StartRunAndExit() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        LocalEngine engine = new LocalEngine(dir, dir.getParent());
        RunRequest r = new RunRequest(Owner.of(args[1]), new FlowVersionAddress("fleet_features", "v1"), args[2],
                "{\"fleet_id\":\"fleet-7\"}", null, new Settings(Map.of("run", args[3])));
        System.out.println(engine.start(r).runId());
        System.exit(0);
    }
}
