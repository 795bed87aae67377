package dev.flowctl.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.codegen.SharedContracts;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunState;
import dev.flowctl.runtime.JsonText;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Names;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The generic {@code flowctl.v1.Runs} service (flowctl/v1/runs.proto, written by codegen): start a run
 * of any deployed version with a JSON input, get, cancel, list and watch runs. Served from the
 * descriptors codegen builds, with dynamic messages, so the cli build needs no protoc.
 */
final class RunsService {
    static final ServiceDescriptor SERVICE = SharedContracts.runs().findServiceByName("Runs");
    /** Runs/Start's full name, made once rather than on every Start. */
    private static final String START = io.grpc.MethodDescriptor.generateFullMethodName(SERVICE.getFullName(), "Start");
    private static final Descriptor RUN_INFO = SharedContracts.runs().findMessageTypeByName("RunInfo");
    private static final Descriptor LIST_RESPONSE = SharedContracts.runs().findMessageTypeByName("ListRunsResponse");
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Supplier<Catalog> current;
    private final StartCalls starts;
    private final AccessPolicy policy;
    private final ScheduledExecutorService watches;
    private final Duration watchEvery;

    RunsService(Supplier<Catalog> current, StartCalls starts, AccessPolicy policy, ScheduledExecutorService watches, Duration watchEvery) {
        this.current = current;
        this.starts = starts;
        this.policy = policy;
        this.watches = watches;
        this.watchEvery = watchEvery;
    }

