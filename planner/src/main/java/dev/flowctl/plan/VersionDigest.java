package dev.flowctl.plan;

/**
 * Content hashes that decide whether a deployed version is current. A version is redeployed
 * if and only if one of these, or its schema, differs from what state recorded.
 *
 * @param definitionHash null when the version has no definition file
 */
public record VersionDigest(String sourceHash, String definitionHash, String engineSettingsHash) {
}
