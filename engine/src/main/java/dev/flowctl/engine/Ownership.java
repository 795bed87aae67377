package dev.flowctl.engine;

import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.spec.FlowVersionAddress;

/**
 * The refusals every engine gives when an engine object is not flowctl's to touch, worded once
 * so that each says the same thing: what exists, whose it is not, and that {@code flowctl import}
 * is how to adopt it.
 */
public final class Ownership {
    private Ownership() {
    }

    /**
     * A create found something under the version's name. Even a deployment marked as this
     * owner's is refused: state lost track of it, and only an import may take it back.
     *
     * @param what the object, e.g. "state machine risk-fleet-v1"
     * @param ref  the reference to import it by
     * @param ours whether it carries flowctl's marks for this owner
     */
    public static EngineException existsOnCreate(FlowVersionAddress a, String what, String ref, boolean ours, Owner owner) {
        if (ours) {
            return new EngineException(ErrorCode.ENGINE_NOT_OWNED, "cannot create " + a + ": " + what + " already exists with flowctl's marks for " + owner
                    + ", but state does not record it; adopt it with flowctl import " + a + " " + ref + ".");
        }
        return new EngineException(ErrorCode.ENGINE_NOT_OWNED, "cannot create " + a + ": " + what + " already exists and was not created by flowctl for "
                + owner + ", so flowctl will not take it over; remove or rename it by hand, or adopt it with flowctl import "
                + a + " " + ref + " after checking it.");
    }

    /** A create found something under the version's name, on an engine that cannot tell who made it. */
    public static EngineException existsOnCreate(FlowVersionAddress a, String what, String ref) {
        return new EngineException(ErrorCode.ENGINE_NOT_OWNED, "cannot create " + a + ": " + what + " already exists but state does not record it, so"
                + " flowctl will not take it over; adopt it with flowctl import " + a + " " + ref
                + " after checking it, or remove it by hand.");
    }

    /** An update or delete found an object that is not marked as this owner's. */
    public static EngineException notOwned(String verb, FlowVersionAddress a, String what, Owner owner) {
        return new EngineException(ErrorCode.ENGINE_NOT_OWNED, "refusing to " + verb + " " + what + " for " + a + ": it was not created by flowctl for "
                + owner + ", and flowctl changes only what it created; adopt it with flowctl import " + a
                + " REF if flowctl should manage it.");
    }
}
