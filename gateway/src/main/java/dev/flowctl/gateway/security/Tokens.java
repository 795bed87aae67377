package dev.flowctl.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens the gateway accepts, held only as SHA-256 hashes (a leaked token file starts no
 * run). Loaded with {@link TokenFile}. Thread-safe and immutable.
 */
public final class Tokens {
    /** One accepted token: the hash of its secret and what it grants. */
    record Entry(byte[] sha256, TokenGrant grant) {
    }

    private final List<Entry> entries;

    Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    /**
     * The grant of the token presented, or empty when no entry has its hash. Every entry is compared,
     * each in constant time, so the time taken says nothing about which entry (or how much of one) matched.
     */
    public Optional<TokenGrant> authenticate(String presented) {
        byte[] hash = sha256(presented);
        TokenGrant found = null;
        for (Entry e : entries) {
            boolean equal = MessageDigest.isEqual(hash, e.sha256());
            if (equal && found == null) found = e.grant();
        }
        return Optional.ofNullable(found);
    }

    /** The lowercase hex SHA-256 of a token's UTF-8 bytes: what the token file stores. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
