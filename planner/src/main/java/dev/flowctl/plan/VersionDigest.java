package dev.flowctl.plan;

import java.nio.charset.StandardCharsets;

/**
 * Content hashes that decide whether a deployed version is current. A version is redeployed
 * if and only if one of these, or its schema, differs from what state recorded.
 *
 * @param definitionHash null when the version has no definition file
 */
public record VersionDigest(String sourceHash, String definitionHash, String engineSettingsHash) {
    /** One hash of all three, short enough for an engine tag (e.g. Step Functions' flowctl:hash). */
    public String fingerprint() {
        String all = sourceHash + "\n" + (definitionHash == null ? "" : definitionHash) + "\n" + engineSettingsHash;
        return ContentHasher.hash(all.getBytes(StandardCharsets.UTF_8));
    }
}
