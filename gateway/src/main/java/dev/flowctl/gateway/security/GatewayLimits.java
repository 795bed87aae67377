package dev.flowctl.gateway.security;

/**
 * What one gateway accepts at most, so no caller can exhaust it: calls in progress at once (more get
 * RESOURCE_EXHAUSTED) and the size of one request message (larger gets RESOURCE_EXHAUSTED from grpc).
 */
public record GatewayLimits(int maxConcurrentCalls, int maxInboundMessageBytes) {
    /** 256 calls, 1 MiB: far above any flow's input, far below the heap. */
    public static final GatewayLimits DEFAULT = new GatewayLimits(256, 1 << 20);

    public GatewayLimits {
        if (maxConcurrentCalls < 1) throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, not " + maxConcurrentCalls);
        if (maxInboundMessageBytes < 1024) throw new IllegalArgumentException("maxInboundMessageBytes must be at least 1024, not " + maxInboundMessageBytes);
    }
}
