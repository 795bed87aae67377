package dev.flowctl.gateway.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token file: YAML or JSON, hashes only, every mistake one sentence that quotes no secret. */
class TokenFileTest {
    static final String TOKEN = "a-long-random-token";
    static final String HASH = Tokens.sha256Hex(TOKEN);

    @TempDir
    Path dir;

    private static String message(String document) {
        return assertThrows(GatewaySecurityException.class, () -> TokenFile.parse(document, "The token file t.yaml")).getMessage();
    }

    @Test
    void theHashIsTheSha256OfTheTokenAsSha256sumPrintsIt() {
        // printf %s a-long-random-token | sha256sum
        assertEquals("b780ec04f0ac941421b556e74f31ff207f799c4ad119ea0178a81054b373b34b", HASH);
        assertEquals(Tokens.sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aYamlFileGrantsFlowsAndOwners() throws Exception {
        Path file = Files.writeString(dir.resolve("tokens.yaml"), """
                formatVersion: 1
                tokens:
                  - name: svc-a
                    sha256: %s
                    flows: [fleet_features@*, churn@v2]
                    owners: [telematics]
                """.formatted(HASH.toUpperCase()));
        Tokens tokens = TokenFile.load(file);
        TokenGrant grant = tokens.authenticate(TOKEN).orElseThrow();
        assertEquals("svc-a", grant.name());
        assertTrue(grant.permits("fleet_features", "v9", "other"));
        assertTrue(grant.permits("churn", "v2", null));
        assertFalse(grant.permits("churn", "v3", null));
        assertTrue(grant.permits("trips", "v1", "telematics"));
        assertEquals(Optional.empty(), tokens.authenticate(TOKEN + " "));
        assertEquals(Optional.empty(), tokens.authenticate(HASH));
    }

    @Test
    void aJsonDocumentFromTheEnvironmentReadsTheSame() {
        String json = "{\"tokens\": [{\"name\": \"svc-a\", \"sha256\": \"" + HASH + "\", \"flows\": [\"*@*\"]}]}";
        Tokens tokens = TokenFile.fromEnvironment(Map.of(TokenFile.ENVIRONMENT_VARIABLE, json), TokenFile.ENVIRONMENT_VARIABLE).orElseThrow();
        assertTrue(tokens.authenticate(TOKEN).orElseThrow().permits("anything", "v1", null));
        assertEquals(Optional.empty(), TokenFile.fromEnvironment(Map.of(), TokenFile.ENVIRONMENT_VARIABLE));
    }

    @Test
    void aTokenWrittenInPlainIsRefusedWithoutBeingQuoted() {
        String m = message("tokens: [{name: svc-a, token: " + TOKEN + ", flows: [a@v1]}]");
        assertEquals("The token file t.yaml, token entry 1 has a 'token' key: store only the token's SHA-256 under 'sha256'"
                + " (printf %s \"$TOKEN\" | sha256sum), never the token itself.", m);
        assertFalse(m.contains(TOKEN));
    }

    @Test
    void aHashThatIsNotSixtyFourHexDigitsIsRefused() {
        assertEquals("The token file t.yaml, token entry 1 (svc-a): 'sha256' must be the 64 hex digits of the token's SHA-256"
                + " (printf %s \"$TOKEN\" | sha256sum).", message("tokens: [{name: svc-a, sha256: " + TOKEN + "}]"));
    }

    @Test
    void namesAndTokensAreEachUsedOnce() {
        assertEquals("The token file t.yaml, token entry 2: the name 'svc-a' is used twice: give each caller its own name.",
                message("tokens: [{name: svc-a, sha256: " + HASH + "}, {name: svc-a, sha256: " + Tokens.sha256Hex("x") + "}]"));
        assertEquals("The token file t.yaml, token entry 2 (svc-b): its sha256 is already listed for another entry: give each caller its own token.",
                message("tokens: [{name: svc-a, sha256: " + HASH + "}, {name: svc-b, sha256: " + HASH + "}]"));
    }

    @Test
    void flowPatternsAreFlowAtVersion() {
        assertEquals("The token file t.yaml, token entry 1 (svc-a): 'fleet_features' in 'flows' is not flow@version:"
                + " write e.g. fleet_features@v1 or fleet_features@*.", message("tokens: [{name: svc-a, sha256: " + HASH + ", flows: [fleet_features]}]"));
        assertEquals("The token file t.yaml, token entry 1 (svc-a): 'owners' must be a list of strings, e.g. owners: [telematics].",
                message("tokens: [{name: svc-a, sha256: " + HASH + ", owners: telematics}]"));
    }

    @Test
    void unknownKeysAndVersionsAreRefused() {
        assertEquals("The token file t.yaml, token entry 1 has an unknown key 'flow': the keys are name, sha256, flows and owners.",
                message("tokens: [{name: svc-a, sha256: " + HASH + ", flow: [a@v1]}]"));
        assertEquals("The token file t.yaml has an unknown key 'token': only formatVersion and tokens are allowed.",
                message("token: []"));
        assertEquals("The token file t.yaml has formatVersion 2, which this flowctl does not read: write formatVersion: 1.",
                message("formatVersion: 2\ntokens: []"));
    }

    @Test
    void aSyntaxErrorGivesThePositionNotTheText() {
        String m = message("tokens:\n  - name: svc-a\n    sha256: \"" + TOKEN + "\n  bad: [");
        assertTrue(m.startsWith("The token file t.yaml is not valid YAML or JSON at line "), m);
        assertFalse(m.contains(TOKEN), m);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals("The token file " + missing + " could not be read (NoSuchFileException): check the path given to --tokens"
                + " and that this user may read it.", assertThrows(GatewaySecurityException.class, () -> TokenFile.load(missing)).getMessage());
    }
}
