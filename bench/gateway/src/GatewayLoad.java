import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.codegen.Language;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.codegen.SharedContracts;
import dev.flowctl.spec.SpecParser;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load client of bench/gateway: CLIENTS threads, each with a connection of its own, call a flow
 * version's generated Start (the message type codegen generates, as a caller compiles it) until CALLS
 * calls were made in all, after WARMUP calls that are not counted. Prints one key=value line per figure.
 *
 * usage: GatewayLoad HOST:PORT FLOWS_YAML FLOW@VERSION CLIENTS CALLS WARMUP
 */
public final class GatewayLoad {
    public static void main(String[] args) throws Exception {
        String[] hostPort = args[0].split(":");
        Path spec = Path.of(args[1]);
        String address = args[2];
        int clients = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);

        ProtoInputs contract = ProtoInputs.of(Codegen.render(SpecParser.parse(spec), FlowsLock.read(spec.resolveSibling("flows.lock")),
                Set.of(Language.PROTO))).get(address);
        Descriptor input = contract.descriptor();
        Descriptor runRef = SharedContracts.run().findMessageTypeByName("RunRef");
        MethodDescriptor<DynamicMessage, DynamicMessage> start = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(input.getFile().getServices().get(0).getFullName() + "/Start")
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(input)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(runRef))).build();
        DynamicMessage request = contract.message(new ObjectMapper().readTree("{\"fleet_id\": \"f-1\", \"months\": 12}"));

        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            channels.add(NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext().build());
        }
        if (warmup > 0) {
            phase(channels, start, request, warmup, new long[warmup], new ConcurrentHashMap<>());
            Thread.sleep(500); // the warm-up's last streams close before the measured calls begin
        }
        long[] latencies = new long[calls];
        Map<Status.Code, LongAdder> errors = new ConcurrentHashMap<>();
        long wall = phase(channels, start, request, calls, latencies, errors);
        channels.forEach(ManagedChannel::shutdownNow);

        long failed = errors.values().stream().mapToLong(LongAdder::sum).sum();
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "calls=%d clients=%d wall_s=%.2f throughput_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d%s%n",
                calls, clients, wall / 1e9, calls / (wall / 1e9), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                latencies[calls - 1] / 1e6, failed, failed == 0 ? "" : " by_code=" + new TreeMap<>(errors));
    }

    /** Makes {@code calls} calls from one thread per channel; the wall time in ns. Latencies of failed calls count too. */
    private static long phase(List<ManagedChannel> channels, MethodDescriptor<DynamicMessage, DynamicMessage> start, DynamicMessage request,
                              int calls, long[] latencies, Map<Status.Code, LongAdder> errors) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long begun = System.nanoTime();
        for (ManagedChannel channel : channels) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    try {
                        ClientCalls.blockingUnaryCall(channel, start, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request);
                    } catch (StatusRuntimeException e) {
                        errors.computeIfAbsent(e.getStatus().getCode(), c -> new LongAdder()).increment();
                    }
                    latencies[i] = System.nanoTime() - t;
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) t.join();
        return System.nanoTime() - begun;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
