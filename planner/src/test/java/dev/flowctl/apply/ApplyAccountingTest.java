package dev.flowctl.apply;

import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.Planner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.local.LocalStateBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every planned action ends done, failed or not started; what is deployed is exactly what was planned. */
class ApplyAccountingTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            project: risk
            flows:
              a:
                source: flows/a.py
                versions:
                  v1:
                    definition: flows/a.asl.json
                    inputs:
                      x: { type: string }
              b:
                source: flows/b.py
                versions:
                  v1:
                    inputs:
                      x: { type: string }
            """;

    private Spec spec() throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/a.py"), "print('a')\n");
        Files.writeString(dir.resolve("flows/a.asl.json"), "{\"StartAt\": \"A\", \"States\": {}}\n");
        Files.writeString(dir.resolve("flows/b.py"), "print('b')\n");
        Files.writeString(dir.resolve("flows.yaml"), SPEC);
        return SpecParser.parse(dir.resolve("flows.yaml"));
    }

    /** Deploys into memory, keeping each request; {@code a@v1} throws what {@code failure} gives, if anything. */
    static final class RecordingEngine implements FlowEngine {
        final Map<String, DeploymentRequest> deployed = new ConcurrentHashMap<>();
        final Supplier<Throwable> failure;

        RecordingEngine(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public String type() {
            return "memory";
        }

        @Override
        public Deployment deploy(DeploymentRequest r) {
            String address = r.address().toString();
            Throwable t = failure == null ? null : failure.get();
            if (address.equals("a@v1") && t != null) sneakyThrow(t);
            deployed.put(address, r);
            return new Deployment("mem:" + address);
        }

        @Override
        public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
        }

        @Override
        public List<LiveFlowVersion> list(Owner owner) {
            return List.of();
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
            throw (T) t;
        }
    }

    private ApplyResult apply(Spec spec, FlowEngine engine, ApplyListener listener) {
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".flowctl/state.json"));
        try (ApplySession session = ApplySession.open(backend, LockInfo.forThisProcess("apply", "test"), Duration.ZERO, "test")) {
            Plan plan = new Planner().plan(spec, null, session.state());
            return session.apply(plan, dev.flowctl.plan.SourceFiles.of(spec), engine, 2, listener);
        }
    }

    /** A fresh project: state and its history go (a state deleted alone is refused as lost). */
    private void startOver() throws IOException {
        Path flowctl = dir.resolve(".flowctl");
        if (!Files.exists(flowctl)) return;
        try (java.util.stream.Stream<Path> all = Files.walk(flowctl)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private StateDocument state() {
        return new LocalStateBackend(dir.resolve(".flowctl/state.json")).read().orElseThrow().document();
    }

    @Test
    void anErrorThrownByTheEngineFailsThatActionAndTheCountsAddUp() throws IOException {
        for (Throwable error : List.<Throwable>of(new AssertionError("engine invariant broken"), new StackOverflowError(),
                new NoClassDefFoundError("software/amazon/awssdk/Missing"))) {
            startOver();
            Spec spec = spec();
            ApplyResult result = apply(spec, new RecordingEngine(() -> error), ApplyListener.NONE);

            assertEquals(List.of(FlowVersionAddress.parse("b@v1")), result.succeeded(), error::toString);
            assertEquals(Map.of(FlowVersionAddress.parse("a@v1"), error.toString()), result.failed());
            assertEquals(List.of(), result.skipped());
            assertFalse(result.ok());
            assertEquals(2, result.succeeded().size() + result.failed().size() + result.skipped().size(), "every planned action is accounted for");
            assertFalse(state().versions().containsKey("a@v1"));
        }
    }

    @Test
    void aSourceEditedAfterThePlanFailsItsActionAndIsNotRecorded() throws IOException {
        Spec spec = spec();
        RecordingEngine engine = new RecordingEngine(null);
        ApplyResult result = apply(spec, engine, new ApplyListener() {
            @Override
            public void started(PlannedChange change) {
                // The user edits the flow while apply waits for "yes" or runs the other actions.
                if (change.address().toString().equals("a@v1")) write("flows/a.py", "print('a, edited')\n");
            }
        });

        assertEquals(Map.of(FlowVersionAddress.parse("a@v1"),
                "the source flows/a.py of a@v1 changed since the plan was made; run plan again."), result.failed());
        assertFalse(engine.deployed.containsKey("a@v1"), "nothing was sent to the engine");
        assertFalse(state().versions().containsKey("a@v1"), "state does not record the new hash");
        assertTrue(state().versions().containsKey("b@v1"));
    }

    @Test
    void aDefinitionEditedAfterThePlanFailsItsAction() throws IOException {
        Spec spec = spec();
        RecordingEngine engine = new RecordingEngine(null);
        ApplyResult result = apply(spec, engine, new ApplyListener() {
            @Override
            public void started(PlannedChange change) {
                if (change.address().toString().equals("a@v1")) {
                    write("flows/a.asl.json", "{\"StartAt\": \"B\", \"States\": {}}\n");
                }
            }
        });

        assertEquals(Map.of(FlowVersionAddress.parse("a@v1"),
                "the definition flows/a.asl.json of a@v1 changed since the plan was made; run plan again."), result.failed());
        assertFalse(engine.deployed.containsKey("a@v1"));
    }

    @Test
    void theEngineIsSentTheDefinitionBytesThatWereVerified() throws IOException {
        Spec spec = spec();
        RecordingEngine engine = new RecordingEngine(null);
        ApplyResult result = apply(spec, engine, ApplyListener.NONE);

        assertTrue(result.ok(), result::toString);
        assertArrayEquals("{\"StartAt\": \"A\", \"States\": {}}\n".getBytes(StandardCharsets.UTF_8),
                engine.deployed.get("a@v1").definitionContent());
        assertEquals(null, engine.deployed.get("b@v1").definitionContent(), "no definition, no bytes");
    }

    private void write(String relative, String content) {
        try {
            Files.writeString(dir.resolve(relative), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
