package dev.flowctl.port;

import dev.flowctl.spec.FlowVersionAddress;
import java.util.Map;

/**
 * One flow version as the engine sees it, with what drift detection compares. Attributes named
 * by the constants below are compared with state; a key starting with {@link #EDITED_PREFIX}
 * is a change the engine itself saw made outside flowctl, its value saying what differs.
 */
public record LiveFlowVersion(FlowVersionAddress address, String engineRef, Map<String, String> attributes) {
    public static final String SOURCE_HASH = "sourceHash";
    public static final String DEFINITION_HASH = "definitionHash";
    public static final String SETTINGS_HASH = "engineSettingsHash";
    /** {@link dev.flowctl.plan.VersionDigest#fingerprint()} of what was deployed. */
    public static final String FINGERPRINT = "fingerprint";
    public static final String EDITED_PREFIX = "edited.";

    public LiveFlowVersion {
        attributes = Map.copyOf(attributes);
    }
}
