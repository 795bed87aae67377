package dev.flowctl.port;

import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;

/**
 * Everything an engine needs to start one run of a deployed flow version. The input has already
 * been checked against the version's applied schema and is in the canonical engine JSON.
 *
 * @param engineRef      the deployment's reference recorded in state (e.g. the state machine ARN)
 * @param inputJson      the canonical input JSON object, defaults applied
 * @param idempotencyKey starting twice with one key starts one run and returns it both times
 * @param settings       the effective engine settings of the version
 */
public record RunRequest(Owner owner, FlowVersionAddress address, String engineRef, String inputJson, String idempotencyKey,
                         Settings settings) {
}
