package dev.flowctl.state;

/** Another run holds the state lock; names who, since when and how to break a dead lock. */
public class StateLockedException extends StateException {
    private final LockInfo holder;

    public StateLockedException(LockInfo holder) {
        super(dev.flowctl.errors.ErrorCode.STATE_LOCKED, "state is locked by " + holder.who() + " since " + (holder.created() == null ? "an unknown time" : holder.created())
                + " (operation " + holder.operation()
                + ", lock ID " + holder.id() + "); if that run is dead, run: flowctl force-unlock " + holder.id());
        this.holder = holder;
    }

    public LockInfo holder() {
        return holder;
    }
}
