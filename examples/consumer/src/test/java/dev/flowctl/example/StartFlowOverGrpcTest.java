package dev.flowctl.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.flowctl.proto.v1.RunRef;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import risk.flows.fleet_features.v1.FleetFeaturesInput;
import risk.flows.fleet_features.v1.proto.FleetFeaturesGrpc;

/**
 * What an application team does with the generated contract: build a checked input, serialise
 * it, and start the flow through the generated gRPC service (here a server in-process that
 * stands in for the platform's front door and keeps what it received).
 */
class StartFlowOverGrpcTest {
    private final List<risk.flows.fleet_features.v1.proto.FleetFeaturesInput> received = new CopyOnWriteArrayList<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(new FleetFeaturesGrpc.FleetFeaturesImplBase() {
            @Override
            public void start(risk.flows.fleet_features.v1.proto.FleetFeaturesInput request, StreamObserver<RunRef> response) {
                received.add(request);
                response.onNext(RunRef.newBuilder().setRunId("run-" + request.getFleetId()).setFlow("fleet_features").setVersion("v1").build());
                response.onCompleted();
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void buildSerialiseAndStartARun() throws Exception {
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

        var request = risk.flows.fleet_features.v1.proto.FleetFeaturesInput.newBuilder()
                .setFleetId(input.fleetId())
                .setOutput(input.output())
                .setMode(risk.flows.fleet_features.v1.proto.FleetFeaturesInput.Mode.MODE_FULL)
                .setAsOf(input.asOf().orElseThrow().toString())
                .setReceivedAfter(Timestamp.newBuilder().setSeconds(input.receivedAfter().orElseThrow().getEpochSecond()))
                .addWeatherSources(risk.flows.fleet_features.v1.proto.FleetFeaturesInput.WeatherSources.WEATHER_SOURCES_NOAA)
                .putAllReviewers(input.reviewers().orElseThrow())
                .setLimits(risk.flows.fleet_features.v1.proto.FleetFeaturesInput.Limits.newBuilder().setMaxRows(1000))
                .build();
        // Serialised on the wire and read back unchanged.
        byte[] wire = request.toByteArray();
        assertEquals(request, risk.flows.fleet_features.v1.proto.FleetFeaturesInput.parseFrom(wire));

        RunRef run = FleetFeaturesGrpc.newBlockingStub(channel).start(request);

        assertEquals("run-fleet-7", run.getRunId());
        assertEquals(List.of(request), received);
        var got = received.get(0);
        assertTrue(got.hasMode(), "explicit presence: the server can tell a mode that was sent");
        assertTrue(!got.hasMonths(), "and one that was left out, so the flow applies its default");
        assertEquals(1000, got.getLimits().getMaxRows());
    }
}
