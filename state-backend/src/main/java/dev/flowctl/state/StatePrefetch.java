package dev.flowctl.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A state document read and decoded on another thread before a command knows it needs it: a plan
 * learns where its state is only from flows.yaml, and decoding the state of 3,000 versions takes
 * ~0.3 s (bench/plan), as long as parsing flows.yaml itself. The next {@link StateCodec#decodeState}
 * of a document of the same size waits for the prefetch and uses it when the bytes are equal; another
 * file, bytes changed since, or a failure are decoded as if nothing had been prefetched. Kept apart
 * from {@link StateCodec} so that starting one does not initialise the codec on the caller's thread.
 */
public final class StatePrefetch {
    private record Prefetch(long size, CompletableFuture<Decoded> decoded) {
    }

    /** What a prefetch read; {@code doc} is null when the bytes did not decode (reading them again reports why). */
    private record Decoded(byte[] bytes, StateDocument doc) {
    }

    private static final AtomicReference<Prefetch> PREFETCHED = new AtomicReference<>();

    private StatePrefetch() {
    }

    /**
     * Starts reading and decoding the state document at {@code file}, if there is one.
     *
     * @return completes when the prefetch has read and decoded what it could (callers need not wait)
     */
    public static CompletableFuture<?> start(Path file) {
        long size;
        try {
            size = Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            size = -1;
        }
        if (size < 0) return CompletableFuture.completedFuture(null);
        CompletableFuture<Decoded> decoded = new CompletableFuture<>();
        PREFETCHED.set(new Prefetch(size, decoded));
        Thread thread = new Thread(() -> {
            try {
                byte[] bytes = Files.readAllBytes(file);
                StateDocument doc;
                try {
                    doc = StateCodec.decode(bytes, file.toString());
                } catch (RuntimeException e) {
                    doc = null;
                }
                decoded.complete(new Decoded(bytes, doc));
            } catch (IOException | RuntimeException | Error e) {
                decoded.complete(null);
            }
        }, "flowctl-state-prefetch");
        thread.setDaemon(true);
        thread.start();
        return decoded;
    }

    /** The prefetched document decoded from exactly {@code bytes}, once; null when there is none. */
    static StateDocument take(byte[] bytes) {
        Prefetch prefetch = PREFETCHED.get();
        if (prefetch == null || prefetch.size() != bytes.length || !PREFETCHED.compareAndSet(prefetch, null)) return null;
        Decoded d = prefetch.decoded().join();
        return d != null && d.doc() != null && Arrays.equals(d.bytes(), bytes) ? d.doc() : null;
    }
}
