package dev.flowctl.port;

import dev.flowctl.plan.VersionDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine reports about one live flow version, for drift detection and import. Each hash
 * is null when the engine does not report it (then it is not compared); an empty hash is a
 * reported "none" (the command engine echoes {@code FLOWCTL_DEFINITION_HASH} empty for a version
 * without a definition).
 *
 * @param fingerprint  {@link VersionDigest#fingerprint()} of what was deployed, for engines that keep
 *                     one hash (Step Functions' {@code flowctl:hash} tag)
 * @param editedOutside changes the engine itself saw made outside flowctl: what was changed (e.g.
 *                     {@code definition}) to what it is now
 */
public record LiveAttributes(String sourceHash, String definitionHash, String engineSettingsHash, String fingerprint,
                             Map<String, String> editedOutside) {
    /** An engine that reports nothing to compare. */
    public static final LiveAttributes NONE = new LiveAttributes(null, null, null, null, Map.of());

    public LiveAttributes {
        editedOutside = Map.copyOf(editedOutside);
    }

    /** The three hashes as deployed, no fingerprint and no edits: what an engine that records the digest reports. */
    public static LiveAttributes of(VersionDigest deployed) {
        return new LiveAttributes(deployed.sourceHash(), deployed.definitionHash(), deployed.engineSettingsHash(), null, Map.of());
    }

    /** What differs between the hashes of a deployment and what the engine reports (only what it reports). */
    public List<DriftDifference> differencesFrom(VersionDigest deployed) {
        List<DriftDifference> out = new ArrayList<>();
        compare(out, "source", deployed.sourceHash(), sourceHash);
        compare(out, "definition", deployed.definitionHash(), definitionHash);
        compare(out, "engine settings", deployed.engineSettingsHash(), engineSettingsHash);
        compare(out, "deployment hash (another source, definition or settings was deployed)", deployed.fingerprint(), fingerprint);
        editedOutside.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.add(
                new DriftDifference(e.getKey() + " (edited outside flowctl)", "what flowctl deployed", e.getValue())));
        return out;
    }

    /** Empty and absent both mean "none", so they are equal; a hash the engine does not report is not compared. */
    private static void compare(List<DriftDifference> out, String what, String applied, String live) {
        if (live == null) return;
        String was = none(applied);
        String is = none(live);
        if (!Objects.equals(was, is)) out.add(new DriftDifference(what, was == null ? "(none)" : was, is == null ? "(none)" : is));
    }

    private static String none(String hash) {
        return hash == null || hash.isBlank() ? null : hash;
    }
}
