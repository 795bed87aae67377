package dev.flowctl.gateway.security;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the gateway's token file (YAML, or JSON, which is read as YAML), format version 1:
 * <pre>
 * formatVersion: 1            # optional; no other version exists yet
 * tokens:
 *   - name: svc-a             # the caller's name in logs and errors
 *     sha256: 9f86d0…         # lowercase or uppercase hex SHA-256 of the token's UTF-8 bytes
 *     flows: [fleet_features@*, churn@v2]   # flow@version, either side may be *
 *     owners: [telematics]    # or: every version of flows whose owner (in state) is listed
 * </pre>
 * The same document may come from an environment variable. Every error is one sentence naming the
 * origin, the entry and the key — never a token or a hash.
 */
public final class TokenFile {
    /** The environment variable the document may be given in instead of a file. */
    public static final String ENVIRONMENT_VARIABLE = "FLOWCTL_SERVE_TOKENS";

    private static final int MAX_BYTES = 1 << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> TOP_KEYS = Set.of("formatVersion", "tokens");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "sha256", "flows", "owners");

    private TokenFile() {
    }

    public static Tokens load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new GatewaySecurityException("The token file " + file + " is larger than 1 MiB: it should hold one short entry per caller.");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GatewaySecurityException("The token file " + file + " could not be read (" + e.getClass().getSimpleName()
                    + "): check the path given to --tokens and that this user may read it.", e);
        }
        return parse(text, "The token file " + file);
    }

    /** Reads the document from {@code variable} in {@code environment}; empty when it is unset or blank. */
    public static java.util.Optional<Tokens> fromEnvironment(Map<String, String> environment, String variable) {
        String text = environment.get(variable);
        if (text == null || text.isBlank()) return java.util.Optional.empty();
        return java.util.Optional.of(parse(text, "The environment variable " + variable));
    }

    /** Parses a document; {@code origin} starts every error sentence, e.g. "The token file tokens.yaml". */
    public static Tokens parse(String text, String origin) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(0);
            options.setCodePointLimit(MAX_BYTES);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            // Only the position: the snippet snakeyaml quotes could hold a token pasted by mistake.
            Mark mark = e.getProblemMark();
            throw new GatewaySecurityException(origin + " is not valid YAML or JSON at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1) + ": fix the syntax there.");
        } catch (YAMLException e) {
            throw new GatewaySecurityException(origin + " is not valid YAML or JSON: fix its syntax.");
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new GatewaySecurityException(origin + " must be a mapping with a 'tokens' list, e.g. tokens: [{name: svc-a, sha256: <hex>, flows: [fleet_features@*]}].");
        }
        for (Object key : top.keySet()) {
            if (!TOP_KEYS.contains(String.valueOf(key))) {
                throw new GatewaySecurityException(origin + " has an unknown key '" + shown(key) + "': only formatVersion and tokens are allowed.");
            }
        }
        Object version = top.get("formatVersion");
        if (version != null && !Integer.valueOf(1).equals(version)) {
            throw new GatewaySecurityException(origin + " has formatVersion " + shown(version) + ", which this flowctl does not read: write formatVersion: 1.");
        }
        if (!(top.get("tokens") instanceof List<?> list)) {
            throw new GatewaySecurityException(origin + " must have a 'tokens' list, e.g. tokens: [{name: svc-a, sha256: <hex>, flows: [fleet_features@*]}].");
        }
        List<Tokens.Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Tokens.Entry entry = entry(list.get(i), origin + ", token entry " + (i + 1));
            if (!names.add(entry.grant().name())) {
                throw new GatewaySecurityException(origin + ", token entry " + (i + 1) + ": the name '" + entry.grant().name()
                        + "' is used twice: give each caller its own name.");
            }
            if (!hashes.add(HexFormat.of().formatHex(entry.sha256()))) {
                throw new GatewaySecurityException(origin + ", token entry " + (i + 1) + " (" + entry.grant().name()
                        + "): its sha256 is already listed for another entry: give each caller its own token.");
            }
            entries.add(entry);
        }
        return new Tokens(entries);
    }

    private static Tokens.Entry entry(Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new GatewaySecurityException(where + " must be a mapping with name, sha256 and flows or owners.");
        }
        for (Object key : map.keySet()) {
            String k = String.valueOf(key);
            if ("token".equals(k) || "secret".equals(k)) {
                throw new GatewaySecurityException(where + " has a '" + k + "' key: store only the token's SHA-256 under 'sha256' (printf %s \"$TOKEN\" | sha256sum), never the token itself.");
            }
            if (!ENTRY_KEYS.contains(k)) {
                throw new GatewaySecurityException(where + " has an unknown key '" + shown(key) + "': the keys are name, sha256, flows and owners.");
            }
        }
        if (!(map.get("name") instanceof String name) || !NAME.matcher(name).matches()) {
            throw new GatewaySecurityException(where + ": 'name' must be the caller's name (letters, digits, _ . : @ -), e.g. name: svc-a.");
        }
        String named = where + " (" + name + ")";
        if (!(map.get("sha256") instanceof String hex) || !HEX64.matcher(hex).matches()) {
            throw new GatewaySecurityException(named + ": 'sha256' must be the 64 hex digits of the token's SHA-256 (printf %s \"$TOKEN\" | sha256sum).");
        }
        List<FlowPattern> flows = new ArrayList<>();
        for (String text : strings(map.get("flows"), named, "flows")) {
            FlowPattern pattern = FlowPattern.parseOrNull(text);
            if (pattern == null) {
                throw new GatewaySecurityException(named + ": '" + shown(text) + "' in 'flows' is not flow@version: write e.g. fleet_features@v1 or fleet_features@*.");
            }
            flows.add(pattern);
        }
        Set<String> owners = new LinkedHashSet<>(strings(map.get("owners"), named, "owners"));
        return new Tokens.Entry(HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)), new TokenGrant(name, flows, owners));
    }

    private static List<String> strings(Object node, String where, String key) {
        if (node == null) return List.of();
        if (node instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new GatewaySecurityException(where + ": '" + key + "' must be a list of strings, e.g. " + key
                + ": [" + ("flows".equals(key) ? "fleet_features@*" : "telematics") + "].");
    }

    /** A value from the document as it may appear in an error: short, printable. */
    private static String shown(Object value) {
        String s = String.valueOf(value).replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