    ServerServiceDefinition definition() {
        io.grpc.ServiceDescriptor.Builder service = DynamicSchema.service(SERVICE);
        SERVICE.getMethods().forEach(m -> service.addMethod(DynamicSchema.method(m)));
        io.grpc.ServiceDescriptor built = service.build();
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(built);
        b.addMethod(method(built, "Start"), ServerCalls.asyncUnaryCall(this::start));
        b.addMethod(method(built, "Get"), ServerCalls.asyncUnaryCall((req, res) -> unary(res, () -> info(current.get().runs.describe(ref(req))))));
        b.addMethod(method(built, "Cancel"), ServerCalls.asyncUnaryCall((req, res) -> unary(res, () -> {
            RunRef ref = ref(req);
            current.get().runs.cancel(ref);
            return info(current.get().runs.describe(ref));
        })));
        b.addMethod(method(built, "List"), ServerCalls.asyncUnaryCall((req, res) -> unary(res, () -> list(req))));
        b.addMethod(method(built, "Watch"), ServerCalls.asyncServerStreamingCall(this::watch));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method(io.grpc.ServiceDescriptor service, String name) {
        String full = io.grpc.MethodDescriptor.generateFullMethodName(SERVICE.getFullName(), name);
        return (io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage>) service.getMethods().stream()
                .filter(m -> m.getFullMethodName().equals(full)).findFirst().orElseThrow();
    }

    private void start(DynamicMessage request, StreamObserver<DynamicMessage> response) {
        FlowVersionAddress address;
        try {
            address = address(text(request, "flow"), text(request, "version"));
        } catch (RuntimeException e) {
            starts.start(START, null, c -> {
                throw e;
            }, response);
            return;
        }
        String inputJson = text(request, "input_json");
        starts.start(START, address, catalog -> {
            ProtoInputs inputs = catalog.inputs(address);
            if (inputs == null) catalog.runs.deployed(address); // throws NOT_FOUND naming what is live
            JsonNode input = parse(inputJson);
            return inputs == null ? input : inputs.canonicalSpelling(input);
        }, response);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) text = "{}";
        try {
            JsonNode node = JsonText.read(JSON, text); // one value: nothing but whitespace after it
            if (node == null || !node.isObject()) throw new IllegalArgumentException("input_json must be a JSON object, e.g. {\"fleet_id\": \"f-1\"}.");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("input_json is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        }
    }

    private DynamicMessage list(DynamicMessage request) {
        FlowVersionAddress address = address(text(request, "flow"), text(request, "version"));
        policy.check(address);
        long asked = (Long) request.getField(field(request, "limit"));
        if (asked < 0) throw new IllegalArgumentException("limit must be 0 (the default, " + DEFAULT_LIMIT + ") or more.");
        int limit = asked == 0 ? DEFAULT_LIMIT : (int) Math.min(asked, MAX_LIMIT);
        DynamicMessage.Builder out = DynamicMessage.newBuilder(LIST_RESPONSE);
        FieldDescriptor runs = LIST_RESPONSE.findFieldByName("runs");
        for (RunInfo r : current.get().runs.runs(address, limit)) out.addRepeatedField(runs, info(r));
        return out.build();
    }

    /** Polls the engine and sends the run's state whenever it changes, then completes once it has ended. */
    private void watch(DynamicMessage request, StreamObserver<DynamicMessage> response) {
        ServerCallStreamObserver<DynamicMessage> call = (ServerCallStreamObserver<DynamicMessage>) response;
        RunRef ref;
        try {
            ref = ref(request);
        } catch (RuntimeException e) {
            response.onError(Statuses.of(e));
            return;
        }
        new Watch(ref, call).poll();
    }

    private final class Watch {
        private final RunRef ref;
        private final ServerCallStreamObserver<DynamicMessage> call;
        private RunInfo last;

        Watch(RunRef ref, ServerCallStreamObserver<DynamicMessage> call) {
            this.ref = ref;
            this.call = call;
        }

        void poll() {
            if (call.isCancelled()) return;
            try {
                RunInfo now = current.get().runs.describe(ref);
                if (last == null || now.state() != last.state()) call.onNext(info(now));
                last = now;
                if (now.state().terminal()) {
                    call.onCompleted();
                    return;
                }
                watches.schedule(this::poll, watchEvery.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                call.onError(Status.UNAVAILABLE.withDescription("the gateway is shutting down; watch the run again elsewhere.").asRuntimeException());
            } catch (RuntimeException e) {
                call.onError(Statuses.of(e));
            }
        }
    }

    private static void unary(StreamObserver<DynamicMessage> response, Supplier<DynamicMessage> answer) {
        DynamicMessage value;
        try {
            value = answer.get();
        } catch (RuntimeException e) {
            response.onError(Statuses.of(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    /** A RunRef from a request, its version checked against the access policy. */
    private RunRef ref(DynamicMessage request) {
        FlowVersionAddress address = address(text(request, "flow"), text(request, "version"));
        String runId = text(request, "run_id");
        if (runId.isEmpty() || runId.length() > 2048) throw new IllegalArgumentException("run_id must be the id Start returned (1 to 2048 characters).");
        policy.check(address);
        return new RunRef(address, runId);
    }

    private static FlowVersionAddress address(String flow, String version) {
        if (!Names.FLOW.matcher(flow).matches() || !Names.VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("flow and version must name a flow version, e.g. flow \"fleet_features\", version \"v1\".");
        }
        return new FlowVersionAddress(flow, version);
    }

    private static String text(DynamicMessage m, String name) {
        return (String) m.getField(field(m, name));
    }

    private static FieldDescriptor field(DynamicMessage m, String name) {
        return m.getDescriptorForType().findFieldByName(name);
    }

    static DynamicMessage info(RunInfo r) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(RUN_INFO).setField(RUN_INFO.findFieldByName("run"), StartCalls.runRef(r.ref()))
                .setField(RUN_INFO.findFieldByName("state"), RUN_INFO.findEnumTypeByName("State").findValueByName("STATE_" + r.state().name()));
        if (r.startedAt() != null) b.setField(RUN_INFO.findFieldByName("started_at"), timestamp(r.startedAt()));
        if (r.stoppedAt() != null) b.setField(RUN_INFO.findFieldByName("stopped_at"), timestamp(r.stoppedAt()));
        if (r.error() != null) b.setField(RUN_INFO.findFieldByName("error"), r.error());
        if (r.output() != null) b.setField(RUN_INFO.findFieldByName("output"), r.output());
        return b.build();
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    /** Every state has its constant in runs.proto: checked once when the class loads. */
    static {
        for (RunState s : RunState.values()) {
            if (RUN_INFO.findEnumTypeByName("State").findValueByName("STATE_" + s.name()) == null) {
                throw new IllegalStateException("runs.proto has no STATE_" + s.name());
            }
        }
        List.of("Start", "Get", "Cancel", "List", "Watch").forEach(n -> {
            MethodDescriptor m = SERVICE.findMethodByName(n);
            if (m == null) throw new IllegalStateException("runs.proto has no Runs/" + n);
        });
    }
}
