package dev.flowctl.state.s3;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.StateConflictException;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StateException;
import dev.flowctl.state.StateHistory;
import dev.flowctl.state.StateLockedException;
import dev.flowctl.state.StateVersion;
import dev.flowctl.state.StoredState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * State in one S3 object. Writes replace it only with {@code If-Match} on the ETag that was read
 * (or {@code If-None-Match: *} for the first write), so a concurrent change is refused, never
 * overwritten. The lock is a sibling object {@code <key>.lock} created with {@code If-None-Match: *}.
 * With bucket versioning on, every write is kept and {@link #history} lists them.
 */
public final class S3StateBackend implements StateBackend, StateHistory {
    static final String META_SERIAL = "flowctl-serial";
    static final String META_WHO = "flowctl-who";

    private final S3Location where;
    private final S3Client s3;
    private final boolean ownsClient;
    private final BlobClient blobs;
    /** Who writes, recorded with each version for history; looked up once, as it may need DNS. */
    private final String writer = ascii(LockInfo.whoAmI());

    /** A backend with its own client, configured from {@code where} and the AWS default chain. */
    public S3StateBackend(S3Location where) {
        this(where, S3Clients.create(where), true);
    }

    /** A backend over a client the caller owns and closes. */
    public S3StateBackend(S3Location where, S3Client s3) {
        this(where, s3, false);
    }

    private S3StateBackend(S3Location where, S3Client s3, boolean ownsClient) {
        this.where = where;
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.blobs = new BlobClient(s3, where);
    }

    @Override
    public String location() {
        return where.uri();
    }

    @Override
    public Optional<StoredState> read() {
        return blobs.get(where.key()).map(b -> new StoredState(StateCodec.decodeState(b.bytes(), where.uri()), b.etag()));
    }

    /** The object's ETag from a HEAD request: the state is downloaded only when it changed. */
    @Override
    public String fingerprint() {
        return blobs.etag(where.key()).orElse(null);
    }

    @Override
    public String write(StateDocument document, String expectedEtag) {
        byte[] bytes = StateCodec.encode(document);
        try {
            return blobs.put(where.key(), bytes, expectedEtag,
                    Map.of(META_SERIAL, Long.toString(document.serial()), META_WHO, writer));
        } catch (BlobClient.PreconditionFailed e) {
            // The SDK retries a request whose answer was lost; if our own first attempt landed, that is success.
            Optional<BlobClient.Blob> now = blobs.get(where.key());
            if (now.isPresent() && Arrays.equals(now.get().bytes(), bytes)) return now.get().etag();
            throw new StateConflictException("state " + where.uri() + (expectedEtag == null ? " was created by another run"
                    : " changed since it was read") + "; nothing was written. Run the command again.");
        }
    }

    /** Deletes the state object; in a versioned bucket its versions stay, and state history still lists them. */
    @Override
    public void remove(String expectedEtag) {
        String current = blobs.etag(where.key()).orElse(null);
        if (!java.util.Objects.equals(current, expectedEtag)) {
            throw new StateConflictException("state " + where.uri() + " changed since it was read; nothing was removed. Run the command again.");
        }
        if (current != null) blobs.delete(where.key());
    }

    @Override
    public void lock(LockInfo request) {
        // A lock can vanish between our failed create and the read of its holder; then try again.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                blobs.put(where.lockKey(), StateCodec.encode(request), null, Map.of());
                return;
            } catch (BlobClient.PreconditionFailed e) {
                Optional<LockInfo> holder = currentLock();
                // A retried create whose first attempt landed finds our own lock: we hold it.
                if (holder.isPresent() && holder.get().id().equals(request.id())) return;
                if (holder.isPresent()) throw new StateLockedException(holder.get());
            }
        }
        throw new StateException("could not take the lock " + where.bucket() + "/" + where.lockKey()
                + ": it keeps appearing and vanishing; run again.");
    }

    @Override
    public void unlock(String lockId) {
        Optional<LockInfo> held = currentLock();
        if (held.isPresent() && held.get().id().equals(lockId)) blobs.delete(where.lockKey());
    }

    @Override
    public Optional<LockInfo> currentLock() {
        return blobs.get(where.lockKey()).map(this::lockInfo);
    }

    /**
     * Also removes a lock object that is not a flowctl lock (a hand edit, a truncated upload): such a
     * lock has no ID of its own, so it goes by the ID its "not readable" message gives, derived from
     * its ETag, which a newer lock never shares.
     */
    @Override
    public LockInfo forceUnlock(String lockId) {
        BlobClient.Blob blob = blobs.get(where.lockKey()).orElseThrow(() -> new StateException("state " + where.uri()
                + " is not locked; nothing to unlock."));
        if (!lockId.equals(unreadableLockId(blob))) return StateBackend.super.forceUnlock(lockId);
        blobs.delete(where.lockKey());
        return new LockInfo(lockId, "unknown (the lock object was not readable)", "unknown", blob.lastModified(), "unknown");
    }

    private LockInfo lockInfo(BlobClient.Blob b) {
        String at = "s3://" + where.bucket() + "/" + where.lockKey();
        try {
            return StateCodec.decodeLock(b.bytes(), at);
        } catch (StateException e) {
            throw new StateException("the lock " + at + " is not a flowctl lock; if no run is using this state, remove it with: "
                    + "flowctl force-unlock " + unreadableLockId(b), e);
        }
    }

    private static String unreadableLockId(BlobClient.Blob b) {
        return "unreadable-" + String.valueOf(b.etag()).replace("\"", "");
    }


    @Override
    public List<StateVersion> history(int limit) {
        if (!blobs.versioningEnabled()) {
            throw new StateException(ErrorCode.STATE_NO_HISTORY, "bucket '" + where.bucket() + "' keeps no history because versioning is off; enable it "
                    + "(aws s3api put-bucket-versioning --bucket " + where.bucket()
                    + " --versioning-configuration Status=Enabled) and history builds up from the next write.");
        }
        List<StateVersion> out = new ArrayList<>();
        for (BlobClient.BlobVersion v : blobs.listVersions(where.key())) {
            if (out.size() >= limit) break;
            // Listing carries no user metadata: one HEAD per shown version gives serial and writer.
            Map<String, String> meta = blobs.metadata(where.key(), v.versionId());
            out.add(new StateVersion(v.versionId(), serial(meta.get(META_SERIAL)), v.lastModified(), meta.get(META_WHO), v.latest()));
        }
        return out;
    }

    @Override
    public StoredState readVersion(String versionId) {
        BlobClient.Blob b = blobs.getVersion(where.key(), versionId).orElseThrow(() -> new StateException("state "
                + where.uri() + " has no version '" + versionId + "'; list them with: flowctl state history."));
        return new StoredState(StateCodec.decodeState(b.bytes(), where.uri() + " version " + versionId), b.etag());
    }

    @Override
    public void close() {
        if (ownsClient) s3.close();
    }

    private static long serial(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** S3 user metadata travels in HTTP headers, which must be ASCII. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return new String(b.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
