package dev.flowctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The ownership law, for any engine: whatever sequence of applies and deletes two environments
 * of a project run (including updates and deletes pointed at someone else's object, as stale or
 * hand-edited state would), no engine object is changed or deleted except by its own owner, and a
 * hand-made object never is. It also checks that the owner's own actions do succeed: a create
 * where nothing exists, an update or delete of its own deployment.
 */
public final class OwnershipLaw {
    /** The two environments that share the engine: the default one and prod. */
    static final List<String> ENVIRONMENTS = java.util.Arrays.asList(null, "prod");
    static final List<String> VERSIONS = List.of("v1", "v2", "v3");
    /** The hand-made object sits where the default environment would deploy this version. */
    static final String HAND_MADE = "v3";
    private static final String FLOW = "fleet_features";

    /** One engine object as the law sees it: whose mark it carries (null: none) and everything it holds. */
    public record EngineObject(Owner owner, String content) {
    }

    /** The engine under test, and how to look at everything in it. */
    public interface Target {
        /** A fresh adapter, as each flowctl command makes one. */
        FlowEngine engine();

        Settings settings();

        /** Puts an object made by hand where flowctl would deploy {@code a} for {@code owner}; returns its reference. */
        String handMade(Owner owner, FlowVersionAddress a);

        /** The reference the engine would give the owner's deployment of {@code a}. */
        String refOf(Owner owner, FlowVersionAddress a);

        /** Every object of this project in the engine (any environment, hand-made too), by reference. */
        Map<String, EngineObject> objects(String project);
    }

    public enum Kind { APPLY, DELETE, UPDATE_OTHERS, DELETE_OTHERS }

    /** One command: an environment applies or deletes a version, or acts on another's object by its reference. */
    public record Step(Kind kind, int environment, String version, String content) {
    }

    public static Arbitrary<List<Step>> steps(int maxSize) {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, ENVIRONMENTS.size() - 1),
                Arbitraries.of(VERSIONS), Arbitraries.of("a", "b", "c")).as(Step::new).list().ofMinSize(1).ofMaxSize(maxSize);
    }

    private OwnershipLaw() {
    }

    /** Runs the steps for a fresh project and checks the law after each. */
    public static void check(Target target, Fixtures fixtures, String project, List<Step> steps) {
        FlowVersionAddress handMadeAt = new FlowVersionAddress(FLOW, HAND_MADE);
        String handMadeRef = target.handMade(Owner.of(project), handMadeAt);
        EngineObject handMade = target.objects(project).get(handMadeRef);
        // What state would record, per environment: version -> engine reference.
        List<Map<String, String>> state = List.of(new HashMap<>(), new HashMap<>());
        for (Step step : steps) {
            Owner owner = new Owner(project, ENVIRONMENTS.get(step.environment()));
            Map<String, String> recorded = state.get(step.environment());
            FlowVersionAddress a = new FlowVersionAddress(FLOW, step.version());
            Map<String, EngineObject> before = target.objects(project);
            String expectedRef = target.refOf(owner, a);
            boolean wasRecorded = recorded.containsKey(step.version());
            boolean ok = true;
            String why = null;
            try (FlowEngine engine = target.engine()) {
                switch (step.kind()) {
                    case APPLY -> {
                        boolean update = recorded.containsKey(step.version());
                        String ref = engine.deploy(fixtures.request(owner, FLOW, step.version(), step.content(), target.settings(),
                                update, recorded.get(step.version()))).engineRef();
                        recorded.put(step.version(), ref);
                    }
                    case DELETE -> {
                        if (!wasRecorded) continue; // a plan deletes only what state records
                        engine.delete(owner, a, recorded.get(step.version()));
                        recorded.remove(step.version());
                    }
                    case UPDATE_OTHERS -> {
                        String other = othersRef(before, owner);
                        if (other == null) continue;
                        engine.deploy(fixtures.request(owner, FLOW, step.version(), step.content(), target.settings(), true, other));
                    }
                    case DELETE_OTHERS -> {
                        String other = othersRef(before, owner);
                        if (other == null) continue;
                        engine.delete(owner, a, other);
                    }
                }
            } catch (EngineException refused) {
                ok = false;
                why = refused.getMessage();
            }
            Map<String, EngineObject> after = target.objects(project);
            String context = step + " by " + owner + (ok ? "" : " (refused: " + why + ")") + "\nbefore: " + before + "\nafter: " + after;
            Set<String> refs = new HashSet<>(before.keySet());
            refs.addAll(after.keySet());
            for (String ref : refs) {
                EngineObject was = before.get(ref);
                EngineObject is = after.get(ref);
                if (Objects.equals(was, is)) continue;
                if (was != null && !owner.equals(was.owner())) fail("changed or deleted an object of " + was.owner() + ": " + ref + "\n" + context);
                if (is != null && !owner.equals(is.owner())) fail("left an object not marked as its owner's: " + ref + "\n" + context);
            }
            assertEquals(handMade, after.get(handMadeRef), "the hand-made object is untouched\n" + context);
            // The owner's own actions succeed: create where nothing is, update and delete its own.
            switch (step.kind()) {
                case APPLY -> {
                    boolean free = wasRecorded || !before.containsKey(expectedRef);
                    if (free && !ok) fail("a legitimate apply was refused\n" + context);
                    if (!free) assertTrue(!ok, "an apply over another's object must be refused\n" + context);
                }
                case DELETE -> assertTrue(ok, "deleting its own deployment succeeds\n" + context);
                default -> {
                }
            }
        }
    }

    /** A reference to an object that is not this owner's (another environment's, or the hand-made one). */
    private static String othersRef(Map<String, EngineObject> objects, Owner owner) {
        return objects.entrySet().stream().filter(e -> !owner.equals(e.getValue().owner())).map(Map.Entry::getKey).sorted()
                .findFirst().orElse(null);
    }
}
