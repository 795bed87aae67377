package dev.flowctl.state;

import java.util.List;

/** A backend that keeps earlier versions of the state, for inspection and safe rollback. */
public interface StateHistory {
    /** Kept versions, newest first, at most {@code limit} of them. */
    List<StateVersion> history(int limit);

    /** One kept version, by the ID {@link #history} gave. */
    StoredState readVersion(String versionId);
}
