package dev.flowctl.gateway.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} (Prometheus text format 0.0.4) on its own HTTP port, apart from the gRPC
 * port, with the JDK's built-in HTTP server: no TLS or token there, so it binds to loopback unless told
 * otherwise ({@link #DEFAULT_ADDRESS}); a scraper on another host goes through a sidecar or an explicit
 * address. Anything else gets 404, any other method 405.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** 127.0.0.1:9464, the port Prometheus exporters of this kind conventionally use. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9464);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code metrics.scrape()}; port 0 picks a free port (see {@link #address()}). */
    public static MetricsEndpoint start(InetSocketAddress address, RunMetrics metrics) {
        return start(address, metrics::scrape);
    }

    /** Starts serving whatever exposition text {@code scrape} returns at each request. */
    public static MetricsEndpoint start(InetSocketAddress address, Supplier<String> scrape) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("The metrics port " + address.getHostString() + ":" + address.getPort()
                    + " could not be opened (" + e.getMessage() + "): choose a free port with --metrics-listen.", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flowctl-metrics");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", exchange -> answer(exchange, scrape));
        server.setExecutor(executor);
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at /metrics\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else {
                send(exchange, 200, RunMetrics.CONTENT_TYPE, scrape.get());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The address bound, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
