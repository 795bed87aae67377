package dev.flowctl.apply;

import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;
import java.util.Map;

/**
 * What an apply did.
 *
 * @param failed   every action that failed, with its message
 * @param skipped  actions not started because the apply was interrupted
 * @param serial   the state serial after the last write
 */
public record ApplyResult(List<FlowVersionAddress> succeeded, Map<FlowVersionAddress, String> failed,
                          List<FlowVersionAddress> skipped, long serial) {
    public ApplyResult {
        succeeded = List.copyOf(succeeded);
        failed = Map.copyOf(failed);
        skipped = List.copyOf(skipped);
    }

    public boolean ok() {
        return failed.isEmpty() && skipped.isEmpty();
    }
}
