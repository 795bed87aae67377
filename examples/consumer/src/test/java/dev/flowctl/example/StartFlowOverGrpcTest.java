package dev.flowctl.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import dev.flowctl.cli.Main;
import dev.flowctl.proto.v1.RunInfo;
import dev.flowctl.proto.v1.RunRef;
import dev.flowctl.proto.v1.RunsGrpc;
import dev.flowctl.runtime.InvalidInputException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import risk.flows.fleet_features.v1.FleetFeaturesInput;
import risk.flows.fleet_features.v1.proto.FleetFeaturesServiceGrpc;

/**
 * What an application team does with the generated contract: build a checked input with the
 * generated builder, send it through the generated gRPC stub to the platform's front door — the
 * real {@code flowctl serve}, started as its own process on this example project (a temp copy,
 * applied to the embedded engine whose run command needs only python3) — and follow the run with
 * the generated Runs stub until it ends.
 */
class StartFlowOverGrpcTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("^Listening on (\\S+):(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path project;
    private static Process gateway;
    private static final StringBuffer gatewayPrinted = new StringBuffer();
    private static ManagedChannel channel;

    @BeforeAll
    static void serve() throws Exception {
        assumeTrue(python3(), "python3 is not installed: this example's run command is a python3 script");
        project = dir.resolve("examples/consumer");
        copy(REPO.resolve("examples/consumer/flows.yaml"), project.resolve("flows.yaml"));
        copy(REPO.resolve("examples/consumer/flows.lock"), project.resolve("flows.lock"));
        copy(REPO.resolve("examples/consumer/flows/fleet_features.py"), project.resolve("flows/fleet_features.py"));
        copy(REPO.resolve("examples/consumer/flows/risk_score.py"), project.resolve("flows/risk_score.py"));
        copy(REPO.resolve("examples/flows/run_local.py"), dir.resolve("examples/flows/run_local.py"));
        Path spec = project.resolve("flows.yaml");

        StringWriter out = new StringWriter();
        int applied = Main.run(new PrintWriter(out), new PrintWriter(out), "apply", "--auto-approve", "-f", spec.toString());
        assertEquals(0, applied, out::toString);

        String classpath = Files.readString(Path.of(System.getProperty("flowctl.classpath", "target/flowctl.classpath"))).strip();
        gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                Main.class.getName(), "serve", "-f", spec.toString(), "--listen", "127.0.0.1:0", "--watch-every", "100ms")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // A hang guard, not a timing assertion: the gateway prints where it listens once it is up.
        String[] address = CompletableFuture.supplyAsync(StartFlowOverGrpcTest::listening).get(120, TimeUnit.SECONDS);
        channel = NettyChannelBuilder.forAddress(address[0], Integer.parseInt(address[1])).usePlaintext().build();
    }

    /** Reads what the gateway prints up to its "Listening on HOST:PORT" line, then keeps draining it in the background. */
    private static String[] listening() {
        BufferedReader lines = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                gatewayPrinted.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> lines.lines().forEach(l -> gatewayPrinted.append(l).append('\n')), "gateway-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new String[] {m.group(1), m.group(2)};
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("flowctl serve stopped before listening:\n" + gatewayPrinted);
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        if (gateway != null) {
            gateway.destroy();   // SIGTERM: the gateway lets calls in flight finish, then stops
            if (!gateway.waitFor(60, TimeUnit.SECONDS)) gateway.destroyForcibly().waitFor();
        }
    }

    @Test
    void aCheckedInputStartsARunThatRunsWatchFollowsToSuccess() throws Exception {
        FleetFeaturesInput input = FleetFeaturesInput.builder()
                .fleetId("fleet-7")
                .output("s3://risk-features/fleet-7/")
                .mode(FleetFeaturesInput.Mode.FULL)
                .asOf(LocalDate.of(2024, 3, 31))
                .receivedAfter(Instant.parse("2024-01-01T00:00:00Z"))
                .weatherSources(List.of(FleetFeaturesInput.WeatherSources.NOAA, FleetFeaturesInput.WeatherSources.METEOMATICS))
                .reviewers(Map.of("alice", 3L))
                .limits(FleetFeaturesInput.Limits.builder().maxRows(1000L).build())
                .build();

        // The engine's execution input: exactly the inputs set, enum values as written in flows.yaml.
        String json = input.toJson();
        assertEquals("{\"fleet_id\":\"fleet-7\",\"output\":\"s3://risk-features/fleet-7/\",\"mode\":\"full\",\"as_of\":\"2024-03-31\","
                + "\"received_after\":\"2024-01-01T00:00:00Z\",\"weather_sources\":[\"noaa\",\"meteomatics\"],"
                + "\"reviewers\":{\"alice\":3},\"limits\":{\"max_rows\":1000}}", json);
        // Flow code on the JVM parses it back to the same typed value, defaults applied on read.
        FleetFeaturesInput parsed = FleetFeaturesInput.fromJson(json);
        assertEquals(input, parsed);
        assertEquals(24L, parsed.months());
        assertEquals(FleetFeaturesInput.Limits.Priority.LOW, parsed.limits().get().priority());

        var request = request(input);
        // Serialised on the wire and read back unchanged; explicit presence tells a mode sent from one left out.
        assertEquals(request, risk.flows.fleet_features.v1.proto.FleetFeaturesInput.parseFrom(request.toByteArray()));
        assertTrue(request.hasMode() && !request.hasMonths());

        RunRef run = FleetFeaturesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).start(request);
        assertEquals("fleet_features", run.getFlow());
        assertEquals("v1", run.getVersion());
        assertFalse(run.getRunId().isEmpty());

        List<RunInfo.State> states = new ArrayList<>();
        RunsGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS).watch(run)
                .forEachRemaining(info -> states.add(info.getState()));
        assertEquals(RunInfo.State.STATE_SUCCEEDED, states.get(states.size() - 1), states + "\n" + gatewayPrinted);

        // The flow got the checked canonical input: what the builder held, with the defaults of what was left out.
        assertEquals(JSON.readTree("{\"fleet_id\":\"fleet-7\",\"months\":24,\"output\":\"s3://risk-features/fleet-7/\",\"mode\":\"full\","
                        + "\"as_of\":\"2024-03-31\",\"received_after\":\"2024-01-01T00:00:00Z\",\"weather_sources\":[\"noaa\",\"meteomatics\"],"
                        + "\"reviewers\":{\"alice\":3},\"limits\":{\"max_rows\":1000,\"priority\":\"low\"}}"),
                JSON.readTree(runFile(run, "input.json")));
        assertTrue(runFile(run, "log").contains("fleet_features@v1 done"), () -> runFile(run, "log"));
    }

    @Test
    void theGatewayRefusesWhatTheCheckedBuilderRefusesNamingTheField() throws Exception {
        var builderSays = assertThrows(InvalidInputException.class,
                () -> FleetFeaturesInput.builder().fleetId("fleet-7").output("/tmp/out").build());

        // A caller that skips the builder: the gateway checks the same rule against the applied schema.
        var unchecked = risk.flows.fleet_features.v1.proto.FleetFeaturesInput.newBuilder().setFleetId("fleet-7").setOutput("/tmp/out").build();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> FleetFeaturesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).start(unchecked));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        // One check behind both: the same field paths and the same messages.
        assertEquals(builderSays.violations().stream().map(v -> v.path() + ": " + v.message()).toList(),
                status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                        .map(f -> f.getField() + ": " + f.getDescription()).toList(), refused::toString);
        assertEquals(List.of("output"), builderSays.violations().stream().map(v -> v.path()).toList());
    }

    /** The generated message for a checked input: each set value, enum constants by their flows.yaml value. */
    private static risk.flows.fleet_features.v1.proto.FleetFeaturesInput request(FleetFeaturesInput input) {
        var proto = risk.flows.fleet_features.v1.proto.FleetFeaturesInput.newBuilder()
                .setFleetId(input.fleetId())
                .setOutput(input.output())
                .setMode(risk.flows.fleet_features.v1.proto.FleetFeaturesInput.Mode.valueOf("MODE_" + input.mode().name()));
        input.asOf().ifPresent(d -> proto.setAsOf(d.toString()));
        input.receivedAfter().ifPresent(t -> proto.setReceivedAfter(Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano())));
        input.weatherSources().forEach(w -> proto.addWeatherSources(
                risk.flows.fleet_features.v1.proto.FleetFeaturesInput.WeatherSources.valueOf("WEATHER_SOURCES_" + w.name())));
        input.reviewers().ifPresent(proto::putAllReviewers);
        input.limits().ifPresent(l -> proto.setLimits(risk.flows.fleet_features.v1.proto.FleetFeaturesInput.Limits.newBuilder()
                .setMaxRows(l.maxRows())
                .setPriority(risk.flows.fleet_features.v1.proto.FleetFeaturesInput.Limits.Priority.valueOf("PRIORITY_" + l.priority().name()))));
        return proto.build();
    }

    /** A file of the run in the embedded engine's run directory (docs/engines.md): input.json, log. */
    private static String runFile(RunRef run, String name) {
        try {
            return Files.readString(project.resolve(".flowctl/runs/risk/fleet_features/v1").resolve(run.getRunId()).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
