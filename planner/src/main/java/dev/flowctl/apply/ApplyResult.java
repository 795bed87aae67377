package dev.flowctl.apply;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;
import java.util.Map;

/**
 * What an apply did.
 *
 * @param failed       every action that failed, with its message
 * @param skipped      actions not started because the apply was interrupted
 * @param serial       the state serial after the last write
 * @param failureCodes the code of each failure's error (an engine's, state's, …), so each failed version can be
 *                     printed with the code a user looks up; a failure without one is {@link ErrorCode#INTERNAL}
 */
public record ApplyResult(List<FlowVersionAddress> succeeded, Map<FlowVersionAddress, String> failed,
                          List<FlowVersionAddress> skipped, long serial, Map<FlowVersionAddress, ErrorCode> failureCodes) {
    public ApplyResult {
        succeeded = List.copyOf(succeeded);
        failed = Map.copyOf(failed);
        skipped = List.copyOf(skipped);
        failureCodes = Map.copyOf(failureCodes);
    }

    public ApplyResult(List<FlowVersionAddress> succeeded, Map<FlowVersionAddress, String> failed,
                       List<FlowVersionAddress> skipped, long serial) {
        this(succeeded, failed, skipped, serial, Map.of());
    }

    public boolean ok() {
        return failed.isEmpty() && skipped.isEmpty();
    }

    /** The code of the failure of {@code address}. */
    public ErrorCode failureCode(FlowVersionAddress address) {
        return failureCodes.getOrDefault(address, ErrorCode.INTERNAL);
    }
}
