package dev.flowctl.gateway;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;
import java.time.Duration;

/**
 * One Start call as it ended. Never carries the input or a credential, so it can be logged.
 *
 * @param method  the full gRPC method, e.g. {@code risk.flows.fleet_features.v1.FleetFeaturesService/Start} or {@code flowctl.v1.Runs/Start}
 * @param address the version asked for; null when the request did not name one readably
 * @param runId   the run started; null when refused
 * @param caller  who called: {@link CallContext#CALLER} as the security interceptor set it, else the peer address
 * @param outcome OK when started, else the status code returned
 * @param latency from the handler receiving the request to the answer being handed to gRPC
 */
public record StartEvent(String method, FlowVersionAddress address, String runId, String caller, Status.Code outcome,
                         Duration latency) {
}
