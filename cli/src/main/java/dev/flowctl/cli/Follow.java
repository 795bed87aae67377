package dev.flowctl.cli;

import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunState;
import dev.flowctl.run.RunService;
import java.io.PrintWriter;
import java.time.Duration;

/** Follows a run until it ends, printing each state it passes through once. */
final class Follow {
    private Follow() {
    }

    static RunInfo untilEnd(RunService service, RunRef ref, Duration every, PrintWriter out) throws InterruptedException {
        RunState shown = null;
        while (true) {
            RunInfo info = service.describe(ref);
            if (info.state() != shown) {
                shown = info.state();
                out.println(Runs.line(info));
                out.flush();
            }
            if (info.state().terminal()) return info;
            Thread.sleep(every.toMillis());
        }
    }
}
