package dev.flowctl.gateway;

/**
 * Where the gateway reads what to serve. It polls {@link #fingerprint()} and calls {@link #read()}
 * only when the fingerprint changed, so a poll costs a file stat or an S3 HEAD, not a download.
 */
public interface AppliedSource {
    /** A token that changes whenever the applied state does (see StateReader#fingerprint); null when there is none. */
    String fingerprint();

    /** Reads spec, lock and applied state now; throws with a one-sentence message when it cannot. */
    Applied read();
}
