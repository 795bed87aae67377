package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.gateway.Applied;
import dev.flowctl.gateway.AppliedSource;
import dev.flowctl.gateway.Gateway;
import dev.flowctl.gateway.GatewayListener;
import dev.flowctl.gateway.StartEvent;
import dev.flowctl.gateway.ops.CallLog;
import dev.flowctl.gateway.ops.MetricsEndpoint;
import dev.flowctl.gateway.ops.RunEvents;
import dev.flowctl.gateway.ops.RunLog;
import dev.flowctl.gateway.ops.RunMetrics;
import dev.flowctl.gateway.security.GatewayLimits;
import dev.flowctl.gateway.security.GatewaySecurity;
import dev.flowctl.gateway.security.TlsSettings;
import dev.flowctl.gateway.security.TokenFile;
import dev.flowctl.gateway.security.Tokens;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.StateBackend;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "serve", description = {
        "Serve every deployed flow version over gRPC: its generated service, the generic flowctl.v1.Runs, health and reflection.",
        "",
        "Reads the applied state of the environment (not flows.yaml's versions) and serves <package>.<Flow>/Start for each "
                + "deployed version, from the same descriptors codegen writes, so a caller compiles the generated .proto and "
                + "calls it. Every start checks its input against the applied schema. The gateway polls the state and serves "
                + "a newly applied version, or stops serving a deleted one, without a restart. Ctrl-C or SIGTERM lets calls "
                + "in flight finish, then stops. See docs/calling-flows.md."},
        exitCodeList = {
                "0:Stopped by Ctrl-C or SIGTERM after the calls in flight finished.",
                "1:An error: flows.yaml, state or the engine could not be read, or the address cannot be bound."},
        footer = {
                "%nExamples:",
                "  flowctl serve",
                "      Serve the embedded default on 127.0.0.1:50051.",
                "  flowctl serve -e prod --listen 127.0.0.1:0",
                "      Serve prod's applied state on any free port (printed on start)."})
