package dev.flowctl.gateway;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The flow services being served, swapped whole on reload: one volatile catalog, so a call sees
 * either the old set or the new one, never half of each, and no call is dropped by a swap. A call to
 * a flow service of this project that is not (or no longer) served gets NOT_FOUND naming what is
 * live, not UNIMPLEMENTED. Used as the server's fallback registry; reflection lists its services.
 */
final class ServedRegistry extends HandlerRegistry {
    private volatile Catalog catalog;

    ServedRegistry(Catalog first) {
        this.catalog = first;
    }

    Catalog current() {
        return catalog;
    }

    void swap(Catalog next) {
        catalog = next;
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
        return Catalog.list(catalog.services);
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        Catalog c = catalog;
        String service = MethodDescriptor.extractFullServiceName(methodName);
        if (service == null) return null;
        ServerServiceDefinition served = c.services.get(service);
        if (served != null) return served.getMethod(methodName);
        FlowVersionAddress address = addressOf(c, service);
        return address == null ? null : notServed(methodName, c, address);
    }

    /** {@code <project>.flows.<flow>.<version>.<Flow>Service} back to {@code flow@version}; null for another name. */
    private static FlowVersionAddress addressOf(Catalog c, String service) {
        String prefix = c.flowPackagePrefix();
        if (!service.startsWith(prefix)) return null;
        String[] parts = service.substring(prefix.length()).split("\\.");
        if (parts.length != 3) return null;
        try {
            return new FlowVersionAddress(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ServerMethodDefinition<Object, Object> notServed(String methodName, Catalog c, FlowVersionAddress address) {
        String message;
        try {
            c.runs.deployed(address);
            message = address + " is deployed but its contract could not be served; see the gateway's log.";
        } catch (RuntimeException e) {
            message = e.getMessage();
        }
        String text = message;
        MethodDescriptor<Object, Object> m = MethodDescriptor.newBuilder(Ignored.INSTANCE, Ignored.INSTANCE)
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(methodName).build();
        return ServerMethodDefinition.create(m, ServerCalls.asyncUnaryCall((request, response) ->
                response.onError(Status.NOT_FOUND.withDescription(text).asRuntimeException())));
    }

    /** The request of a call answered NOT_FOUND is read and dropped: its schema is not known. */
    private enum Ignored implements MethodDescriptor.Marshaller<Object> {
        INSTANCE;

        @Override
        public InputStream stream(Object value) {
            return InputStream.nullInputStream();
        }

        @Override
        public Object parse(InputStream stream) {
            try (stream) {
                stream.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("cannot read the request.").withCause(e).asRuntimeException();
            }
            return Boolean.TRUE;
        }
    }
}
