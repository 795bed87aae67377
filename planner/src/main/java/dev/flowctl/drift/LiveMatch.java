package dev.flowctl.drift;

import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.state.DeployedVersion;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds the live deployment a recorded version stands for: by the recorded engine reference, else
 * by the name the engine deployed it under. A version renamed by {@code moved:} is listed by the
 * engine under its old name, so its address alone would not find it.
 */
public final class LiveMatch {
    private LiveMatch() {
    }

    /** Removes and returns the live deployment of {@code d} from {@code live} (keyed by the engine's address), or null. */
    public static LiveFlowVersion take(Map<FlowVersionAddress, LiveFlowVersion> live, DeployedVersion d) {
        if (d.engineRef() != null) {
            for (Iterator<LiveFlowVersion> it = live.values().iterator(); it.hasNext(); ) {
                LiveFlowVersion l = it.next();
                if (d.engineRef().equals(l.engineRef())) {
                    it.remove();
                    return l;
                }
            }
        }
        return live.remove(FlowVersionAddress.parse(d.engineAddress()));
    }
}