final class ServeCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:50051",
            description = "Where to listen (default: ${DEFAULT-VALUE}); port 0 takes any free port.")
    String listen;

    @Option(names = "--reload-every", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to check whether the state changed (default: ${DEFAULT-VALUE}); a check is a file stat or an S3 HEAD.")
    String reloadEvery;

    @Option(names = "--watch-every", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often Runs/Watch asks the engine about a run (default: ${DEFAULT-VALUE}).")
    String watchEvery;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (PEM); needed on any non-loopback address.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PEM, PKCS#8).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM", description = "Require client certificates signed by this CA (mTLS).")
    Path tlsClientCa;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "Bearer tokens (their SHA-256) and what each may start; or set FLOWCTL_SERVE_TOKENS. Needed on any non-loopback address.")
    Path tokens;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics on HOST:PORT at /metrics, e.g. 127.0.0.1:9464 (default: off).")
    String metricsListen;

    @Option(names = "--max-concurrent-calls", paramLabel = "N", defaultValue = "256",
            description = "Calls served at once; more get RESOURCE_EXHAUSTED (default: ${DEFAULT-VALUE}).")
    int maxConcurrentCalls;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "4194304",
            description = "The largest request accepted (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "the gateway did not start";
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        InetSocketAddress address = address(listen, "--listen");
        if (maxConcurrentCalls < 1 || maxMessageBytes < 1024) {
            throw new UserError("--max-concurrent-calls must be at least 1 and --max-message-bytes at least 1024.");
        }
        GatewaySecurity security = GatewaySecurity.configure(address, tls(), tokens(),
                new GatewayLimits(maxConcurrentCalls, maxMessageBytes));
        // One log line per run started or refused (never a token or an input), also without --debug.
        System.setProperty("org.slf4j.simpleLogger.log." + RunLog.LOGGER_NAME, "info");
        RunMetrics metrics = new RunMetrics();
        CallLog calls = new CallLog(Workspace.callLogFile(options), java.time.Clock.systemUTC());
        if (!calls.owned()) {
            err.println("Warning: " + calls.file() + " is not a call log flowctl wrote, so the gateway leaves it alone and records"
                    + " no calls; move it away to let plan warn before deleting a version callers still call.");
        }
        RunEvents events = RunEvents.all(new RunLog(), metrics, calls);
        MetricsEndpoint endpoint = metricsListen == null ? null : MetricsEndpoint.start(address(metricsListen, "--metrics-listen"), metrics);
        Serving serving;
        try {
            serving = Serving.open(options, address, Durations.parse(reloadEvery, "--reload-every"),
                    Durations.parse(watchEvery, "--watch-every"), GatewayListener.all(List.of(printing(out, err), reporting(events))),
                    security, events);
        } catch (RuntimeException | Error e) {
            if (endpoint != null) endpoint.close();
            throw e;
        }
        if (endpoint != null) serving.onClose(endpoint);
        serving.onClose(flushing(calls));
        Thread stop = new Thread(serving::close, "flowctl-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(stop);
        InetSocketAddress bound = serving.gateway.address();
        synchronized (out) {
            out.println("Listening on " + bound.getHostString() + ":" + bound.getPort() + " (Ctrl-C stops after the calls in flight).");
            out.flush();
        }
        serving.gateway.awaitTermination();
        return ExitCode.OK;
    }

    private TlsSettings tls() {
        if (tlsCert == null && tlsKey == null && tlsClientCa == null) return null;
        if (tlsCert == null || tlsKey == null) throw new UserError("--tls-cert and --tls-key go together: give both.");
        return new TlsSettings(tlsCert, tlsKey, tlsClientCa);
    }

    private Tokens tokens() {
        if (tokens != null) return TokenFile.load(tokens);
        return TokenFile.fromEnvironment(System.getenv(), TokenFile.ENVIRONMENT_VARIABLE).orElse(null);
    }

    /**
     * Writes the call log every few seconds while calls come, and once more when the gateway stops (the
     * returned closeable); a failed write is tried again at the next tick, never fails a call.
     */
    private static AutoCloseable flushing(CallLog calls) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowctl-call-log");
            t.setDaemon(true);
            return t;
        });
        Runnable flush = () -> {
            try {
                calls.flush();
            } catch (java.io.IOException | RuntimeException e) {
                // the next tick tries again; the counts stay in memory
            }
        };
        timer.scheduleWithFixedDelay(flush, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            flush.run();
        };
    }

    /** Every start and refusal the gateway reports, to the run log and the metrics. */
    static GatewayListener reporting(RunEvents events) {
        return new GatewayListener() {
            @Override
            public void runStarted(StartEvent e) {
                events.started(e.address(), e.runId(), e.caller(), e.latency());
            }

            @Override
            public void runRefused(StartEvent e) {
                events.refused(e.address(), e.caller(), e.outcome(), e.latency());
            }

            @Override
            public void deprecatedCalled(FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation, String caller) {
                events.deprecatedCalled(address, deprecation, caller);
            }
        };
    }

    /** One line per reload: what is served now, or why a changed state could not be. */
    private static GatewayListener printing(PrintWriter out, PrintWriter err) {
        return new GatewayListener() {
            @Override
            public void served(List<String> versions, long serial) {
                synchronized (out) {
                    out.println(versions.isEmpty() ? "Serving no flow version (nothing applied); Runs, health and reflection are up."
                            : "Serving " + String.join(", ", versions) + " (state serial " + serial + ").");
                    out.flush();
                }
            }

            @Override
            public void reloadFailed(String message) {
                synchronized (err) {
                    err.println("Warning: the state changed but cannot be served; still serving the previous versions: " + message);
                    err.flush();
                }
            }
        };
    }

    static InetSocketAddress address(String text, String option) {
        int colon = text.lastIndexOf(':');
        String host = colon <= 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new UserError(option + " " + text + " is not HOST:PORT; write e.g. 127.0.0.1:50051 (port 0: any free port).");
        }
        try {
            // Any address other than loopback needs TLS and tokens: GatewaySecurity.configure refuses it otherwise.
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UserError(option + " " + text + ": unknown host " + host + "; write an IP address such as 127.0.0.1.");
        }
    }

    /** A running gateway with the engine and state backend it reads, closed together. */
    static final class Serving implements AutoCloseable {
        final Gateway gateway;
        private final FlowEngine engine;
        private final StateBackend backend;

        private Serving(Gateway gateway, FlowEngine engine, StateBackend backend) {
            this.gateway = gateway;
            this.engine = engine;
            this.backend = backend;
        }

        /** Starts serving the workspace's environment over its state backend and engine. */
        static Serving open(WorkspaceOptions options, InetSocketAddress address, Duration reloadEvery,
                            Duration watchEvery, GatewayListener listener, GatewaySecurity security, RunEvents events) {
            Workspace ws = Workspace.loadForRuns(options);
            StateBackend backend = ws.stateBackend();
            FlowEngine engine = null;
            try {
                engine = ws.engine();
                WorkspaceSource source = new WorkspaceSource(options, backend, new AtomicReference<>(ws.spec));
                Gateway gateway = Gateway.builder(source, engine).listen(address).reloadEvery(reloadEvery).watchEvery(watchEvery)
                        .listener(listener).credentials(security.credentials()).interceptors(security.interceptors(events))
                        .maxInboundMessageBytes(security.maxInboundMessageBytes())
                        .accessPolicy(a -> security.authorize(a, source.owner(a))).start();
                return new Serving(gateway, engine, backend);
            } catch (UncheckedIOException e) {
                close(engine, backend);
                throw new UserError(ErrorCode.GATEWAY_LISTEN_FAILED, "cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + e.getCause().getMessage()
                        + "); choose another --listen port.");
            } catch (RuntimeException | Error e) {
                close(engine, backend);
                throw e;
            }
        }

        private static void close(FlowEngine engine, StateBackend backend) {
            try {
                if (engine != null) engine.close();
            } finally {
                backend.close();
            }
        }

        private final List<AutoCloseable> alsoClose = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** Closes {@code c} after the gateway stopped (the metrics endpoint). */
        void onClose(AutoCloseable c) {
            alsoClose.add(c);
        }

        @Override
        public void close() {
            try {
                gateway.close();
            } finally {
                close(engine, backend);
                for (AutoCloseable c : alsoClose) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // stopping: nothing more to do with it
                    }
                }
            }
        }
    }

    /**
     * The workspace as the gateway reads it: the fingerprint of its state, and on a change flows.yaml,
     * flows.lock (the numbers callers compiled) and the state read again.
     */
    private record WorkspaceSource(WorkspaceOptions options, StateBackend backend, AtomicReference<Spec> spec) implements AppliedSource {
        @Override
        public String fingerprint() {
            return backend.fingerprint();
        }

        @Override
        public Applied read() {
            Workspace ws = Workspace.loadForRuns(options);
            spec.set(ws.spec);
            return new Applied(ws.spec, ws.environment, FlowsLock.read(ws.spec.baseDir().resolve("flows.lock")), Workspace.readState(backend));
        }

        /** The flow's owner in flows.yaml as last read, for tokens granted by owner; null when it names none. */
        String owner(FlowVersionAddress address) {
            FlowSpec flow = spec.get().flows().get(address.flow());
            return flow == null ? null : flow.owner();
        }
    }
}
