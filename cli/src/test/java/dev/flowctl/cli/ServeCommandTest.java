package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.codegen.Language;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.codegen.SharedContracts;
import dev.flowctl.gateway.CallContext;
import dev.flowctl.gateway.GatewayListener;
import dev.flowctl.gateway.ops.RunEvents;
import dev.flowctl.gateway.security.GatewayLimits;
import dev.flowctl.gateway.security.GatewaySecurity;
import dev.flowctl.gateway.security.TokenFile;
import dev.flowctl.gateway.security.Tokens;
import dev.flowctl.spec.SpecParser;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.flowctl.engine.local.LocalRunsEnded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flowctl serve end to end on the embedded default, over real Netty on loopback: a project is
 * applied with a local engine whose run command is a python3 script, the gateway serves it, and a
 * client calls the generated service with the message type codegen generates for it, follows the
 * run through Runs/Watch, and sees the status codes it can act on. Live reload applies and deletes
 * versions while the gateway runs.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FileDescriptor RUNS = SharedContracts.runs();

    @TempDir
    Path dir;

    private Path spec;
    private ServeCommand.Serving serving;
    private ManagedChannel channel;
    private final BlockingQueue<List<String>> served = new LinkedBlockingQueue<>();

    @BeforeEach
    void project() {
        assumeTrue(RunCommandTest.python3(), "python3 is not installed: the local engine's run command here is a python3 script");
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/run.py"), """
                import json, sys
                inputs = json.load(sys.stdin)
                print("running with", json.dumps(inputs, sort_keys=True))
                """);
        spec = Cli.write(dir.resolve("flows.yaml"), specWith("""
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          months:   { type: int, default: 24 }
                          mode:     { type: enum, values: [fast, slow], default: fast }
                """));
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
    }

    private static String specWith(String versions) {
        return """
                project: demo
                engine: { type: local, run: python3 flows/run.py }
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                """ + versions;
    }

    @AfterEach
    void stop() {
        LocalRunsEnded.await(dir);
        if (channel != null) channel.shutdownNow();
        if (serving != null) serving.close();
    }

    private Cli.Result flowctl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-f";
        all[args.length + 1] = spec.toString();
        return Cli.run(all);
    }

    private void serve() {
        serve(null);
    }

    private void serve(Tokens tokens) {
        serving = serveOnLoopback(spec, new GatewayListener() {
            @Override
            public void served(List<String> versions, long serial) {
                served.add(versions);
            }
        }, tokens);
        channel = NettyChannelBuilder.forAddress(serving.gateway.address()).usePlaintext().build();
    }

    /** {@code flowctl serve -f spec --listen 127.0.0.1:0} in-process, reloading and watching quickly; close it after the test. */
    static ServeCommand.Serving serveOnLoopback(Path spec, GatewayListener listener) {
        return serveOnLoopback(spec, listener, null);
    }

    /** The same, with bearer tokens (null: none). */
    static ServeCommand.Serving serveOnLoopback(Path spec, GatewayListener listener, Tokens tokens) {
        WorkspaceOptions options = new WorkspaceOptions();
        options.file = spec;
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        ServeCommand.Serving serving = ServeCommand.Serving.open(options, loopback, Duration.ofMillis(100), Duration.ofMillis(50),
                listener, GatewaySecurity.configure(loopback, null, tokens, GatewayLimits.DEFAULT), RunEvents.NONE);
        assertNotEquals(0, serving.gateway.address().getPort());
        return serving;
    }

    /** The input type of a version as a caller compiles it: rendered from flows.yaml and flows.lock. */
    private ProtoInputs contract(String address) {
        return ProtoInputs.of(Codegen.render(SpecParser.parse(spec), FlowsLock.read(dir.resolve("flows.lock")), Set.of(Language.PROTO)))
                .get(address);
    }

    private DynamicMessage start(String address, String canonicalInput, String key) throws Exception {
        ProtoInputs contract = contract(address);
        Descriptor input = contract.descriptor();
        String service = input.getFile().getServices().get(0).getFullName();
        MethodDescriptor<DynamicMessage, DynamicMessage> m = unary(service + "/Start", input, RUNS.getDependencies().get(0).findMessageTypeByName("RunRef"));
        return call(m, contract.message(JSON.readTree(canonicalInput)), key);
    }

    private String bearer;

    private DynamicMessage call(MethodDescriptor<DynamicMessage, DynamicMessage> m, DynamicMessage request, String key) {
        io.grpc.Channel ch = channel;
        Metadata headers = new Metadata();
        if (key != null) headers.put(CallContext.IDEMPOTENCY_KEY_HEADER, key);
        if (bearer != null) headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bearer);
        if (key != null || bearer != null) {
            ch = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return ClientCalls.blockingUnaryCall(ch, m, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request);
    }

    private static MethodDescriptor<DynamicMessage, DynamicMessage> unary(String name, Descriptor in, Descriptor out) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder().setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(name)
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(in)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(out))).build();
    }

    private static DynamicMessage runsRequest(String type, Map<String, Object> fields) {
        Descriptor found = RUNS.findMessageTypeByName(type);
        Descriptor d = found != null ? found : RUNS.getDependencies().get(0).findMessageTypeByName(type);
        DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
        fields.forEach((k, v) -> b.setField(d.findFieldByName(k), v));
        return b.build();
    }

    private DynamicMessage runsStart(String flow, String version, String inputJson) {
        DynamicMessage req = runsRequest("StartRunRequest", Map.of("flow", flow, "version", version, "input_json", inputJson));
        return call(unary("flowctl.v1.Runs/Start", req.getDescriptorForType(), RUNS.getDependencies().get(0).findMessageTypeByName("RunRef")), req, null);
    }

    private static Object field(Message m, String name) {
        return m.getField(m.getDescriptorForType().findFieldByName(name));
    }

    /** Runs/Watch until the stream ends; the states seen, in order. */
    private List<String> watch(DynamicMessage runRef) {
        Descriptor info = RUNS.findMessageTypeByName("RunInfo");
        MethodDescriptor<DynamicMessage, DynamicMessage> m = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName("flowctl.v1.Runs/Watch")
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(runRef.getDescriptorForType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(info))).build();
        List<String> states = new ArrayList<>();
        Iterator<DynamicMessage> it = ClientCalls.blockingServerStreamingCall(channel, m, CallOptions.DEFAULT.withDeadlineAfter(120, TimeUnit.SECONDS), runRef);
        it.forEachRemaining(i -> states.add(field(i, "state").toString()));
        return states;
    }

    private void awaitServed(Predicate<List<String>> wanted) throws InterruptedException {
        while (true) {
            List<String> now = served.poll(120, TimeUnit.SECONDS);
            assertTrue(now != null, "the gateway did not reload");
            if (wanted.test(now)) return;
        }
    }

    @Test
    void theGeneratedServiceStartsARunThatRunsWatchFollowsToSuccess() throws Exception {
        serve();
        DynamicMessage ref = start("scoring@v1", "{\"fleet_id\": \"f-1\", \"mode\": \"slow\"}", null);
        assertEquals("scoring", field(ref, "flow"));
        assertEquals("v1", field(ref, "version"));
        String runId = (String) field(ref, "run_id");
        assertTrue(!runId.isEmpty());

        List<String> states = watch(ref);
        assertEquals("STATE_SUCCEEDED", states.get(states.size() - 1), states.toString());

        Cli.Result get = flowctl("runs", "get", "scoring@v1", runId);
        assertTrue(get.out().startsWith("SUCCEEDED " + runId), get::toString);
        assertTrue(get.out().contains("\"fleet_id\": \"f-1\"") || flowctl("runs", "list", "scoring@v1").out().contains(runId), get::toString);
    }

    @Test
    void oneIdempotencyKeyInMetadataStartsOneRun() throws Exception {
        serve();
        DynamicMessage first = start("scoring@v1", "{\"fleet_id\": \"f-1\"}", "order-42");
        DynamicMessage again = start("scoring@v1", "{\"fleet_id\": \"f-1\"}", "order-42");
        DynamicMessage other = start("scoring@v1", "{\"fleet_id\": \"f-1\"}", "order-43");
        assertEquals(field(first, "run_id"), field(again, "run_id"));
        assertNotEquals(field(first, "run_id"), field(other, "run_id"));
    }

    @Test
    void aBadInputIsInvalidArgumentWithAFieldViolationPerField() throws Exception {
        serve();
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> start("scoring@v1", "{\"months\": 3}", null));
        assertEquals(Status.Code.INVALID_ARGUMENT, missing.getStatus().getCode());
        assertEquals(List.of("fleet_id"), violations(missing), missing.getStatus().getDescription());

        StatusRuntimeException viaRuns = assertThrows(StatusRuntimeException.class,
                () -> runsStart("scoring", "v1", "{\"mode\": \"turbo\", \"colour\": 1}"));
        assertEquals(Status.Code.INVALID_ARGUMENT, viaRuns.getStatus().getCode());
        assertEquals(List.of("fleet_id", "mode", "colour"), violations(viaRuns));

        StatusRuntimeException notJson = assertThrows(StatusRuntimeException.class, () -> runsStart("scoring", "v1", "{fleet_id: 1}"));
        assertEquals(Status.Code.INVALID_ARGUMENT, notJson.getStatus().getCode());
        StatusRuntimeException twoValues = assertThrows(StatusRuntimeException.class,
                () -> runsStart("scoring", "v1", "{\"fleet_id\": \"f-1\"} {\"fleet_id\": \"f-2\"}"));
        assertEquals(Status.Code.INVALID_ARGUMENT, twoValues.getStatus().getCode());
        assertEquals("input_json is not valid JSON (Unexpected content after the JSON value (only whitespace may follow it) at line 1,"
                + " column 21).", twoValues.getStatus().getDescription());
        assertEquals("No runs of scoring@v1 yet.\n", flowctl("runs", "list", "scoring@v1").out(), "a refused start starts nothing");
    }

    private static List<String> violations(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertTrue(status != null, e::toString);
        List<BadRequest> badRequests = new java.util.ArrayList<>();
        for (com.google.protobuf.Any detail : status.getDetailsList()) {
            if (detail.is(BadRequest.class)) badRequests.add(detail.unpack(BadRequest.class));
        }
        assertEquals(1, badRequests.size(), e::toString);
        return badRequests.get(0).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }

    @Test
    void aVersionNotDeployedIsNotFoundNamingWhatIsLive() {
        serve();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> runsStart("scoring", "v2", "{}"));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("scoring@v2 is not deployed; deployed versions of scoring: v1.", e.getStatus().getDescription());
    }

    @Test
    void reflectionListsTheFlowServicesRunsAndHealth() throws Exception {
        serve();
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());
        List<String> services = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse r) {
                r.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).forEach(services::add);
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onCompleted() {
                done.countDown();
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertTrue(services.containsAll(List.of("demo.flows.scoring.v1.ScoringService", "flowctl.v1.Runs", "grpc.health.v1.Health")), services.toString());
    }

    @Test
    void anAppliedVersionIsServedAndADeletedOneIsNotFoundWithoutARestart() throws Exception {
        serve();
        awaitServed(v -> v.equals(List.of("scoring@v1")));
        Cli.write(spec, specWith("""
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          months:   { type: int, default: 24 }
                          mode:     { type: enum, values: [fast, slow], default: fast }
                      v2:
                        inputs:
                          fleet_id: { type: string, required: true }
                """));
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        awaitServed(v -> v.contains("scoring@v2"));
        DynamicMessage ref = start("scoring@v2", "{\"fleet_id\": \"f-2\"}", null);
        assertEquals("v2", field(ref, "version"));

        Cli.write(spec, specWith("""
                      v2:
                        inputs:
                          fleet_id: { type: string, required: true }
                """));
        Cli.Result deleted = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.OK, deleted.code(), deleted::toString);
        awaitServed(v -> v.equals(List.of("scoring@v2")));
        Cli.write(spec, specWith("""
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          months:   { type: int, default: 24 }
                          mode:     { type: enum, values: [fast, slow], default: fast }
                      v2:
                        inputs:
                          fleet_id: { type: string, required: true }
                """)); // the caller still has v1's contract
        StatusRuntimeException gone = assertThrows(StatusRuntimeException.class, () -> start("scoring@v1", "{\"fleet_id\": \"f-1\"}", null));
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
        assertTrue(gone.getStatus().getDescription().startsWith("scoring@v1 was deleted on "), gone.getStatus().getDescription());
        assertTrue(gone.getStatus().getDescription().endsWith("; deployed versions of scoring: v2."), gone.getStatus().getDescription());
    }

    /** Any address but loopback needs TLS and tokens: serve refuses to start without them, before reading anything. */
    @Test
    void anAddressOtherThanLoopbackNeedsTlsAndTokens() {
        Cli.Result r = flowctl("serve", "--listen", "0.0.0.0:0");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().startsWith("Error: flowctl serve refuses to listen on "), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    /**
     * An engine that cannot be reached is UNAVAILABLE, which a caller retries with the same idempotency
     * key: a Step Functions project served from moto_server, which stops answering mid-test.
     */
    @Test
    void anEngineThatCannotBeReachedIsUnavailable() throws Exception {
        dev.flowctl.engine.stepfunctions.MotoServer moto = dev.flowctl.engine.stepfunctions.MotoServer.start();
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        try {
            Path sfn = dir.resolve("sfn");
            Cli.write(sfn.resolve("flows/scoring.py"), "print('score')\n");
            Cli.write(sfn.resolve("flows/scoring.asl.json"), "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");
            spec = Cli.write(sfn.resolve("flows.yaml"), """
                    project: unreachable
                    engine: { type: stepfunctions, region: us-east-1, endpoint: "%s", roleArn: "arn:aws:iam::123456789012:role/flows",
                              runOn: machine, timeout: 2s }
                    flows:
                      scoring:
                        source: flows/scoring.py
                        versions:
                          v1:
                            definition: flows/scoring.asl.json
                            inputs:
                              fleet_id: { type: string, required: true }
                    """.formatted(moto.endpoint()));
            assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
            serve();
            assertTrue(((String) field(runsStart("scoring", "v1", "{\"fleet_id\": \"f-1\"}"), "run_id")).startsWith("arn:"));

            moto.close();
            StatusRuntimeException down = assertThrows(StatusRuntimeException.class,
                    () -> runsStart("scoring", "v1", "{\"fleet_id\": \"f-2\"}"));
            assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode(), down::toString);
            assertEquals(1, down.getStatus().getDescription().lines().count(), down::toString);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            moto.close();
        }
    }

    /** TLS files that cannot be used stop serve before it listens, in one sentence. */
    @Test
    void unusableTlsFilesAreOneSentence() throws Exception {
        Path cert = Cli.write(dir.resolve("tls/cert.pem"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        Path key = Cli.write(dir.resolve("tls/key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        Path tokens = Cli.write(dir.resolve("tokens.yaml"), "tokens:\n  - { name: svc-a, sha256: " + sha256("t") + ", flows: [scoring@v1] }\n");
        Cli.Result r = flowctl("serve", "--listen", "0.0.0.0:0", "--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--tokens", tokens.toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().startsWith("Error: ") && r.err().contains(cert.toString()), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    /** With tokens, the real gateway starts a run only for a caller whose token grants that flow version. */
    @Test
    void tokensDecideWhoMayStartWhichFlowVersion() throws Exception {
        Tokens tokens = TokenFile.parse("tokens:\n"
                + "  - { name: svc-a, sha256: " + sha256("token-a") + ", flows: [scoring@v1] }\n"
                + "  - { name: svc-b, sha256: " + sha256("token-b") + ", flows: [other@*] }\n", "the test's token file");
        serve(tokens);
        String input = "{\"fleet_id\": \"f-1\"}";
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class, () -> start("scoring@v1", input, null));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        bearer = "token-b";
        StatusRuntimeException other = assertThrows(StatusRuntimeException.class, () -> start("scoring@v1", input, null));
        assertEquals(Status.Code.PERMISSION_DENIED, other.getStatus().getCode());
        assertTrue(other.getStatus().getDescription().contains("svc-b") && !other.getStatus().getDescription().contains("token-b"),
                other.getStatus().getDescription());
        bearer = "token-a";
        assertTrue(!((String) field(start("scoring@v1", input, null), "run_id")).isEmpty());
    }

    private static String sha256(String token) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
