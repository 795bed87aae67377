package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.flowctl.gateway.ops.CallLog;
import dev.flowctl.gateway.ops.RunMetrics;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls to a deprecated version through the real gateway ({@code flowctl serve} in-process, on the
 * local engine): the answer carries the flowctl-deprecated header, the metrics count it per version,
 * and the call log the gateway keeps makes plan warn before the version is deleted.
 */
class DeprecatedVersionGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FileDescriptor RUNS = SharedContracts.runs();

    @TempDir
    Path dir;

    private Path spec;
    private ServeCommand.Serving serving;
    private ManagedChannel channel;

    private static final String V2 = """
                  v2:
                    inputs:
                      fleet_id: { type: string, required: true }
            """;

    private Path write(String versions) {
        return Cli.write(dir.resolve("flows.yaml"), """
                project: demo
                engine: { type: local, run: python3 flows/run.py }
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                """ + versions);
    }

    @BeforeEach
    void project() {
        assumeTrue(RunCommandTest.python3(), "python3 is not installed: the local engine's run command here is a python3 script");
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/run.py"), "import json, sys\nprint(json.load(sys.stdin))\n");
        spec = write("""
                  v1:
                    deprecated: { replacement: v2, sunset: 2099-03-01, reason: v2 reads the new store }
                    inputs:
                      fleet_id: { type: string, required: true }
            """ + V2);
        assertEquals(ExitCode.OK, Cli.run("apply", "--auto-approve", "-f", spec.toString()).code());
    }

    @AfterEach
    void stop() {
        LocalRunsEnded.await(dir);
        if (channel != null) channel.shutdownNow();
        if (serving != null) serving.close();
    }

    /** Starts a run of {@code address}; returns the flowctl-deprecated value of its response headers (null: none). */
    private String start(String address) {
        ProtoInputs contract = ProtoInputs.of(Codegen.render(SpecParser.parse(spec), FlowsLock.read(dir.resolve("flows.lock")),
                Set.of(Language.PROTO))).get(address);
        Descriptor input = contract.descriptor();
        String service = input.getFile().getServices().get(0).getFullName();
        MethodDescriptor<DynamicMessage, DynamicMessage> m = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(service + "/Start")
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(input)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(
                        RUNS.getDependencies().get(0).findMessageTypeByName("RunRef")))).build();
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        try {
            DynamicMessage request = contract.message(JSON.readTree("{\"fleet_id\": \"f-1\"}"));
            ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)),
                    m, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return headers.get().get(CallContext.DEPRECATED_HEADER);
    }

    @Test
    void aCallToADeprecatedVersionCarriesTheHeaderIsCountedAndMakesItsDeletionAWarning() throws Exception {
        RunMetrics metrics = new RunMetrics();
        CallLog calls = new CallLog(Workspace.callLogFile(options()), java.time.Clock.systemUTC());
        serving = ServeCommandTest.serveOnLoopback(spec, ServeCommand.reporting(RunEvents.all(metrics, calls)));
        channel = NettyChannelBuilder.forAddress(serving.gateway.address()).usePlaintext().build();

        assertEquals("replacement=v2; sunset=2099-03-01", start("scoring@v1"));
        assertEquals("replacement=v2; sunset=2099-03-01", start("scoring@v1"));
        assertEquals(null, start("scoring@v2"), "a version that is not deprecated says nothing");

        String scrape = metrics.scrape();
        assertTrue(scrape.contains("flowctl_gateway_deprecated_calls_total{flow=\"scoring\",version=\"v1\"} 2\n"), scrape);
        assertFalse(scrape.contains("flowctl_gateway_deprecated_calls_total{flow=\"scoring\",version=\"v2\"}"), scrape);

        calls.flush();
        Path withoutV1 = write(V2);
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", withoutV1.toString());
        assertEquals(ExitCode.OK, plan.code(), plan.toString());
        assertTrue(plan.out().contains("scoring@v1 was called 2 times through the gateway in the last 30 days"), plan.out());
        assertTrue(plan.out().contains("[DELETE_RECENTLY_CALLED]"), plan.out());
        assertTrue(plan.out().contains("[DELETE_BEFORE_SUNSET]"), plan.out());
    }

    private WorkspaceOptions options() {
        WorkspaceOptions options = new WorkspaceOptions();
        options.file = spec;
        return options;
    }
}
